using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Gamification;

/// <summary>Someone who can appear on a leaderboard.</summary>
public sealed record LeaderboardPerson(int Id, string Name, int? TeamId, string? TeamName, bool OptedOut);

/// <summary>One place on a leaderboard; equal scores share a rank.</summary>
public sealed record LeaderboardRow(int Rank, int EmployeeId, string Name, string? TeamName, int Score);

/// <summary>A whole leaderboard as one viewer sees it.</summary>
public sealed record LeaderboardResult(IReadOnlyList<LeaderboardRow> Rows, LeaderboardRow? Me, bool ViewerOptedOut, IReadOnlyList<TeamParticipation> Teams)
{
    public int Ranked => Rows.Count;
}

/// <summary>A team's participation in a period: the share of its active members who logged or gave something.</summary>
public sealed record TeamParticipation(int Id, string Name, int Members, int Active)
{
    public int Participation => Members == 0 ? 0 : (int)Math.Round(100.0 * Active / Members);
}

/// <summary>
/// The leaderboard rules: the period's boundaries in the viewer's time zone, what each measure counts,
/// who is ranked (active people who did not opt out, in scope, with a score above zero), ranking with
/// ties, and team participation. Pages, digests and reports read boards through this.
/// </summary>
public sealed class LeaderboardQuery(AppDbContext db, PointsLedger ledger, TimeProvider clock, IMemoryCache cache)
{
    /// <summary>The cache key prefix of team participation, which is the same for every viewer and kept for a minute.</summary>
    public const string ParticipationCacheKey = "leaderboard:active:";

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
        IReadOnlyDictionary<int, LeaderboardPerson> people, IReadOnlyDictionary<int, int> scores, LeaderboardScope scope, Actor viewer)
    {
        var ranked = scores
            .Where(s => s.Value > 0 && people.TryGetValue(s.Key, out var p) && !p.OptedOut
                && (scope == LeaderboardScope.Organisation || (viewer.TeamId is not null && p.TeamId == viewer.TeamId)))
            .Select(s => (Person: people[s.Key], Score: s.Value))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Person.Name, StringComparer.Ordinal)
            .ToList();
        var rows = new List<LeaderboardRow>(ranked.Count);
        for (var i = 0; i < ranked.Count; i++)
        {
            var rank = i > 0 && ranked[i].Score == ranked[i - 1].Score ? rows[i - 1].Rank : i + 1;
            rows.Add(new LeaderboardRow(rank, ranked[i].Person.Id, ranked[i].Person.Name, ranked[i].Person.TeamName, ranked[i].Score));
        }

        return rows;
    }

    /// <summary>The board for one choice as the viewer sees it, with team participation over the same period.</summary>
    public async Task<LeaderboardResult> ReadAsync(LeaderboardChoice choice, Actor viewer, CancellationToken cancellationToken)
    {
        var start = PeriodStart(choice.Period, clock.GetUtcNow().UtcDateTime, viewer.TimeZoneId);
        var people = await PeopleAsync(cancellationToken);
        var scores = await ScoresAsync(choice.Measure, start, choice.Element, cancellationToken);
        var rows = Rank(people, scores, choice.Scope, viewer);
        var optedOut = people.TryGetValue(viewer.Id, out var self) && self.OptedOut;
        var teams = await ParticipationAsync(start, people, cancellationToken);
        return new LeaderboardResult(rows, rows.FirstOrDefault(r => r.EmployeeId == viewer.Id), optedOut, teams);
    }

    /// <summary>Active people, the only ones leaderboards show.</summary>
    public async Task<IReadOnlyDictionary<int, LeaderboardPerson>> PeopleAsync(CancellationToken cancellationToken) =>
        await db.Users.AsNoTracking()
            .Where(u => u.IsActive)
            .Select(u => new LeaderboardPerson(u.Id, u.DisplayName, u.TeamId, u.Team!.Name, u.LeaderboardOptOut))
            .ToDictionaryAsync(p => p.Id, cancellationToken);

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
    public async Task<IReadOnlyList<TeamParticipation>> ParticipationAsync(DateTime? start, IReadOnlyDictionary<int, LeaderboardPerson> people, CancellationToken cancellationToken)
    {
        // Participation is the same for every viewer and changes slowly, so it is kept for a minute.
        var from = start ?? DateTime.MinValue;
        var active = await cache.GetOrCreateAsync(ParticipationCacheKey + from.Ticks, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (await db.Users
                    .Where(u => u.IsActive)
                    .Where(u => db.Moments.Any(m => m.AuthorId == u.Id && m.CreatedAt >= from && m.DeletedAt == null)
                        || db.Recognitions.Any(r => r.GiverId == u.Id && r.CreatedAt >= from && r.DeletedAt == null))
                    .Select(u => u.Id)
                    .ToListAsync(cancellationToken))
                .ToHashSet();
        }) ?? [];
        return people.Values
            .Where(p => p.TeamId is not null)
            .GroupBy(p => (p.TeamId!.Value, p.TeamName))
            .Select(g => new TeamParticipation(g.Key.Value, g.Key.TeamName ?? "", g.Count(), g.Count(p => active.Contains(p.Id))))
            .OrderByDescending(t => t.Participation).ThenByDescending(t => t.Active).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }
}
