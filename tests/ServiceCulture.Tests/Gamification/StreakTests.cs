using ServiceCulture.Gamification;

namespace ServiceCulture.Tests.Gamification;

public sealed class StreakTests
{
    private static readonly DateOnly ThisWeek = new(2026, 11, 23);

    private static HashSet<DateOnly> Weeks(params int[] weeksAgo) => [.. weeksAgo.Select(w => ThisWeek.AddDays(-7 * w))];

    [Fact]
    public void Consecutive_active_weeks_make_the_streak()
    {
        var status = StreakRules.Compute(Weeks(0, 1, 2, 3), Weeks(), ThisWeek);
        Assert.Equal(4, status.Current);
        Assert.True(status.ActiveThisWeek);
    }

    [Fact]
    public void The_current_week_breaks_nothing_until_it_is_over()
    {
        var status = StreakRules.Compute(Weeks(1, 2, 3), Weeks(), ThisWeek);
        Assert.Equal(3, status.Current);
        Assert.False(status.ActiveThisWeek);
    }

    [Fact]
    public void A_missed_week_breaks_the_streak_but_the_longest_is_kept()
    {
        var status = StreakRules.Compute(Weeks(0, 2, 3, 4, 5, 6), Weeks(), ThisWeek);
        Assert.Equal(1, status.Current);
        Assert.Equal(5, status.Longest);
    }

    [Fact]
    public void Paused_weeks_neither_break_nor_extend_the_streak()
    {
        var status = StreakRules.Compute(Weeks(0, 3, 4), Weeks(1, 2), ThisWeek);
        Assert.Equal(3, status.Current);
        Assert.Equal(3, status.Longest);
    }

    [Fact]
    public void Weeks_start_on_monday()
    {
        Assert.Equal(new DateOnly(2026, 11, 23), StreakRules.WeekStart(new DateOnly(2026, 11, 29)));
        Assert.Equal(new DateOnly(2026, 11, 23), StreakRules.WeekStart(new DateOnly(2026, 11, 23)));
        Assert.Equal(new DateOnly(2026, 11, 16), StreakRules.WeekStart(new DateOnly(2026, 11, 22)));
    }
}
