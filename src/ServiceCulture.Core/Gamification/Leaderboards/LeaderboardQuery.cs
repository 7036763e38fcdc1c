using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Gamification;

/// <summary>Someone who can appear on a leaderboard.</summary>
public sealed record LeaderboardPerson(int Id, string Name, int? TeamId, string? TeamName, bool OptedOut);

/// <summary>One place on a leaderboard; equal scores share a rank.</summary>
public sealed record LeaderboardRow(int Rank, int EmployeeId, string Name, string? TeamName, int Score);

/// <summary>
/// A leaderboard as one viewer sees it: the leading rows, the viewer's own row (wherever they stand),
/// and how many people are ranked in all.
/// </summary>
public sealed record LeaderboardResult(IReadOnlyList<LeaderboardRow> Rows, LeaderboardRow? Me, int Ranked, bool ViewerOptedOut, IReadOnlyList<TeamParticipation> Teams);

/// <summary>A team's participation in a period: the share of its active members who logged or gave something.</summary>
public sealed record TeamParticipation(int Id, string Name, int Members, int Active)
{
    public int Participation => Members == 0 ? 0 : (int)Math.Round(100.0 * Active / Members);
}

/// <summary>
/// The leaderboard rules: the period's boundaries in the viewer's time zone, what each measure counts,
/// who is ranked (active people who did not opt out, in scope, with a score above zero), ranking with
/// ties, and team participation. Pages, digests and reports read boards through this. The whole
/// organisation's order for a choice is shared by every viewer through <see cref="LeaderboardCache"/>;
/// each request reads the newest ledger row to know whether it is still current, then walks it for the
/// viewer's scope.
/// </summary>
public sealed class LeaderboardQuery(AppDbContext db, PointsLedger ledger, TimeProvider clock, LeaderboardCache boards)
{
    /// <summary>How long team participation is kept: it is the same for every viewer and changes slowly.</summary>
    public static readonly TimeSpan ParticipationLifetime = TimeSpan.FromMinutes(1);

    /// <summary>One person's place in the organisation's order for a board.</summary>
    private readonly record struct Standing(int EmployeeId, int? TeamId, int Score);

