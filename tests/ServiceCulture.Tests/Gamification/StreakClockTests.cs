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
    public async Task The_streaks_of_everyone_looked_up_at_once_are_each_ones_streak()
    {
        // One person with a moment in each of the last 20 weeks, longer than the weeks looked at
        // together, and a pause ahead, so the paused weeks are compared too.
        var sofia = await M.PersonAsync(App, Email);
        await using var scope = App.Scope();
        var rules = scope.ServiceProvider.GetRequiredService<StreakRules>();
        var db = scope.ServiceProvider.GetRequiredService<ServiceCulture.Data.AppDbContext>();
        var team = await db.Users.Where(u => u.Id == sofia).Select(u => u.TeamId).SingleAsync();
        db.Moments.AddRange(Enumerable.Range(1, 20).Select(week => WeeksBack(week, sofia, team)));

        // Another, whose older weeks hold a paused week (12 back), then a missed one (16 back) that
        // ends the streak although there is activity before it: 14 weeks.
        var other = await db.Users.Where(u => u.Id != sofia).OrderBy(u => u.Id).Select(u => new { u.Id, u.TeamId, u.TimeZoneId }).FirstAsync();
        await db.Moments.Where(m => m.AuthorId == other.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeletedAt, TestClock.Start.UtcDateTime));
        await db.Recognitions.Where(r => r.GiverId == other.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, TestClock.Start.UtcDateTime));
        db.Moments.AddRange(new[] { 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 14, 15, 17, 18 }.Select(week => WeeksBack(week, other.Id, other.TeamId)));
        var thisWeek = StreakRules.WeekStart(ServiceCulture.People.ServiceTimeZones.LocalDate(App.Factory.Clock.UtcNow, other.TimeZoneId));
        db.StreakPauses.Add(new StreakPause { EmployeeId = other.Id, WeekStart = thisWeek.AddDays(-7 * 12) });
        await db.SaveChangesAsync();
        Assert.True((await rules.PauseAsync(sofia, null, DateOnly.FromDateTime(App.Factory.Clock.UtcNow).AddDays(7), 2, CancellationToken.None)).Succeeded);
        var people = (await db.Users.Select(u => new { u.Id, u.TimeZoneId }).ToListAsync()).Select(u => (u.Id, (string?)u.TimeZoneId)).ToList();

        var together = await rules.CurrentForAsync(people, App.Factory.Clock.UtcNow, CancellationToken.None);
        var ending = await rules.EndingThisWeekAsync(people, App.Factory.Clock.UtcNow, CancellationToken.None);

        Assert.Equal(people.Count, together.Count);
        foreach (var (id, timeZone) in people)
        {
            var alone = await rules.ForAsync(id, timeZone, CancellationToken.None);
            Assert.Equal(alone.Current, together[id].Weeks);
            Assert.Equal(alone.PausedWeeks, together[id].PausedWeeks);
            // Nobody here paused last week, so a streak not yet extended this week ends on Sunday.
            Assert.Equal(!alone.ActiveThisWeek && alone.Current > 0, ending.ContainsKey(id));
            if (ending.TryGetValue(id, out var streak))
            {
                Assert.Equal(alone.Current, streak.Weeks);
            }
        }

        Assert.True(ending.ContainsKey(sofia) && ending.ContainsKey(other.Id));

        // Both ways of counting are exercised: streaks within the recent weeks, and longer ones looked up in full.
        Assert.Contains(together.Values, s => s.Weeks is > 0 and < 12);
        Assert.True(together[sofia].Weeks >= 20);
        Assert.NotEmpty(together[sofia].PausedWeeks);
        Assert.Equal(14, together[other.Id].Weeks);
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

    [Fact]
    public async Task A_streak_two_years_long_is_counted_in_full_and_the_profile_asks_the_database_a_bounded_number_of_times()
    {
        // Active every week for two years but one: 50 weeks up to last week, a missed week, 54 before it.
        var sofia = await M.PersonAsync(App, Email);
        await App.WithDbAsync(async db =>
        {
            await db.Users.Where(u => u.Id == sofia).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, TimeZone));
            await db.Moments.Where(m => m.AuthorId == sofia).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeletedAt, TestClock.Start.UtcDateTime));
            await db.Recognitions.Where(r => r.GiverId == sofia).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, TestClock.Start.UtcDateTime));
            var team = await db.Users.Where(u => u.Id == sofia).Select(u => u.TeamId).SingleAsync();
            db.Moments.AddRange(Enumerable.Range(1, 105).Where(week => week != 51).Select(week => WeeksBack(week, sofia, team)));
            return await db.SaveChangesAsync();
        });

        var streak = await StreakAsync(sofia);
        Assert.Equal((50, 54, false), (streak.Current, streak.Longest, streak.ActiveThisWeek));

        using var client = App.CreateClient();
        await client.SignInOrFailAsync(Email);
        App.Factory.Commands.Reset();
        var page = await client.GetDocumentAsync($"/People/{sofia}");
        Assert.StartsWith("50 weeks", page.QuerySelector("[data-testid=streak]")!.TextContent.Trim(), StringComparison.Ordinal);
        var commands = App.Factory.Commands.Commands;
        // The session, the person, points, streak and pauses, badges, the radar, moments (with their links,
        // comment counts and reactions), recognitions and preferences: not one per week.
        Assert.True(commands.Count <= 17, $"{commands.Count} commands:{Environment.NewLine}{string.Join(Environment.NewLine + "---" + Environment.NewLine, commands)}");
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

    private ServiceCulture.Moments.Moment WeeksBack(int week, int authorId, int? teamId) => new()
    {
        Kind = ServiceCulture.Moments.MomentKind.Magic,
        Title = $"Week {week} back",
        Story = "A colleague needed the figures early and had them by ten.",
        OccurredOn = DateOnly.FromDateTime(App.Factory.Clock.UtcNow.AddDays(-7 * week)),
        CustomerKind = ServiceCulture.Moments.CustomerKind.External,
        ExternalCustomer = "a customer",
        Elements = ServiceCulture.Moments.ServiceElements.Focus,
        Visibility = ServiceCulture.Moments.Visibility.Everyone,
        AuthorId = authorId,
        AuthorTeamId = teamId,
        CreatedAt = App.Factory.Clock.UtcNow.AddDays(-7 * week),
    };
}
