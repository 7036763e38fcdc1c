using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Rules;

namespace ServiceCulture.Gamification;

/// <summary>Where someone's weekly habit stands.</summary>
public sealed record StreakStatus(int Current, int Longest, bool ActiveThisWeek, DateOnly ThisWeek, IReadOnlyList<DateOnly> PausedWeeks, int PausesLeftThisYear);

/// <summary>A current streak in weeks, and the paused weeks from this week on.</summary>
public sealed record CurrentStreak(int Weeks, IReadOnlyList<DateOnly> PausedWeeks);

/// <summary>
/// Streaks count consecutive weeks (Monday to Sunday in the person's time zone) with at least one
/// logged moment or given recognition. Paused weeks, up to four a year for leave, neither break nor
/// extend a streak; the current week breaks nothing until it is over.
/// </summary>
public sealed class StreakRules(AppDbContext db, TimeProvider clock)
{
    public const int PauseWeeksPerYear = 4;
    private const int WeeksLookedBack = 110;

    public static DateOnly WeekStart(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));

    public Task<StreakStatus> ForAsync(int employeeId, string? timeZoneId, CancellationToken cancellationToken) =>
        ForAsync(employeeId, timeZoneId, clock.GetUtcNow().UtcDateTime, cancellationToken);

    private async Task<StreakStatus> ForAsync(int employeeId, string? timeZoneId, DateTime now, CancellationToken cancellationToken)
    {
        var active = await ActiveWeeksAsync(employeeId, timeZoneId, now, cancellationToken);
        var paused = (await db.StreakPauses.Where(p => p.EmployeeId == employeeId).Select(p => p.WeekStart).ToListAsync(cancellationToken)).ToHashSet();
        return Compute(active, paused, WeekStart(ServiceTimeZones.LocalDate(now, timeZoneId)));
    }

    /// <summary>
    /// The weeks looked back in which the person logged a moment or gave a recognition. Walks back
    /// from now one active week at a time: the newest moment or recognition before an instant names
    /// a week, and the search goes on from that week's first instant. Each step is one index seek per
    /// table, so a person with thousands of moments costs no more than one with a few a week: at most
    /// one step per week looked back.
    /// </summary>
    private async Task<HashSet<DateOnly>> ActiveWeeksAsync(int employeeId, string? timeZoneId, DateTime now, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-7 * WeeksLookedBack);
        var active = new HashSet<DateOnly>();
        var moments = new Cursor(before => db.Moments
            .Where(m => m.AuthorId == employeeId && m.DeletedAt == null && m.CreatedAt >= since && m.CreatedAt < before)
            .OrderByDescending(m => m.CreatedAt).Select(m => (DateTime?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken));
        var given = new Cursor(before => db.Recognitions
            .Where(r => r.GiverId == employeeId && r.DeletedAt == null && r.CreatedAt >= since && r.CreatedAt < before)
            .OrderByDescending(r => r.CreatedAt).Select(r => (DateTime?)r.CreatedAt).FirstOrDefaultAsync(cancellationToken));
        // Later than anything recorded, also a clock a little ahead.
        var before = now.AddYears(100);
        while (Later(await moments.BeforeAsync(before), await given.BeforeAsync(before)) is { } latest)
        {
            var week = WeekStart(ServiceTimeZones.LocalDate(latest, timeZoneId));
            active.Add(week);
            before = ServiceTimeZones.StartOfDayUtc(week, timeZoneId);
        }

        return active;
    }

    private static DateTime? Later(DateTime? a, DateTime? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The newest activity of one kind before an instant, asked again only when the bound moves past the last answer.</summary>
    private sealed class Cursor(Func<DateTime, Task<DateTime?>> newestBefore)
    {
        private DateTime? newest;
        private bool asked;

        public async Task<DateTime?> BeforeAsync(DateTime before)
        {
            if (!asked || newest >= before)
            {
                newest = await newestBefore(before);
                asked = true;
            }

            return newest;
        }
    }

    /// <summary>The current streaks of many people at once, each as <see cref="ForAsync(int, string?, CancellationToken)"/> counts it.</summary>
    public Task<IReadOnlyDictionary<int, CurrentStreak>> CurrentForAsync(IReadOnlyList<(int Id, string? TimeZoneId)> people, DateTime now, CancellationToken cancellationToken) =>
        WalkAsync(people, now, Question.Current, cancellationToken);

    /// <summary>
    /// The streaks that end this Sunday unless the person logs a moment or gives a recognition: of
    /// the people given, those active last week and not yet this week, with their current streaks.
    /// </summary>
    public Task<IReadOnlyDictionary<int, CurrentStreak>> EndingThisWeekAsync(IReadOnlyList<(int Id, string? TimeZoneId)> people, DateTime now, CancellationToken cancellationToken) =>
        WalkAsync(people, now, Question.EndingThisWeek, cancellationToken);

    /// <summary>The streaks as they stood when last week ended, as the weekly digest reports them: this week's activity is left out.</summary>
    public Task<IReadOnlyDictionary<int, CurrentStreak>> AtEndOfLastWeekAsync(IReadOnlyList<(int Id, string? TimeZoneId)> people, DateTime now, CancellationToken cancellationToken) =>
        WalkAsync(people, now, Question.AtEndOfLastWeek, cancellationToken);

    private enum Question
    {
        Current,
        EndingThisWeek,
        AtEndOfLastWeek,
    }

    /// <summary>
    /// Counts streaks for many people together, going back one week at a time: each week is one
    /// query per time zone that asks, for everyone still unbroken, whether they logged a moment or
    /// gave a recognition in it (an index seek per person and table, however many moments they have).
    /// A person drops out at the first past week with neither activity nor a pause, so the queries
    /// are as many as the longest streak has weeks, not one per person and week. Asked which streaks
    /// end this week, people active this week or not last week drop out after the first two weeks.
    /// </summary>
    private async Task<IReadOnlyDictionary<int, CurrentStreak>> WalkAsync(IReadOnlyList<(int Id, string? TimeZoneId)> people, DateTime now, Question question, CancellationToken cancellationToken)
    {
        var since = now.AddDays(-7 * WeeksLookedBack);
        var result = new Dictionary<int, CurrentStreak>();
        foreach (var chunk in people.Chunk(1000))
        {
            var ids = chunk.Select(p => p.Id).ToList();
            var pauses = (await db.StreakPauses.Where(p => ids.Contains(p.EmployeeId)).Select(p => new { p.EmployeeId, p.WeekStart }).ToListAsync(cancellationToken))
                .ToLookup(p => p.EmployeeId, p => p.WeekStart);
            foreach (var zone in chunk.GroupBy(p => p.TimeZoneId))
            {
                var timeZoneId = zone.Key;
                var thisWeek = WeekStart(ServiceTimeZones.LocalDate(now, timeZoneId));
                var active = zone.ToDictionary(p => p.Id, _ => new HashSet<DateOnly>());
                var remaining = active.Keys.ToList();
                for (var k = question == Question.AtEndOfLastWeek ? 1 : 0; k <= WeeksLookedBack && remaining.Count > 0; k++)
                {
                    var week = thisWeek.AddDays(-7 * k);
                    var from = ServiceTimeZones.StartOfDayUtc(week, timeZoneId);
                    from = from < since ? since : from;
                    // This week reaches later than anything recorded, also a clock a little ahead.
                    var to = k == 0 ? now.AddYears(100) : ServiceTimeZones.StartOfDayUtc(week.AddDays(7), timeZoneId);
                    var asked = remaining;
                    var found = (await db.Users.AsNoTracking().Where(u => asked.Contains(u.Id)
                            && (db.Moments.Any(m => m.AuthorId == u.Id && m.DeletedAt == null && m.CreatedAt >= from && m.CreatedAt < to)
                                || db.Recognitions.Any(r => r.GiverId == u.Id && r.DeletedAt == null && r.CreatedAt >= from && r.CreatedAt < to)))
                        .Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
                    foreach (var id in found)
                    {
                        active[id].Add(week);
                    }

                    // The current week breaks nothing until it is over.
                    remaining = k == 0 ? remaining : [.. remaining.Where(id => found.Contains(id) || pauses[id].Contains(week))];
                    if (question == Question.EndingThisWeek && k == 1)
                    {
                        // Only a streak alive last week and not yet extended this week ends on Sunday.
                        remaining = [.. remaining.Where(id => found.Contains(id) && !active[id].Contains(thisWeek))];
                        active = remaining.ToDictionary(id => id, id => active[id]);
                    }
                }

                foreach (var (id, weeks) in active)
                {
                    var status = Compute(weeks, pauses[id].ToHashSet(), thisWeek);
                    result[id] = new CurrentStreak(status.Current, status.PausedWeeks);
                }
            }
        }

        return result;
    }

    public static StreakStatus Compute(IReadOnlySet<DateOnly> activeWeeks, IReadOnlySet<DateOnly> pausedWeeks, DateOnly thisWeek)
    {
        var current = 0;
        for (var week = thisWeek; week >= thisWeek.AddDays(-7 * WeeksLookedBack); week = week.AddDays(-7))
        {
            if (activeWeeks.Contains(week))
            {
                current++;
            }
            else if (pausedWeeks.Contains(week) || week == thisWeek)
            {
                continue;
            }
            else
            {
                break;
            }
        }

        var longest = current;
        var run = 0;
        var first = activeWeeks.Count == 0 ? thisWeek : activeWeeks.Min();
        for (var week = first; week <= thisWeek; week = week.AddDays(7))
        {
            if (activeWeeks.Contains(week))
            {
                run++;
                longest = Math.Max(longest, run);
            }
            else if (!pausedWeeks.Contains(week) && week != thisWeek)
            {
                run = 0;
            }
        }

        var usedThisYear = pausedWeeks.Count(w => w.Year == thisWeek.Year);
        return new StreakStatus(current, longest, activeWeeks.Contains(thisWeek), thisWeek,
            [.. pausedWeeks.Where(w => w >= thisWeek).Order()], Math.Max(0, PauseWeeksPerYear - usedThisYear));
    }

    /// <summary>The field names <see cref="PauseAsync"/> gives its refusals: the first week, and how many weeks.</summary>
    public const string PauseFromField = "From";
    public const string PauseWeeksField = "Weeks";

    /// <summary>Pauses the streak for whole weeks of leave starting at the week containing <paramref name="from"/>.</summary>
    public async Task<RuleResult> PauseAsync(int employeeId, string? timeZoneId, DateOnly from, int weeks, CancellationToken cancellationToken)
    {
        if (weeks is < 1 or > PauseWeeksPerYear)
        {
            return RuleResult.Refused(Refusal.Invalid(PauseWeeksField, $"Pause between 1 and {PauseWeeksPerYear} weeks."));
        }

        var thisWeek = WeekStart(ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, timeZoneId));
        var start = WeekStart(from);
        if (start < thisWeek)
        {
            return RuleResult.Refused(Refusal.Invalid(PauseFromField, "A pause starts this week or later; past weeks cannot be paused."));
        }

        if (start > thisWeek.AddDays(7 * 26))
        {
            return RuleResult.Refused(Refusal.Invalid(PauseFromField, "Plan pauses up to six months ahead."));
        }

        var existing = (await db.StreakPauses.Where(p => p.EmployeeId == employeeId).Select(p => p.WeekStart).ToListAsync(cancellationToken)).ToHashSet();
        var wanted = Enumerable.Range(0, weeks).Select(i => start.AddDays(7 * i)).Where(w => !existing.Contains(w)).ToList();
        foreach (var year in wanted.Select(w => w.Year).Distinct())
        {
            var used = existing.Count(w => w.Year == year) + wanted.Count(w => w.Year == year);
            if (used > PauseWeeksPerYear)
            {
                return RuleResult.Refused(Refusal.Invalid(PauseWeeksField, $"That would pause {used} weeks in {year}; the limit is {PauseWeeksPerYear} a year."));
            }
        }

        db.StreakPauses.AddRange(wanted.Select(w => new StreakPause { EmployeeId = employeeId, WeekStart = w }));
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }
}
