using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;

namespace ServiceCulture.Gamification;

/// <summary>
/// Appends to the points ledger. An entry whose (person, reason, source) is already there is
/// skipped, so no event is ever counted twice. The daily and all-time rollups that leaderboards read
/// are updated in the same transaction; call this inside the caller's transaction.
/// </summary>
public sealed class PointsLedger(AppDbContext db)
{
    public async Task<IReadOnlyList<PointsEntry>> RecordAsync(IReadOnlyCollection<PointsEntry> entries, CancellationToken cancellationToken)
    {
        if (entries.Count == 0)
        {
            return [];
        }

        var people = entries.Select(e => e.EmployeeId).Distinct().ToList();
        var sources = entries.Select(e => e.Source).Distinct().ToList();
        var existing = (await db.PointsLedger.AsNoTracking()
                .Where(e => people.Contains(e.EmployeeId) && sources.Contains(e.Source))
                .Select(e => new { e.EmployeeId, e.Reason, e.Source })
                .ToListAsync(cancellationToken))
            .Select(e => (e.EmployeeId, e.Reason, e.Source))
            .ToHashSet();
        var fresh = entries
            .Where(e => existing.Add((e.EmployeeId, e.Reason, e.Source)))
            .ToList();
        if (fresh.Count == 0)
        {
            return [];
        }

        db.PointsLedger.AddRange(fresh);
        await db.SaveChangesAsync(cancellationToken);
        // Rollup rows are locked in one order (by person) in every transaction, so two recognitions
        // exchanged at once between the same people wait for each other instead of deadlocking.
        foreach (var entry in fresh.OrderBy(e => e.EmployeeId))
        {
            await AddToRollupsAsync(entry, cancellationToken);
        }

        return fresh;
    }

    /// <summary>Reversing rows for everything a source gave, in the given reasons, that is not yet reversed.</summary>
    public async Task<IReadOnlyList<PointsEntry>> ReverseAsync(string source, IReadOnlyDictionary<PointsReason, PointsReason> reversals, DateTime at, CancellationToken cancellationToken)
    {
        var reasons = reversals.Keys.ToList();
        var given = await db.PointsLedger.AsNoTracking()
            .Where(e => e.Source == source && reasons.Contains(e.Reason))
            .ToListAsync(cancellationToken);
        return await RecordAsync([.. given.Select(e => new PointsEntry
        {
            EmployeeId = e.EmployeeId,
            Amount = -e.Amount,
            Reason = reversals[e.Reason],
            Source = e.Source,
            At = at,
            Elements = e.Elements,
            OnLeaderboard = e.OnLeaderboard,
        })], cancellationToken);
    }

    /// <summary>
    /// Leaderboard points per person from an instant on (all time when null), optionally only those
    /// tagged with one element. Exact for any time zone. The rollups hold whole UTC months and whole
    /// UTC days, and the stretch between the period's first instant and the nearest UTC midnight is
    /// summed from the ledger itself. A period starts at local midnight, which in UTC can fall on any
    /// quarter hour (Kolkata +5:30, Kathmandu +5:45, Adelaide +9:30/+10:30) and moves with daylight
    /// saving, so rollups by UTC hour would still be wrong somewhere and rollups by the person's local
    /// day wrong for every viewer in another zone.
    /// <para>
    /// From the nearer UTC month boundary: either the months after the period's month, plus that
    /// month's remaining days, plus the first day's remaining hours; or the months from the period's
    /// month, less that month's days before the period, less the first day's hours before it. A month
    /// or quarter starts within a day of a UTC month boundary in every zone, so its board reads about
    /// one month row per person and month, at most one day row per person, and at most one day of
    /// ledger rows through the (At) index; a week reads at most seven day rows per person.
    /// </para>
    /// </summary>
    public async Task<Dictionary<int, int>> LeaderboardPointsAsync(DateTime? fromUtc, ServiceElements? element, CancellationToken cancellationToken)
    {
        if (fromUtc is not { } from)
        {
            return await db.PointsTotals.AsNoTracking().Select(TotalScore(element)).ToDictionaryAsync(t => t.EmployeeId, t => t.Value, cancellationToken);
        }

        var day = DateOnly.FromDateTime(from);
        var dayStart = Midnight(day);
        var nextDay = dayStart == from ? day : day.AddDays(1);
        var month = new DateOnly(day.Year, day.Month, 1);
        var nextMonth = month.AddMonths(1);
        var forward = nextMonth.DayNumber - nextDay.DayNumber <= day.DayNumber - month.DayNumber;

        var scores = await MonthScoresAsync(forward ? nextMonth : month, element, cancellationToken);
        if (forward)
        {
            await AddAsync(scores, DayScoresAsync(nextDay, nextMonth, element, cancellationToken), 1);
            await AddAsync(scores, LedgerScoresAsync(from, Midnight(nextDay), element, cancellationToken), 1);
        }
        else
        {
            await AddAsync(scores, DayScoresAsync(month, day, element, cancellationToken), -1);
            await AddAsync(scores, LedgerScoresAsync(dayStart, from, element, cancellationToken), -1);
        }

        return scores;
    }

