using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Rules;

namespace ServiceCulture.Gamification;

/// <summary>Where someone's weekly habit stands.</summary>
public sealed record StreakStatus(int Current, int Longest, bool ActiveThisWeek, DateOnly ThisWeek, IReadOnlyList<DateOnly> PausedWeeks, int PausesLeftThisYear);

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

    public async Task<StreakStatus> ForAsync(int employeeId, string? timeZoneId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var thisWeek = WeekStart(ServiceTimeZones.LocalDate(now, timeZoneId));
        var since = now.AddDays(-7 * WeeksLookedBack);
        // A day holds at most one local week boundary, so the first and last activity of each day
        // name every week that had any: at most two rows per day looked back, however active the person.
        var moments = await db.Moments.Where(m => m.AuthorId == employeeId && m.DeletedAt == null && m.CreatedAt >= since)
            .GroupBy(m => m.CreatedAt.Date).Select(g => new ActiveDay(g.Min(m => m.CreatedAt), g.Max(m => m.CreatedAt))).ToListAsync(cancellationToken);
        var given = await db.Recognitions.Where(r => r.GiverId == employeeId && r.DeletedAt == null && r.CreatedAt >= since)
            .GroupBy(r => r.CreatedAt.Date).Select(g => new ActiveDay(g.Min(r => r.CreatedAt), g.Max(r => r.CreatedAt))).ToListAsync(cancellationToken);
        var active = moments.Concat(given).SelectMany(d => new[] { d.First, d.Last }).Select(t => WeekStart(ServiceTimeZones.LocalDate(t, timeZoneId))).ToHashSet();
        var paused = (await db.StreakPauses.Where(p => p.EmployeeId == employeeId).Select(p => p.WeekStart).ToListAsync(cancellationToken)).ToHashSet();
        return Compute(active, paused, thisWeek);
    }

    private sealed record ActiveDay(DateTime First, DateTime Last);

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
