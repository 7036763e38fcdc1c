using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;

namespace ServiceCulture.Reporting;

/// <summary>
/// Computes the report figures for a team (its sub-teams rolled up) or the organisation. One set of
/// aggregate queries grouped by team serves every scope at once, so the organisation report, its
/// side-by-side teams and the monthly snapshot of every team cost the same handful of queries.
/// Closed months are read from their stored snapshot when there is one.
/// </summary>
public sealed class ReportBuilder(AppDbContext db)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private IReadOnlyList<TeamNode>? teams;

    /// <summary>A team in the hierarchy.</summary>
    public sealed record TeamNode(int Id, string Name, int? ParentTeamId, int? ManagerId);

    public async Task<IReadOnlyList<TeamNode>> TeamsAsync(CancellationToken cancellationToken) =>
        teams ??= await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new TeamNode(t.Id, t.Name, t.ParentTeamId, t.ManagerId)).ToListAsync(cancellationToken);

    /// <summary>The teams with no parent (or a parent that no longer exists), which the organisation compares side by side.</summary>
    public static List<TeamNode> TopLevel(IReadOnlyList<TeamNode> all) =>
        [.. all.Where(t => t.ParentTeamId is null || all.All(p => p.Id != t.ParentTeamId))];

    /// <summary>Every snapshot stored for a month, by team id (0 for the organisation).</summary>
    public async Task<IReadOnlyDictionary<int, ReportFigures>> StoredMonthAsync(DateOnly month, CancellationToken cancellationToken) =>
        (await db.ReportSnapshots.AsNoTracking().Where(s => s.Month == month).Select(s => new { s.TeamId, s.Figures }).ToListAsync(cancellationToken))
            .ToDictionary(r => r.TeamId ?? 0, r => Deserialize(r.Figures));

    /// <summary>The team and every team below it.</summary>
    public async Task<HashSet<int>> RolledUpAsync(int teamId, CancellationToken cancellationToken) =>
        RollUp(teamId, await TeamsAsync(cancellationToken));

    private static HashSet<int> RollUp(int teamId, IReadOnlyList<TeamNode> all)
    {
        var set = new HashSet<int> { teamId };
        var added = true;
        while (added)
        {
            added = false;
            foreach (var team in all)
            {
                if (team.ParentTeamId is { } parent && set.Contains(parent) && set.Add(team.Id))
                {
                    added = true;
                }
            }
        }

        return set;
    }

    /// <summary>A whole report: the period, the previous period of the same length, the 12-month trend and (organisation) its teams.</summary>
    public async Task<Report> BuildAsync(int? teamId, ReportRange range, DateTime now, CancellationToken cancellationToken)
    {
        var all = await TeamsAsync(cancellationToken);
        var name = teamId is { } id ? all.Single(t => t.Id == id).Name : "Whole organisation";
        var (figures, fromSnapshot) = await FiguresAsync(teamId, range, now, cancellationToken);
        var (previous, _) = await FiguresAsync(teamId, range.Previous(), now, cancellationToken);
        var trend = await TrendAsync(teamId, range, now, cancellationToken);

        IReadOnlyList<TeamColumn> columns = [];
        if (teamId is null)
        {
            var tops = TopLevel(all);
            var snapshots = range.IsWholeMonth && IsClosed(range.Start, now)
                ? await SnapshotsAsync(tops.Select(t => (int?)t.Id).ToList(), range.Start, cancellationToken)
                : [];
            if (snapshots.Count == tops.Count)
            {
                columns = [.. tops.Select(t => new TeamColumn(t.Id, t.Name, snapshots[t.Id]))];
            }
            else
            {
                var data = await GatherAsync(null, range, AsOf(range, now), now, cancellationToken);
                columns = [.. tops.Select(t => new TeamColumn(t.Id, t.Name, Compute(data, RollUp(t.Id, all), range)))];
            }
        }

        return new Report(teamId, name, range, figures, previous, trend, columns, fromSnapshot);
    }

    /// <summary>The figures of one scope and period: a stored snapshot for a closed month, live otherwise.</summary>
    public async Task<(ReportFigures Figures, bool FromSnapshot)> FiguresAsync(int? teamId, ReportRange range, DateTime now, CancellationToken cancellationToken)
    {
        if (range.IsWholeMonth && IsClosed(range.Start, now))
        {
            var stored = await SnapshotsAsync([teamId], range.Start, cancellationToken);
            if (stored.TryGetValue(teamId ?? 0, out var snapshot))
            {
                return (snapshot, true);
            }
        }

        return (await LiveAsync(teamId, range, now, cancellationToken), false);
    }

    /// <summary>The figures computed from the data, never from a snapshot.</summary>
    public async Task<ReportFigures> LiveAsync(int? teamId, ReportRange range, DateTime now, CancellationToken cancellationToken)
    {
        HashSet<int>? scope = teamId is { } id ? await RolledUpAsync(id, cancellationToken) : null;
        var data = await GatherAsync(scope, range, AsOf(range, now), now, cancellationToken);
        return Compute(data, scope, range);
    }

    /// <summary>The figures of one closed month for the organisation and for every team, from one set of queries.</summary>
    public async Task<IReadOnlyDictionary<int, ReportFigures>> MonthForEveryScopeAsync(DateOnly month, CancellationToken cancellationToken)
    {
        var range = ReportRange.ForMonth(month);
        var all = await TeamsAsync(cancellationToken);
        // The month is closed: its end has passed.
        var data = await GatherAsync(null, range, range.EndUtc, DateTime.MaxValue, cancellationToken);
        var result = new Dictionary<int, ReportFigures> { [0] = Compute(data, null, range) };
        foreach (var team in all)
        {
            result[team.Id] = Compute(data, RollUp(team.Id, all), range);
        }

        return result;
    }

    public async Task<IReadOnlyList<TrendPoint>> TrendAsync(int? teamId, ReportRange range, DateTime now, CancellationToken cancellationToken)
    {
        var last = new DateOnly(range.End.AddDays(-1).Year, range.End.AddDays(-1).Month, 1);
        var months = Enumerable.Range(0, 12).Select(i => last.AddMonths(i - 11)).ToList();
        var scope = ReportSnapshot.ScopeOf(teamId);
        var stored = await db.ReportSnapshots.AsNoTracking()
            .Where(s => s.Scope == scope && s.Month >= months[0] && s.Month <= last)
            .Select(s => new { s.Month, s.Figures }).ToListAsync(cancellationToken);
        var points = new List<TrendPoint>();
        foreach (var month in months)
        {
            var snapshot = stored.FirstOrDefault(s => s.Month == month);
            points.Add(snapshot is not null
                ? new TrendPoint(month, Deserialize(snapshot.Figures), true)
                : new TrendPoint(month, await LiveAsync(teamId, ReportRange.ForMonth(month), now, cancellationToken), false));
        }

        return points;
    }

    public static bool IsClosed(DateOnly month, DateTime now) => month.AddMonths(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc) <= now;

    public static string Serialize(ReportFigures figures) => JsonSerializer.Serialize(figures, Json);

    public static ReportFigures Deserialize(string json) => JsonSerializer.Deserialize<ReportFigures>(json, Json)!;

    private static DateTime AsOf(ReportRange range, DateTime now) => range.EndUtc < now ? range.EndUtc : now;

    private async Task<Dictionary<int, ReportFigures>> SnapshotsAsync(List<int?> teamIds, DateOnly month, CancellationToken cancellationToken)
    {
        var scopes = teamIds.Select(ReportSnapshot.ScopeOf).ToList();
        var rows = await db.ReportSnapshots.AsNoTracking().Where(s => s.Month == month && scopes.Contains(s.Scope))
            .Select(s => new { s.TeamId, s.Figures }).ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.TeamId ?? 0, r => Deserialize(r.Figures));
    }

    // What the queries bring back, grouped by team; every scope is a roll-up of these rows.
    private sealed record Data(
        List<Person> People,
        List<TeamKind> Kinds,
        List<TeamElements> MomentElements,
        List<Recovered> Recovered,
        List<OpenByTeam> Open,
        HashSet<int> Active,
        List<Received> Received,
        List<TeamElements> RecognitionElements,
        List<RatingGroup> Ratings,
        List<OutcomeRow> Outcomes);

    private sealed record Person(int Id, int? TeamId, bool IsActive);
    private sealed record TeamKind(int? TeamId, MomentKind Kind, int Count);
    private sealed record TeamElements(int? TeamId, ServiceElements Elements, int Count);
    private sealed record Recovered(int? TeamId, DateTime CreatedAt, DateTime RecoveredAt);
    private sealed record OpenByTeam(int? TeamId, int Count, DateTime Oldest);
    private sealed record Received(int RecipientId, int Count);
    private sealed record OutcomeRow(int TeamId, double? Csat, int? Nps, double? Retention, int? Referrals, int? Complaints);

    private sealed record RatingGroup(int RatedTeamId, int? RaterTeamId, int RaterId, int Ratings,
        int FocusSum, int FocusCount, int DefinedSum, int DefinedCount, int GivenLifeSum, int GivenLifeCount,
        int ProblemSolvingSum, int ProblemSolvingCount, int MeasuredSum, int MeasuredCount, int ReinforcedSum, int ReinforcedCount)
    {
        public (int Sum, int Count) Element(int index) => index switch
        {
            0 => (FocusSum, FocusCount),
            1 => (DefinedSum, DefinedCount),
            2 => (GivenLifeSum, GivenLifeCount),
            3 => (ProblemSolvingSum, ProblemSolvingCount),
            4 => (MeasuredSum, MeasuredCount),
            _ => (ReinforcedSum, ReinforcedCount),
        };
    }

    // A report asks for the same scope and period more than once (its figures, the trend's last month,
    // the organisation's teams); one request gathers each once.
    private readonly Dictionary<string, Data> gathered = [];

    private async Task<Data> GatherAsync(HashSet<int>? scope, ReportRange range, DateTime asOf, DateTime now, CancellationToken cancellationToken)
    {
        var key = $"{(scope is null ? "all" : string.Join(',', scope.Order()))}|{range.Start:O}|{range.End:O}|{asOf:O}";
        if (!gathered.TryGetValue(key, out var data))
        {
            data = await QueryAsync(scope, range, asOf, asOf < now, cancellationToken);
            gathered[key] = data;
        }

        return data;
    }

    private async Task<Data> QueryAsync(HashSet<int>? scope, ReportRange range, DateTime asOf, bool periodOver, CancellationToken cancellationToken)
    {
        var start = range.StartUtc;
        var end = range.EndUtc;
        var firstMonth = new DateOnly(range.Start.Year, range.Start.Month, 1);
        var teamIds = scope?.Select(t => (int?)t).ToList();
        var plainIds = scope?.ToList();

        var moments = db.Moments.AsNoTracking().Where(m => m.DeletedAt == null);
        var users = db.Users.AsNoTracking();
        var ratings = db.ServiceRatings.AsNoTracking().Where(r => r.Month >= firstMonth && r.Month < range.End);
        var outcomes = db.OutcomeMeasures.AsNoTracking().Where(o => o.Month >= firstMonth && o.Month < range.End);
        if (teamIds is not null)
        {
            moments = moments.Where(m => teamIds.Contains(m.AuthorTeamId));
            users = users.Where(u => teamIds.Contains(u.TeamId));
            ratings = ratings.Where(r => plainIds!.Contains(r.RatedTeamId) || teamIds.Contains(r.RaterTeamId));
            outcomes = outcomes.Where(o => plainIds!.Contains(o.TeamId));
        }

        var inRange = moments.Where(m => m.CreatedAt >= start && m.CreatedAt < end);
        var people = await users.Select(u => new Person(u.Id, u.TeamId, u.IsActive)).ToListAsync(cancellationToken);
        // Kinds and elements come from one pass over the period's moments, grouped by both, and are
        // summed apart here: each pass looks up every moment of the period in the table.
        var momentGroups = await inRange.GroupBy(m => new { m.AuthorTeamId, m.Kind, m.Elements })
            .Select(g => new { g.Key.AuthorTeamId, g.Key.Kind, g.Key.Elements, Count = g.Count() }).ToListAsync(cancellationToken);
        var kinds = momentGroups.GroupBy(g => (g.AuthorTeamId, g.Kind))
            .Select(g => new TeamKind(g.Key.AuthorTeamId, g.Key.Kind, g.Sum(x => x.Count))).ToList();
        var momentElements = momentGroups.GroupBy(g => (g.AuthorTeamId, g.Elements))
            .Select(g => new TeamElements(g.Key.AuthorTeamId, g.Key.Elements, g.Sum(x => x.Count))).ToList();
        var recovered = await inRange.Where(m => m.Kind == MomentKind.Misery && m.RecoveredAt != null && m.RecoveredAt < asOf)
            .Select(m => new Recovered(m.AuthorTeamId, m.CreatedAt, m.RecoveredAt!.Value)).ToListAsync(cancellationToken);
        // Open at the end of the period: never recovered, or recovered after it. The first half seeks the
        // (kind, recovery, created) index; the second can only find rows when the period is over, so a
        // live period skips it rather than read every recovered misery there has been.
        var misery = moments.Where(m => m.Kind == MomentKind.Misery && m.CreatedAt < asOf);
        var open = await misery.Where(m => m.RecoveryId == null)
            .GroupBy(m => m.AuthorTeamId)
            .Select(g => new OpenByTeam(g.Key, g.Count(), g.Min(m => m.CreatedAt))).ToListAsync(cancellationToken);
        if (periodOver)
        {
            var recoveredLater = await misery.Where(m => m.RecoveryId != null && (m.RecoveredAt == null || m.RecoveredAt >= asOf))
                .GroupBy(m => m.AuthorTeamId)
                .Select(g => new OpenByTeam(g.Key, g.Count(), g.Min(m => m.CreatedAt))).ToListAsync(cancellationToken);
            open = [.. open.Concat(recoveredLater).GroupBy(o => o.TeamId).Select(g => new OpenByTeam(g.Key, g.Sum(o => o.Count), g.Min(o => o.Oldest)))];
        }

        // Participation counts the scope's people who logged or gave anything in the period.
        var recognitions = db.Recognitions.AsNoTracking().Where(r => r.DeletedAt == null && r.CreatedAt >= start && r.CreatedAt < end);
        var authors = await inRange.Select(m => m.AuthorId).Distinct().ToListAsync(cancellationToken);
        var givers = teamIds is null
            ? await recognitions.Select(r => r.GiverId).Distinct().ToListAsync(cancellationToken)
            : await recognitions.Join(users, r => r.GiverId, u => u.Id, (r, u) => r.GiverId).Distinct().ToListAsync(cancellationToken);
        var active = authors.Concat(givers).ToHashSet();

        // Recognitions received, per person and elements, in one pass; the people in scope and their
        // teams are already read, so the scope is applied here rather than by a join per row.
        var teamOf = people.ToDictionary(p => p.Id, p => p.TeamId);
        var receivedGroups = (await db.RecognitionRecipients.AsNoTracking()
                .Join(recognitions, x => x.RecognitionId, r => r.Id, (x, r) => new { x.RecipientId, r.Elements })
                .GroupBy(x => new { x.RecipientId, x.Elements })
                .Select(g => new { g.Key.RecipientId, g.Key.Elements, Count = g.Count() }).ToListAsync(cancellationToken))
            .Where(g => teamOf.ContainsKey(g.RecipientId))
            .ToList();
        var received = receivedGroups.GroupBy(g => g.RecipientId)
            .Select(g => new Received(g.Key, g.Sum(x => x.Count))).ToList();
        var recognitionElements = receivedGroups.GroupBy(g => (TeamId: teamOf[g.RecipientId], g.Elements))
            .Select(g => new TeamElements(g.Key.TeamId, g.Key.Elements, g.Sum(x => x.Count))).ToList();

        var ratingGroups = await ratings.GroupBy(r => new { r.RatedTeamId, r.RaterTeamId, r.RaterId })
            .Select(g => new RatingGroup(g.Key.RatedTeamId, g.Key.RaterTeamId, g.Key.RaterId, g.Count(),
                g.Sum(r => r.Focus ?? 0), g.Count(r => r.Focus != null),
                g.Sum(r => r.Defined ?? 0), g.Count(r => r.Defined != null),
                g.Sum(r => r.GivenLife ?? 0), g.Count(r => r.GivenLife != null),
                g.Sum(r => r.ProblemSolving ?? 0), g.Count(r => r.ProblemSolving != null),
                g.Sum(r => r.Measured ?? 0), g.Count(r => r.Measured != null),
                g.Sum(r => r.Reinforced ?? 0), g.Count(r => r.Reinforced != null)))
            .ToListAsync(cancellationToken);
        var outcomeRows = await outcomes.Select(o => new OutcomeRow(o.TeamId, o.Csat, o.Nps, o.Retention, o.Referrals, o.Complaints)).ToListAsync(cancellationToken);

        return new Data(people, kinds, momentElements, recovered, open, active, received, recognitionElements, ratingGroups, outcomeRows);
    }

    private static ReportFigures Compute(Data data, HashSet<int>? scope, ReportRange range)
    {
        bool In(int? teamId) => scope is null || (teamId is { } t && scope.Contains(t));

        var kinds = data.Kinds.Where(k => In(k.TeamId)).ToList();
        int Kind(MomentKind kind) => kinds.Where(k => k.Kind == kind).Sum(k => k.Count);
        var counts = new KindCounts(Kind(MomentKind.Truth), Kind(MomentKind.Magic), Kind(MomentKind.Misery), Kind(MomentKind.Recovery));
        var momentElements = PerElement(data.MomentElements.Where(e => In(e.TeamId)));

        var recovered = data.Recovered.Where(r => In(r.TeamId)).Select(r => (r.RecoveredAt - r.CreatedAt).TotalHours).ToList();
        var open = data.Open.Where(o => In(o.TeamId)).ToList();

        var people = data.People.Where(p => p.IsActive && In(p.TeamId)).Select(p => p.Id).ToHashSet();
        var participants = people.Count(data.Active.Contains);
        var teamOf = data.People.ToDictionary(p => p.Id, p => p.TeamId);
        var received = data.Received.Where(r => teamOf.TryGetValue(r.RecipientId, out var t) && In(t)).ToList();
        var recognised = received.Count(r => people.Contains(r.RecipientId));
        var totalReceived = received.Sum(r => r.Count);
        double? concentration = null;
        if (received.Count > 0)
        {
            var top = (int)Math.Ceiling(received.Count * FigureCatalog.TopRecipientsShare);
            concentration = (double)received.OrderByDescending(r => r.Count).Take(top).Sum(r => r.Count) / totalReceived;
        }

        var given = scope is null ? data.Ratings : data.Ratings.Where(r => In(r.RaterTeamId)).ToList();
        var outcomes = data.Outcomes.Where(o => In(o.TeamId)).ToList();
        return new ReportFigures
        {
            Start = range.Start,
            End = range.End,
            People = people.Count,
            Moments = counts,
            MomentsByElement = momentElements,
            Recognitions = totalReceived,
            RecognitionsByElement = PerElement(data.RecognitionElements.Where(e => In(e.TeamId))),
            MiseriesLogged = counts.Misery,
            MiseriesRecovered = recovered.Count,
            RecoveryRate = counts.Misery == 0 ? null : (double)recovered.Count / counts.Misery,
            MedianHoursToRecovery = Median(recovered),
            OpenMiseries = open.Sum(o => o.Count),
            OldestOpenMiseryAt = open.Count == 0 ? null : open.Min(o => o.Oldest),
            Participants = participants,
            Participation = people.Count == 0 ? null : (double)participants / people.Count,
            Recognised = recognised,
            Coverage = people.Count == 0 ? null : (double)recognised / people.Count,
            Concentration = concentration,
            SatisfactionReceived = Rate(data.Ratings.Where(r => In(r.RatedTeamId))),
            SatisfactionGiven = Rate(given),
            Outcomes = outcomes.Count == 0 ? Outcomes.None : new Outcomes(
                outcomes.Count,
                Average(outcomes.Select(o => o.Csat)),
                Average(outcomes.Select(o => (double?)o.Nps)),
                Average(outcomes.Select(o => o.Retention)),
                outcomes.Any(o => o.Referrals is not null) ? outcomes.Sum(o => o.Referrals ?? 0) : null,
                outcomes.Any(o => o.Complaints is not null) ? outcomes.Sum(o => o.Complaints ?? 0) : null),
        };
    }

    private static int[] PerElement(IEnumerable<TeamElements> rows)
    {
        var list = rows.ToList();
        return [.. ServiceElementCatalog.All.Select(e => list.Where(r => r.Elements.HasFlag(e.Element)).Sum(r => r.Count))];
    }

    private static Satisfaction Rate(IEnumerable<RatingGroup> rows)
    {
        var list = rows.ToList();
        var raters = list.Select(r => r.RaterId).Distinct().Count();
        var ratingCount = list.Sum(r => r.Ratings);
        if (raters < FigureCatalog.RaterThreshold)
        {
            return Satisfaction.None with { Ratings = ratingCount, Raters = raters };
        }

        var sums = Enumerable.Range(0, 6).Select(i => (Sum: list.Sum(r => r.Element(i).Sum), Count: list.Sum(r => r.Element(i).Count))).ToList();
        var scored = sums.Sum(s => s.Count);
        return new Satisfaction(ratingCount, raters,
            scored == 0 ? null : Math.Round((double)sums.Sum(s => s.Sum) / scored, 2),
            [.. sums.Select(s => s.Count == 0 ? (double?)null : Math.Round((double)s.Sum / s.Count, 2))]);
    }

    private static double? Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return null;
        }

        values.Sort();
        var middle = values.Count / 2;
        var median = values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
        return Math.Round(median, 1);
    }

    private static double? Average(IEnumerable<double?> values)
    {
        var present = values.Where(v => v is not null).Select(v => v!.Value).ToList();
        return present.Count == 0 ? null : Math.Round(present.Average(), 1);
    }
}
