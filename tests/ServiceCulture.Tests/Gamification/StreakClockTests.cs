using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Gamification;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Gamification;

/// <summary>Weekly streaks counted in the person's own weeks, as the clock moves on.</summary>
public sealed class StreakClockTests(AppFixture app) : AppTest(app)
{
    private const string Email = "sofia.rossi@demo.test";
    private const string TimeZone = "Australia/Sydney";

    [Fact]
    public async Task A_streak_grows_week_by_week_survives_a_paused_week_and_breaks_after_a_missed_one()
    {
        var sofia = await M.PersonAsync(App, Email);
        // Start from a person with no activity yet, in Sydney.
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == sofia).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, TimeZone)));
        await App.WithDbAsync(db => db.Moments.Where(m => m.AuthorId == sofia).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeletedAt, TestClock.Start.UtcDateTime)));
        await App.WithDbAsync(db => db.Recognitions.Where(r => r.GiverId == sofia).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, TestClock.Start.UtcDateTime)));
        Assert.Equal(0, (await StreakAsync(sofia)).Current);

        // Wednesday 18 November, evening in Sydney.
        await LogAsync("Week one");
        Assert.Equal(1, (await StreakAsync(sofia)).Current);

        // A week on, the streak holds until the week is over, and grows with a moment.
        App.Factory.Clock.Advance(TimeSpan.FromDays(7));
        var waiting = await StreakAsync(sofia);
        Assert.Equal((1, false), (waiting.Current, waiting.ActiveThisWeek));
        await LogAsync("Week two");
        Assert.Equal(2, (await StreakAsync(sofia)).Current);

        // The week of 30 November is paused for leave; the week after continues the streak.
        await using (var scope = App.Scope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<StreakRules>().PauseAsync(sofia, TimeZone, new DateOnly(2026, 11, 30), 1, CancellationToken.None)).Succeeded);
        }

        App.Factory.Clock.Advance(TimeSpan.FromDays(14));
        Assert.Equal(2, (await StreakAsync(sofia)).Current);
        await LogAsync("Week four, after the leave");
        var resumed = await StreakAsync(sofia);
        Assert.Equal((3, 3), (resumed.Current, resumed.Longest));

        // Sunday 20 December, 23:30 in Sydney is still that week; Monday is the next one.
        App.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 20, 12, 30, 0, TimeSpan.Zero));
        await LogAsync("Late on Sunday");
        Assert.Equal(4, (await StreakAsync(sofia)).Current);

        // Two weeks with nothing and no pause: the streak is broken, the longest is remembered.
        App.Factory.Clock.Advance(TimeSpan.FromDays(14));
        var broken = await StreakAsync(sofia);
        Assert.Equal((0, 4), (broken.Current, broken.Longest));
    }

    [Fact]
    public async Task Two_moments_in_one_utc_day_on_either_side_of_a_local_week_boundary_make_two_weeks()
    {
        var sofia = await M.PersonAsync(App, Email);
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == sofia).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, TimeZone)));
        await App.WithDbAsync(db => db.Moments.Where(m => m.AuthorId == sofia).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeletedAt, TestClock.Start.UtcDateTime)));
        await App.WithDbAsync(db => db.Recognitions.Where(r => r.GiverId == sofia).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, TestClock.Start.UtcDateTime)));

        // Sunday 6 December 2026, 12:30 UTC is 23:30 on Sunday in Sydney; 13:30 UTC is already Monday there.
        App.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 12, 30, 0, TimeSpan.Zero));
        await LogAsync("Late on Sunday in Sydney");
        App.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 6, 13, 30, 0, TimeSpan.Zero));
        await LogAsync("Early on Monday in Sydney");

        var streak = await StreakAsync(sofia);
        Assert.Equal((2, true, new DateOnly(2026, 12, 7)), (streak.Current, streak.ActiveThisWeek, streak.ThisWeek));
    }

    private async Task LogAsync(string title)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(Email);
        var form = M.ValidForm(title);
        form["Form.OccurredOn"] = DateOnly.FromDateTime(App.Factory.Clock.UtcNow).AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await M.LogAsync(client, form);
    }

    private async Task<StreakStatus> StreakAsync(int employeeId)
    {
        await using var scope = App.Scope();
        return await scope.ServiceProvider.GetRequiredService<StreakRules>().ForAsync(employeeId, TimeZone, CancellationToken.None);
    }
}
