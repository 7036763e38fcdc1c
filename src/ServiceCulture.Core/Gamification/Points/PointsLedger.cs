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
    /// tagged with one element. Exact for any time zone: the rollups hold whole UTC days, and the
    /// stretch from the period's first instant to the next UTC midnight is summed from the ledger
    /// itself. A period starts at local midnight, which in UTC can fall on any quarter hour (Kolkata
    /// +5:30, Kathmandu +5:45, Adelaide +9:30/+10:30) and moves with daylight saving, so rollups by
    /// UTC hour would still be wrong somewhere and rollups by the person's local day wrong for every
    /// viewer in another zone; at most one day of ledger rows is read, through the (At) index.
    /// </summary>
    public async Task<Dictionary<int, int>> LeaderboardPointsAsync(DateTime? fromUtc, ServiceElements? element, CancellationToken cancellationToken)
    {
        if (fromUtc is not { } from)
        {
            return await db.PointsTotals.AsNoTracking().Select(TotalScore(element)).ToDictionaryAsync(t => t.EmployeeId, t => t.Value, cancellationToken);
        }

        var day = DateOnly.FromDateTime(from);
        var firstWholeDay = day.ToDateTime(TimeOnly.MinValue) == from ? day : day.AddDays(1);
        var scores = await db.PointsDays.AsNoTracking().Where(d => d.Day >= firstWholeDay)
            .GroupBy(d => d.EmployeeId)
            .Select(DayScore(element))
            .ToDictionaryAsync(t => t.EmployeeId, t => t.Value, cancellationToken);

        var edgeEnd = DateTime.SpecifyKind(firstWholeDay.ToDateTime(TimeOnly.MinValue), DateTimeKind.Utc);
        if (edgeEnd > from)
        {
            var edge = db.PointsLedger.AsNoTracking().Where(e => e.At >= from && e.At < edgeEnd && e.OnLeaderboard);
            if (element is { } only)
            {
                edge = edge.Where(e => (e.Elements & only) == only);
            }

            var partial = await edge.GroupBy(e => e.EmployeeId).Select(g => new { g.Key, Points = g.Sum(e => e.Amount) }).ToListAsync(cancellationToken);
            foreach (var p in partial)
            {
                scores[p.Key] = scores.GetValueOrDefault(p.Key) + p.Points;
            }
        }

        return scores;
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

    private static Expression<Func<IGrouping<int, PointsDay>, PersonScore>> DayScore(ServiceElements? element) => element switch
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

    private async Task AddToRollupsAsync(PointsEntry entry, CancellationToken cancellationToken)
    {
        var board = entry.OnLeaderboard ? entry.Amount : 0;
        int Part(ServiceElements element) => entry.Elements.HasFlag(element) ? board : 0;
        var values = new object[]
        {
            entry.EmployeeId, DateOnly.FromDateTime(entry.At), board,
            Part(ServiceElements.Focus), Part(ServiceElements.Defined), Part(ServiceElements.GivenLife),
            Part(ServiceElements.ProblemSolving), Part(ServiceElements.Measured), Part(ServiceElements.Reinforced),
            entry.Amount,
        };
        var sqlServer = db.Database.ProviderName == "Microsoft.EntityFrameworkCore.SqlServer";
        await db.Database.ExecuteSqlRawAsync(sqlServer ? SqlServerDaySql : UpsertDaySql, values[..9], cancellationToken);
        var total = new[] { values[0], values[9], values[2], values[3], values[4], values[5], values[6], values[7], values[8] };
        await db.Database.ExecuteSqlRawAsync(sqlServer ? SqlServerTotalSql : UpsertTotalSql, total, cancellationToken);
    }

    private const string ElementColumns = "\"Focus\", \"Defined\", \"GivenLife\", \"ProblemSolving\", \"Measured\", \"Reinforced\"";

    // SQLite and PostgreSQL share the upsert syntax.
    private const string UpsertDaySql =
        "INSERT INTO \"PointsDays\" (\"EmployeeId\", \"Day\", \"Points\", " + ElementColumns + ") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}) " +
        "ON CONFLICT (\"EmployeeId\", \"Day\") DO UPDATE SET \"Points\" = \"PointsDays\".\"Points\" + excluded.\"Points\", " +
        "\"Focus\" = \"PointsDays\".\"Focus\" + excluded.\"Focus\", \"Defined\" = \"PointsDays\".\"Defined\" + excluded.\"Defined\", " +
        "\"GivenLife\" = \"PointsDays\".\"GivenLife\" + excluded.\"GivenLife\", \"ProblemSolving\" = \"PointsDays\".\"ProblemSolving\" + excluded.\"ProblemSolving\", " +
        "\"Measured\" = \"PointsDays\".\"Measured\" + excluded.\"Measured\", \"Reinforced\" = \"PointsDays\".\"Reinforced\" + excluded.\"Reinforced\"";

    private const string UpsertTotalSql =
        "INSERT INTO \"PointsTotals\" (\"EmployeeId\", \"Points\", \"LeaderboardPoints\", " + ElementColumns + ") VALUES ({0}, {1}, {2}, {3}, {4}, {5}, {6}, {7}, {8}) " +
        "ON CONFLICT (\"EmployeeId\") DO UPDATE SET \"Points\" = \"PointsTotals\".\"Points\" + excluded.\"Points\", " +
        "\"LeaderboardPoints\" = \"PointsTotals\".\"LeaderboardPoints\" + excluded.\"LeaderboardPoints\", " +
        "\"Focus\" = \"PointsTotals\".\"Focus\" + excluded.\"Focus\", \"Defined\" = \"PointsTotals\".\"Defined\" + excluded.\"Defined\", " +
        "\"GivenLife\" = \"PointsTotals\".\"GivenLife\" + excluded.\"GivenLife\", \"ProblemSolving\" = \"PointsTotals\".\"ProblemSolving\" + excluded.\"ProblemSolving\", " +
        "\"Measured\" = \"PointsTotals\".\"Measured\" + excluded.\"Measured\", \"Reinforced\" = \"PointsTotals\".\"Reinforced\" + excluded.\"Reinforced\"";

    private const string SqlServerDaySql =
        "MERGE [PointsDays] WITH (HOLDLOCK) AS t USING (SELECT {0} AS EmployeeId, {1} AS [Day], {2} AS Points, {3} AS Focus, {4} AS Defined, {5} AS GivenLife, {6} AS ProblemSolving, {7} AS Measured, {8} AS Reinforced) AS s " +
        "ON t.EmployeeId = s.EmployeeId AND t.[Day] = s.[Day] " +
        "WHEN MATCHED THEN UPDATE SET Points = t.Points + s.Points, Focus = t.Focus + s.Focus, Defined = t.Defined + s.Defined, GivenLife = t.GivenLife + s.GivenLife, ProblemSolving = t.ProblemSolving + s.ProblemSolving, Measured = t.Measured + s.Measured, Reinforced = t.Reinforced + s.Reinforced " +
        "WHEN NOT MATCHED THEN INSERT (EmployeeId, [Day], Points, Focus, Defined, GivenLife, ProblemSolving, Measured, Reinforced) VALUES (s.EmployeeId, s.[Day], s.Points, s.Focus, s.Defined, s.GivenLife, s.ProblemSolving, s.Measured, s.Reinforced);";

    private const string SqlServerTotalSql =
        "MERGE [PointsTotals] WITH (HOLDLOCK) AS t USING (SELECT {0} AS EmployeeId, {1} AS Points, {2} AS LeaderboardPoints, {3} AS Focus, {4} AS Defined, {5} AS GivenLife, {6} AS ProblemSolving, {7} AS Measured, {8} AS Reinforced) AS s " +
        "ON t.EmployeeId = s.EmployeeId " +
        "WHEN MATCHED THEN UPDATE SET Points = t.Points + s.Points, LeaderboardPoints = t.LeaderboardPoints + s.LeaderboardPoints, Focus = t.Focus + s.Focus, Defined = t.Defined + s.Defined, GivenLife = t.GivenLife + s.GivenLife, ProblemSolving = t.ProblemSolving + s.ProblemSolving, Measured = t.Measured + s.Measured, Reinforced = t.Reinforced + s.Reinforced " +
        "WHEN NOT MATCHED THEN INSERT (EmployeeId, Points, LeaderboardPoints, Focus, Defined, GivenLife, ProblemSolving, Measured, Reinforced) VALUES (s.EmployeeId, s.Points, s.LeaderboardPoints, s.Focus, s.Defined, s.GivenLife, s.ProblemSolving, s.Measured, s.Reinforced);";
}
