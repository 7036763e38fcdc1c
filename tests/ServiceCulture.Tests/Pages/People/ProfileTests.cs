using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Gamification;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages.People;

public sealed class ProfileTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_profile_shows_points_level_badges_streak_and_the_six_elements()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("noah.okafor@demo.test");
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync($"/People/{emma}");

        var points = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == emma).SumAsync(e => e.Amount));
        Assert.Equal(points.ToString(CultureInfo.InvariantCulture), page.QuerySelector("[data-testid=points]")!.TextContent.Trim());
        Assert.Equal(GamificationCatalog.LevelFor(points).Name, page.QuerySelector("[data-testid=level]")!.TextContent.Trim());
        Assert.Equal(GamificationCatalog.Badges.Count, page.QuerySelectorAll("[data-testid=badges] [data-badge]").Length);
        Assert.NotNull(page.QuerySelector("[data-testid=streak]"));
        var radar = page.QuerySelector("canvas[data-chart=radar]")!;
        var values = System.Text.Json.JsonSerializer.Deserialize<int[]>(radar.GetAttribute("data-values")!)!;
        Assert.Equal(6, values.Length);
        Assert.True(values.Sum() > 0);
        Assert.NotNull(page.QuerySelector("a[href^='/Recognition/Give?to=']"));
        Assert.Null(page.QuerySelector("#leaderboard-choice"));
    }

    [Fact]
    public async Task Only_the_person_can_opt_out_of_leaderboards()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        using var optOut = await emma.SubmitFormAsync($"/People/{id}", [], "form[action*='handler=Leaderboard']");
        Assert.Equal(HttpStatusCode.Redirect, optOut.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LeaderboardOptOut).SingleAsync()));

        using var noah = App.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        var page = await noah.GetDocumentAsync($"/People/{id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = await noah.PostAsync($"/People/{id}?handler=Leaderboard", new Dictionary<string, string> { ["optOut"] = "false", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        Assert.True(await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.LeaderboardOptOut).SingleAsync()));
    }

    [Fact]
    public async Task A_streak_is_paused_for_up_to_four_weeks_a_year()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        // Five weeks that fall in one calendar year, so the yearly limit applies to all of them.
        var start = DateOnly.FromDateTime(App.Factory.Clock.UtcNow).AddDays(7);
        if (start.AddDays(7 * 5).Year != start.Year)
        {
            start = new DateOnly(start.Year + 1, 1, 10);
        }

        using var paused = await emma.SubmitFormAsync($"/People/{id}", new Dictionary<string, string> { ["PauseFrom"] = start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["PauseWeeks"] = "3" }, "form[action*='handler=Pause']");
        Assert.Equal(HttpStatusCode.Redirect, paused.StatusCode);
        Assert.Equal(3, await App.WithDbAsync(db => db.StreakPauses.CountAsync(p => p.EmployeeId == id)));

        using var tooMany = await emma.SubmitFormAsync($"/People/{id}", new Dictionary<string, string> { ["PauseFrom"] = start.AddDays(7 * 3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["PauseWeeks"] = "2" }, "form[action*='handler=Pause']");
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
        Assert.Contains("the limit is 4 a year", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var past = await emma.SubmitFormAsync($"/People/{id}", new Dictionary<string, string> { ["PauseFrom"] = DateOnly.FromDateTime(App.Factory.Clock.UtcNow).AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["PauseWeeks"] = "1" }, "form[action*='handler=Pause']");
        Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
        Assert.Contains("past weeks cannot be paused", await past.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(3, await App.WithDbAsync(db => db.StreakPauses.CountAsync(p => p.EmployeeId == id)));
    }

    private async Task<int> FocusOnRadarAsync(PortalClient client, int person)
    {
        var page = await client.GetDocumentAsync($"/People/{person}");
        return System.Text.Json.JsonSerializer.Deserialize<int[]>(page.QuerySelector("canvas[data-chart=radar]")!.GetAttribute("data-values")!)![0];
    }

    private Task AddFocusMomentsAsync(string email, int count) => App.WithDbAsync(async db =>
    {
        var author = await db.Users.Where(u => u.Email == email).Select(u => new { u.Id, u.TeamId }).SingleAsync();
        var at = App.Factory.Clock.UtcNow.AddDays(-1);
        db.Moments.AddRange(Enumerable.Range(0, count).Select(i => new ServiceCulture.Moments.Moment
        {
            Kind = ServiceCulture.Moments.MomentKind.Magic, Title = $"Focus moment {i}", Story = "Kept the caller informed at every step.",
            OccurredOn = DateOnly.FromDateTime(at), CustomerKind = ServiceCulture.Moments.CustomerKind.External, ExternalCustomer = "a customer",
            Elements = ServiceCulture.Moments.ServiceElements.Focus, Visibility = ServiceCulture.Moments.Visibility.Everyone,
            AuthorId = author.Id, AuthorTeamId = author.TeamId, CreatedAt = at,
        }));
        await db.SaveChangesAsync();
    });

    [Fact]
    public async Task A_quiet_persons_radar_counts_a_new_moment_at_once_and_a_busy_persons_within_a_minute()
    {
        using var viewer = App.CreateClient();
        await viewer.SignInOrFailAsync("noah.okafor@demo.test");
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var before = await FocusOnRadarAsync(viewer, emma);
        await AddFocusMomentsAsync(DemoOrganisation.EmployeeEmail, 1);
        Assert.Equal(before + 1, await FocusOnRadarAsync(viewer, emma));

        // Past the threshold one more moment cannot visibly move the radar, which is kept for a minute.
        await AddFocusMomentsAsync(DemoOrganisation.EmployeeEmail, ServiceCulture.Web.Pages.People.DetailsModel.RadarKeptFrom);
        var busy = await FocusOnRadarAsync(viewer, emma);
        Assert.Equal(before + 1 + ServiceCulture.Web.Pages.People.DetailsModel.RadarKeptFrom, busy);
        await AddFocusMomentsAsync(DemoOrganisation.EmployeeEmail, 1);
        Assert.Equal(busy, await FocusOnRadarAsync(viewer, emma));

        // What the person sees of themselves is kept apart from what a colleague sees.
        using var self = App.CreateClient();
        await self.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        Assert.True(await FocusOnRadarAsync(self, emma) >= busy + 1);

        App.Factory.Clock.Advance(ServiceCulture.Web.Pages.People.DetailsModel.RadarLifetime + TimeSpan.FromSeconds(1));
        Assert.Equal(busy + 1, await FocusOnRadarAsync(viewer, emma));
    }
}
