using System.Linq.Expressions;
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
    private const int WalkChunk = 20_000;

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
    /// The weeks looked back in which the person logged a moment or gave a recognition, asked in one
    /// query with an index seek per week and table, so a person with thousands of moments costs no
    /// more than one with a few. The weeks follow one another, so they go to the database as one
    /// array-like parameter of their bounds, oldest first: week <c>i</c> runs from bound <c>i</c> to
    /// bound <c>i + 1</c>, each read by its position (an array index, or <c>-&gt;&gt;</c> on SQLite's
    /// JSON), not searched for. The statement is the same short one whatever the number of weeks.
    /// </summary>
    private async Task<HashSet<DateOnly>> ActiveWeeksAsync(int employeeId, string? timeZoneId, DateTime now, CancellationToken cancellationToken)
    {
        var thisWeek = WeekStart(ServiceTimeZones.LocalDate(now, timeZoneId));
        var weeks = Enumerable.Range(0, WeeksLookedBack + 1).Select(k => WeekBounds.Of(thisWeek, k, timeZoneId, now)).ToList();
        List<DateTime> bounds = [.. weeks.Select(w => w.From).Reverse(), weeks[0].To];
        List<int> positions = [.. Enumerable.Range(0, weeks.Count)];
        var active = await db.Users.AsNoTracking().Where(u => u.Id == employeeId)
            .SelectMany(_ => EF.Parameter(positions).Where(i =>
                db.Moments.Any(m => m.AuthorId == employeeId && m.DeletedAt == null && m.CreatedAt >= EF.Parameter(bounds)[i] && m.CreatedAt < EF.Parameter(bounds)[i + 1])
                || db.Recognitions.Any(r => r.GiverId == employeeId && r.DeletedAt == null && r.CreatedAt >= EF.Parameter(bounds)[i] && r.CreatedAt < EF.Parameter(bounds)[i + 1])))
            .ToListAsync(cancellationToken);
        // Position i is the week weeks.Count - 1 - i weeks back. The oldest weeks may both start where
        // the look-back starts: the older of them is then empty, and the later holds that instant.
        return [.. active.Select(i => thisWeek.AddDays(-7 * (weeks.Count - 1 - i)))];
    }

    /// <summary>
    /// One week looked back, as instants: from its first (not before the weeks looked back) to the
    /// next week's first. <c>Of</c> gives the week k weeks before this one; this week reaches later
    /// than anything recorded, also a clock a little ahead.
    /// </summary>
    private sealed record WeekBounds(DateTime From, DateTime To)
    {
        public static WeekBounds Of(DateOnly thisWeek, int k, string? timeZoneId, DateTime now)
        {
            var since = now.AddDays(-7 * WeeksLookedBack);
            var week = thisWeek.AddDays(-7 * k);
            var from = ServiceTimeZones.StartOfDayUtc(week, timeZoneId);
            return new(from < since ? since : from, k == 0 ? now.AddYears(100) : ServiceTimeZones.StartOfDayUtc(week.AddDays(7), timeZoneId));
        }
    }

    /// <summary>Whether the person logged a moment or gave a recognition from one instant to another: a week counts toward a streak.</summary>
    private readonly Expression<Func<Employee, DateTime, DateTime, bool>> activeBetween = (u, from, to) =>
        db.Moments.Any(m => m.AuthorId == u.Id && m.DeletedAt == null && m.CreatedAt >= from && m.CreatedAt < to)
        || db.Recognitions.Any(r => r.GiverId == u.Id && r.DeletedAt == null && r.CreatedAt >= from && r.CreatedAt < to);

    /// <summary>
    /// <see cref="activeBetween"/> in one week, its bounds read as members of <paramref name="week"/>,
    /// so that EF Core sends them as parameters, reads them without compiling anything, and compiles
    /// the query once. <paramref name="person"/> names the person in the expression built.
    /// </summary>
    private Expression ActiveIn(WeekBounds week, ParameterExpression person)
    {
        var held = Expression.Constant(week);
        return new ParameterSwap(new Dictionary<ParameterExpression, Expression>
        {
            [activeBetween.Parameters[0]] = person,
            [activeBetween.Parameters[1]] = Expression.Property(held, nameof(WeekBounds.From)),
            [activeBetween.Parameters[2]] = Expression.Property(held, nameof(WeekBounds.To)),
        }).Visit(activeBetween.Body);
    }

    private Expression<Func<Employee, bool>> ActiveIn(WeekBounds week)
    {
        var person = Expression.Parameter(typeof(Employee), "u");
        return Expression.Lambda<Func<Employee, bool>>(ActiveIn(week, person), person);
    }

    private sealed class ParameterSwap(IReadOnlyDictionary<ParameterExpression, Expression> swaps) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => swaps.TryGetValue(node, out var swap) ? swap : node;
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
        var result = new Dictionary<int, CurrentStreak>();
        // The people asked about go to the database as one array-like parameter, not one parameter
        // each: thousands of them bind at once, and each week is one query for the whole chunk.
        foreach (var chunk in people.Chunk(WalkChunk))
        {
            var ids = chunk.Select(p => p.Id).ToList();
            var pauses = (await db.StreakPauses.Where(p => EF.Parameter(ids).Contains(p.EmployeeId)).Select(p => new { p.EmployeeId, p.WeekStart }).ToListAsync(cancellationToken))
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
                    var asked = remaining;
                    var found = (await db.Users.AsNoTracking().Where(u => EF.Parameter(asked).Contains(u.Id))
                        .Where(ActiveIn(WeekBounds.Of(thisWeek, k, timeZoneId, now)))
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