    /// <summary>
    /// Where a period starts, as a UTC instant: the viewer's local Monday, first of the month or first of the
    /// quarter at midnight; null for all time. Every measure counts from this one boundary.
    /// </summary>
    public static DateTime? PeriodStart(LeaderboardPeriod period, DateTime nowUtc, string? timeZoneId)
    {
        var today = ServiceTimeZones.LocalDate(nowUtc, timeZoneId);
        DateOnly? local = period switch
        {
            LeaderboardPeriod.Week => StreakRules.WeekStart(today),
            LeaderboardPeriod.Month => new DateOnly(today.Year, today.Month, 1),
            LeaderboardPeriod.Quarter => new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1),
            _ => null,
        };
        return local is { } day ? ServiceTimeZones.StartOfDayUtc(day, timeZoneId) : null;
    }

    /// <summary>
    /// Ranks people by score: only those with a score above zero, who did not opt out, and who are in scope
    /// (the viewer's team for <see cref="LeaderboardScope.Team"/>). Highest first; equal scores share a rank
    /// (1, 2, 2, 4) and are listed by name.
    /// </summary>
    public static IReadOnlyList<LeaderboardRow> Rank(
        IReadOnlyDictionary<int, LeaderboardPerson> people, IReadOnlyDictionary<int, int> scores, LeaderboardScope scope, Actor viewer) =>
        Walk(Order(people, scores), people, scope, viewer, int.MaxValue).Rows;

    /// <summary>The organisation's order: everyone with a score above zero who is active and did not opt out, highest first, then by name.</summary>
    private static Standing[] Order(IReadOnlyDictionary<int, LeaderboardPerson> people, IReadOnlyDictionary<int, int> scores) =>
        [.. scores
            .Where(s => s.Value > 0 && people.TryGetValue(s.Key, out var p) && !p.OptedOut)
            .Select(s => (Person: people[s.Key], Score: s.Value))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Person.Name, StringComparer.Ordinal)
            .Select(s => new Standing(s.Person.Id, s.Person.TeamId, s.Score))];

    /// <summary>The first <paramref name="top"/> rows in scope, the viewer's row and how many are ranked, in one pass over the order.</summary>
    private static (List<LeaderboardRow> Rows, LeaderboardRow? Me, int Ranked) Walk(
        Standing[] order, IReadOnlyDictionary<int, LeaderboardPerson> people, LeaderboardScope scope, Actor viewer, int top)
    {
        if (scope == LeaderboardScope.Team && viewer.TeamId is null)
        {
            return ([], null, 0);
        }

        var rows = new List<LeaderboardRow>(Math.Min(top, order.Length));
        LeaderboardRow? me = null;
        int ranked = 0, rank = 0, previous = int.MinValue;
        foreach (var standing in order)
        {
            if (scope == LeaderboardScope.Team && standing.TeamId != viewer.TeamId)
            {
                continue;
            }

            ranked++;
            if (standing.Score != previous)
            {
                (rank, previous) = (ranked, standing.Score);
            }

            if (rows.Count < top || standing.EmployeeId == viewer.Id)
            {
                var person = people[standing.EmployeeId];
                var row = new LeaderboardRow(rank, person.Id, person.Name, person.TeamName, standing.Score);
                if (rows.Count < top)
                {
                    rows.Add(row);
                }

                if (standing.EmployeeId == viewer.Id)
                {
                    me = row;
                }
            }
        }

        return (rows, me, ranked);
    }

    /// <summary>The board for one choice as the viewer sees it (its first <paramref name="top"/> rows), with team participation over the same period.</summary>
    public async Task<LeaderboardResult> ReadAsync(LeaderboardChoice choice, Actor viewer, int top, CancellationToken cancellationToken)
    {
        var start = PeriodStart(choice.Period, clock.GetUtcNow().UtcDateTime, viewer.TimeZoneId);
        var newest = await db.PointsLedger.MaxAsync(e => (long?)e.Id, cancellationToken) ?? 0;
        var people = await PeopleAsync(cancellationToken);
        var order = await boards.GetAsync(
            $"board:{choice.Measure}:{start?.Ticks}:{(int?)choice.Element}",
            boards.StampFor(newest),
            LeaderboardCache.Lifetime,
            async ct => Order(await PeopleAsync(ct), await ScoresAsync(choice.Measure, start, choice.Element, ct)),
            cancellationToken);
        var (rows, me, ranked) = Walk(order, people, choice.Scope, viewer, top);
        var optedOut = people.TryGetValue(viewer.Id, out var self) && self.OptedOut;
        var teams = await ParticipationAsync(start, cancellationToken);
        return new LeaderboardResult(rows, me, ranked, optedOut, teams);
    }

    /// <summary>Active people, the only ones leaderboards show, kept as <see cref="LeaderboardCache"/> keeps boards.</summary>
    public Task<IReadOnlyDictionary<int, LeaderboardPerson>> PeopleAsync(CancellationToken cancellationToken) =>
        boards.GetAsync<IReadOnlyDictionary<int, LeaderboardPerson>>("people", boards.PeopleStamp(), LeaderboardCache.Lifetime, async ct =>
            await db.Users.AsNoTracking()
                .Where(u => u.IsActive)
                .Select(u => new LeaderboardPerson(u.Id, u.DisplayName, u.TeamId, u.Team!.Name, u.LeaderboardOptOut))
                .ToDictionaryAsync(p => p.Id, ct),
            cancellationToken);

    /// <summary>Each person's score for a measure since <paramref name="start"/> (all time when null), optionally for one element.</summary>
    public async Task<IReadOnlyDictionary<int, int>> ScoresAsync(LeaderboardMeasure measure, DateTime? start, ServiceElements? element, CancellationToken cancellationToken)
    {
        switch (measure)
        {
            case LeaderboardMeasure.Given:
                var given = db.Recognitions.Where(r => r.DeletedAt == null && !r.IsQuiet);
                if (start is { } givenFrom)
                {
                    given = given.Where(r => r.CreatedAt >= givenFrom);
                }

                if (element is { } e1)
                {
                    given = given.Where(r => (r.Elements & e1) == e1);
                }

                return await given.GroupBy(r => r.GiverId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            case LeaderboardMeasure.Recoveries:
                var recoveries = db.Moments.Where(m => m.Kind == MomentKind.Recovery && m.DeletedAt == null && m.RecoveredById != null);
                if (start is { } recoveredFrom)
                {
                    recoveries = recoveries.Where(m => m.CreatedAt >= recoveredFrom);
                }

                if (element is { } e2)
                {
                    recoveries = recoveries.Where(m => (m.Elements & e2) == e2);
                }

                return await recoveries.GroupBy(m => m.RecoveredById!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            default:
                return await ledger.LeaderboardPointsAsync(start, element, cancellationToken);
        }
    }

    /// <summary>Teams by participation over the period: the share of their active members who logged or gave something.</summary>
    public Task<IReadOnlyList<TeamParticipation>> ParticipationAsync(DateTime? start, CancellationToken cancellationToken)
    {
        var from = start ?? DateTime.MinValue;
        return boards.GetAsync<IReadOnlyList<TeamParticipation>>($"teams:{from.Ticks}", boards.PeopleStamp(), ParticipationLifetime, async ct =>
        {
            var people = await PeopleAsync(ct);
            var active = (await db.Users
                    .Where(u => u.IsActive)
                    .Where(u => db.Moments.Any(m => m.AuthorId == u.Id && m.CreatedAt >= from && m.DeletedAt == null)
                        || db.Recognitions.Any(r => r.GiverId == u.Id && r.CreatedAt >= from && r.DeletedAt == null))
                    .Select(u => u.Id)
                    .ToListAsync(ct))
                .ToHashSet();
            return people.Values
                .Where(p => p.TeamId is not null)
                .GroupBy(p => (p.TeamId!.Value, p.TeamName))
                .Select(g => new TeamParticipation(g.Key.Value, g.Key.TeamName ?? "", g.Count(), g.Count(p => active.Contains(p.Id))))
                .OrderByDescending(t => t.Participation).ThenByDescending(t => t.Active).ThenBy(t => t.Name, StringComparer.Ordinal)
                .ToList();
        }, cancellationToken);
    }
}