    private static DateTime Midnight(DateOnly day) => DateTime.SpecifyKind(day.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);

    private static async Task AddAsync(Dictionary<int, int> scores, Task<List<PersonScore>> part, int sign)
    {
        foreach (var p in await part)
        {
            scores[p.EmployeeId] = scores.GetValueOrDefault(p.EmployeeId) + (sign * p.Value);
        }
    }

    private Task<Dictionary<int, int>> MonthScoresAsync(DateOnly from, ServiceElements? element, CancellationToken cancellationToken) =>
        db.PointsMonths.AsNoTracking().Where(m => m.Month >= from)
            .GroupBy(m => m.EmployeeId)
            .Select(RollupScore<PointsMonth>(element))
            .ToDictionaryAsync(t => t.EmployeeId, t => t.Value, cancellationToken);

    private async Task<List<PersonScore>> DayScoresAsync(DateOnly from, DateOnly until, ServiceElements? element, CancellationToken cancellationToken) =>
        from >= until
            ? []
            : await db.PointsDays.AsNoTracking().Where(d => d.Day >= from && d.Day < until)
                .GroupBy(d => d.EmployeeId)
                .Select(RollupScore<PointsDay>(element))
                .ToListAsync(cancellationToken);

    private async Task<List<PersonScore>> LedgerScoresAsync(DateTime from, DateTime until, ServiceElements? element, CancellationToken cancellationToken)
    {
        if (from >= until)
        {
            return [];
        }

        var rows = db.PointsLedger.AsNoTracking().Where(e => e.At >= from && e.At < until && e.OnLeaderboard);
        if (element is { } only)
        {
            rows = rows.Where(e => (e.Elements & only) == only);
        }

        return await rows.GroupBy(e => e.EmployeeId).Select(g => new PersonScore(g.Key, g.Sum(e => e.Amount))).ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Serialises the capped earnings of one person (moments and givings counted per day): the
    /// count and the new ledger row then happen one request at a time, so concurrent posts cannot
    /// exceed the cap. SQLite already runs one writing transaction at a time.
    /// </summary>
    public async Task LockCapsAsync(int employeeId, CancellationToken cancellationToken)
    {
        switch (db.Database.ProviderName)
        {
            case "Npgsql.EntityFrameworkCore.PostgreSQL":
                await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock({0}, {1})", [CapsLockSpace, employeeId], cancellationToken);
                break;
            case "Microsoft.EntityFrameworkCore.SqlServer":
                await db.Database.ExecuteSqlRawAsync("EXEC sp_getapplock @Resource = {0}, @LockMode = 'Exclusive', @LockOwner = 'Transaction'", ["points-caps:" + employeeId], cancellationToken);
                break;
        }
    }

    /// <summary>The first key of PostgreSQL's two-key advisory locks that the caps use.</summary>
    private const int CapsLockSpace = 7001;

    private static Expression<Func<PointsTotal, PersonScore>> TotalScore(ServiceElements? element) => element switch
    {
        ServiceElements.Focus => t => new PersonScore(t.EmployeeId, t.Focus),
        ServiceElements.Defined => t => new PersonScore(t.EmployeeId, t.Defined),
        ServiceElements.GivenLife => t => new PersonScore(t.EmployeeId, t.GivenLife),
        ServiceElements.ProblemSolving => t => new PersonScore(t.EmployeeId, t.ProblemSolving),
        ServiceElements.Measured => t => new PersonScore(t.EmployeeId, t.Measured),
        ServiceElements.Reinforced => t => new PersonScore(t.EmployeeId, t.Reinforced),
        _ => t => new PersonScore(t.EmployeeId, t.LeaderboardPoints),
    };

    private static Expression<Func<IGrouping<int, T>, PersonScore>> RollupScore<T>(ServiceElements? element)
        where T : class, IBoardPoints => element switch
        {
            ServiceElements.Focus => g => new PersonScore(g.Key, g.Sum(d => d.Focus)),
            ServiceElements.Defined => g => new PersonScore(g.Key, g.Sum(d => d.Defined)),
            ServiceElements.GivenLife => g => new PersonScore(g.Key, g.Sum(d => d.GivenLife)),
            ServiceElements.ProblemSolving => g => new PersonScore(g.Key, g.Sum(d => d.ProblemSolving)),
            ServiceElements.Measured => g => new PersonScore(g.Key, g.Sum(d => d.Measured)),
            ServiceElements.Reinforced => g => new PersonScore(g.Key, g.Sum(d => d.Reinforced)),
            _ => g => new PersonScore(g.Key, g.Sum(d => d.Points)),
        };

    private sealed record PersonScore(int EmployeeId, int Value);

    /// <summary>Rebuilds the rollups from the ledger; the ledger is the truth and the rollups follow it.</summary>
    public async Task RebuildRollupsAsync(CancellationToken cancellationToken)
    {
        await db.PointsDays.ExecuteDeleteAsync(cancellationToken);
        await db.PointsMonths.ExecuteDeleteAsync(cancellationToken);
        await db.PointsTotals.ExecuteDeleteAsync(cancellationToken);
        var lastId = 0L;
        while (true)
        {
            var batch = await db.PointsLedger.AsNoTracking().Where(e => e.Id > lastId).OrderBy(e => e.Id).Take(5000).ToListAsync(cancellationToken);
            if (batch.Count == 0)
            {
                break;
            }

            foreach (var entry in batch)
            {
                await AddToRollupsAsync(entry, cancellationToken);
            }

            lastId = batch[^1].Id;
        }
    }

    /// <summary>Adds one ledger row to its day, its month and the all-time total, in one command and in that order.</summary>
    private async Task AddToRollupsAsync(PointsEntry entry, CancellationToken cancellationToken)
    {
        var board = entry.OnLeaderboard ? entry.Amount : 0;
        int Part(ServiceElements element) => entry.Elements.HasFlag(element) ? board : 0;
        var day = DateOnly.FromDateTime(entry.At);
        object[] values =
        [
            entry.EmployeeId, board,
            Part(ServiceElements.Focus), Part(ServiceElements.Defined), Part(ServiceElements.GivenLife),
            Part(ServiceElements.ProblemSolving), Part(ServiceElements.Measured), Part(ServiceElements.Reinforced),
            day, new DateOnly(day.Year, day.Month, 1), entry.Amount,
        ];
        var sql = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer" ? SqlServerRollupsSql : UpsertRollupsSql;
        await db.Database.ExecuteSqlRawAsync(sql, values, cancellationToken);
    }

    // Parameters: {0} person, {1} leaderboard points, {2}–{7} the six elements' points, {8} the UTC day,
    // {9} the first day of its month, {10} all points (on the leaderboard or not).
    private const string ElementColumns = "\"Focus\", \"Defined\", \"GivenLife\", \"ProblemSolving\", \"Measured\", \"Reinforced\"";
    private const string BoardValues = "{1}, {2}, {3}, {4}, {5}, {6}, {7}";

    private static string AddBoardColumns(string table) =>
        $"\"Focus\" = \"{table}\".\"Focus\" + excluded.\"Focus\", \"Defined\" = \"{table}\".\"Defined\" + excluded.\"Defined\", " +
        $"\"GivenLife\" = \"{table}\".\"GivenLife\" + excluded.\"GivenLife\", \"ProblemSolving\" = \"{table}\".\"ProblemSolving\" + excluded.\"ProblemSolving\", " +
        $"\"Measured\" = \"{table}\".\"Measured\" + excluded.\"Measured\", \"Reinforced\" = \"{table}\".\"Reinforced\" + excluded.\"Reinforced\"";

    // SQLite and PostgreSQL share the upsert syntax; both run the three statements of one command in turn.
    private static readonly string UpsertRollupsSql =
        "INSERT INTO \"PointsDays\" (\"EmployeeId\", \"Day\", \"Points\", " + ElementColumns + ") VALUES ({0}, {8}, " + BoardValues + ") " +
        "ON CONFLICT (\"EmployeeId\", \"Day\") DO UPDATE SET \"Points\" = \"PointsDays\".\"Points\" + excluded.\"Points\", " + AddBoardColumns("PointsDays") + "; " +
        "INSERT INTO \"PointsMonths\" (\"EmployeeId\", \"Month\", \"Points\", " + ElementColumns + ") VALUES ({0}, {9}, " + BoardValues + ") " +
        "ON CONFLICT (\"EmployeeId\", \"Month\") DO UPDATE SET \"Points\" = \"PointsMonths\".\"Points\" + excluded.\"Points\", " + AddBoardColumns("PointsMonths") + "; " +
        "INSERT INTO \"PointsTotals\" (\"EmployeeId\", \"Points\", \"LeaderboardPoints\", " + ElementColumns + ") VALUES ({0}, {10}, " + BoardValues + ") " +
        "ON CONFLICT (\"EmployeeId\") DO UPDATE SET \"Points\" = \"PointsTotals\".\"Points\" + excluded.\"Points\", " +
        "\"LeaderboardPoints\" = \"PointsTotals\".\"LeaderboardPoints\" + excluded.\"LeaderboardPoints\", " + AddBoardColumns("PointsTotals") + ";";

    private const string MergeBoardColumns =
        "Focus = t.Focus + s.Focus, Defined = t.Defined + s.Defined, GivenLife = t.GivenLife + s.GivenLife, ProblemSolving = t.ProblemSolving + s.ProblemSolving, Measured = t.Measured + s.Measured, Reinforced = t.Reinforced + s.Reinforced";

    private const string SourceBoardColumns = "{1} AS Points, {2} AS Focus, {3} AS Defined, {4} AS GivenLife, {5} AS ProblemSolving, {6} AS Measured, {7} AS Reinforced";

    private const string SqlServerRollupsSql =
        "MERGE [PointsDays] WITH (HOLDLOCK) AS t USING (SELECT {0} AS EmployeeId, {8} AS [Day], " + SourceBoardColumns + ") AS s " +
        "ON t.EmployeeId = s.EmployeeId AND t.[Day] = s.[Day] " +
        "WHEN MATCHED THEN UPDATE SET Points = t.Points + s.Points, " + MergeBoardColumns + " " +
        "WHEN NOT MATCHED THEN INSERT (EmployeeId, [Day], Points, Focus, Defined, GivenLife, ProblemSolving, Measured, Reinforced) VALUES (s.EmployeeId, s.[Day], s.Points, s.Focus, s.Defined, s.GivenLife, s.ProblemSolving, s.Measured, s.Reinforced); " +
        "MERGE [PointsMonths] WITH (HOLDLOCK) AS t USING (SELECT {0} AS EmployeeId, {9} AS [Month], " + SourceBoardColumns + ") AS s " +
        "ON t.EmployeeId = s.EmployeeId AND t.[Month] = s.[Month] " +
        "WHEN MATCHED THEN UPDATE SET Points = t.Points + s.Points, " + MergeBoardColumns + " " +
        "WHEN NOT MATCHED THEN INSERT (EmployeeId, [Month], Points, Focus, Defined, GivenLife, ProblemSolving, Measured, Reinforced) VALUES (s.EmployeeId, s.[Month], s.Points, s.Focus, s.Defined, s.GivenLife, s.ProblemSolving, s.Measured, s.Reinforced); " +
        "MERGE [PointsTotals] WITH (HOLDLOCK) AS t USING (SELECT {0} AS EmployeeId, {10} AS AllPoints, " + SourceBoardColumns + ") AS s " +
        "ON t.EmployeeId = s.EmployeeId " +
        "WHEN MATCHED THEN UPDATE SET Points = t.Points + s.AllPoints, LeaderboardPoints = t.LeaderboardPoints + s.Points, " + MergeBoardColumns + " " +
        "WHEN NOT MATCHED THEN INSERT (EmployeeId, Points, LeaderboardPoints, Focus, Defined, GivenLife, ProblemSolving, Measured, Reinforced) VALUES (s.EmployeeId, s.AllPoints, s.Points, s.Focus, s.Defined, s.GivenLife, s.ProblemSolving, s.Measured, s.Reinforced);";
}
