using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Recognitions;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Teams;

/// <summary>A team page's recent recognitions are the newest its people received, each once, on each engine.</summary>
public sealed class TeamPageTests(EnginesFixture engines) : EngineTest(engines)
{
    private const int Shown = 8;

    private static ServiceCulture.Recognitions.Recognition Thanks(int giverId, DateTime at, params int[] recipients) => new()
    {
        GiverId = giverId, Message = $"Thank you for the handover notes of {at:HH:mm:ss}, they saved the morning.",
        Elements = ServiceCulture.Moments.ServiceElements.GivenLife, RequestId = Guid.NewGuid(), CreatedAt = at,
        Recipients = [.. recipients.Select(r => new RecognitionRecipient { RecipientId = r })],
    };

    private static async Task<(int Team, int[] Members, int Giver)> CareAsync(IPortalHost app) => await app.WithDbAsync(async db =>
    {
        var team = await db.Teams.Where(t => t.Name == "Customer Care").Select(t => t.Id).SingleAsync();
        var members = await db.Users.Where(u => u.TeamId == team && u.IsActive).OrderBy(u => u.Id).Select(u => u.Id).Take(2).ToArrayAsync();
        var giver = await db.Users.Where(u => u.TeamId != team && u.IsActive).OrderBy(u => u.Id).Select(u => u.Id).FirstAsync();
        return (team, members, giver);
    });

    private static async Task<List<string>> ShownAsync(IPortalHost app, int team)
    {
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync($"/Teams/{team}");
        return [.. page.QuerySelectorAll("#recognitions-heading ~ [data-testid=recognition-card]").Select(c => c.Id!)];
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_team_page_shows_the_newest_recognitions_its_people_received_each_once(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var (team, members, giver) = await CareAsync(app);
        var now = app.Factory.Clock.UtcNow;
        // Twelve thanks a second apart, the newest thanking both members; older ones are seeded.
        var given = await app.WithDbAsync(async db =>
        {
            var thanks = Enumerable.Range(0, 12).Select(i => Thanks(giver, now.AddSeconds(-12 + i), i == 11 ? members : [members[i % 2]])).ToList();
            db.Recognitions.AddRange(thanks);
            await db.SaveChangesAsync();
            return thanks.Select(r => "recognition-" + r.Id).ToList();
        });

        var shown = await ShownAsync(app, team);

        Assert.Equal(Enumerable.Reverse(given).Take(Shown), shown);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_team_thanked_only_long_ago_still_shows_its_newest_recognitions(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var (team, members, giver) = await CareAsync(app);
        var longAgo = app.Factory.Clock.UtcNow.AddDays(-200);
        await app.WithDbAsync(async db =>
        {
            // Everything the team received moves out of the last month; ten thanks follow, long ago.
            var received = db.RecognitionRecipients.Where(x => x.Recipient!.TeamId == team).Select(x => x.RecognitionId);
            await db.Recognitions.Where(r => received.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, longAgo.AddDays(-30)));
            await db.RecognitionRecipients.Where(x => x.Recipient!.TeamId == team).ExecuteUpdateAsync(s => s.SetProperty(x => x.CreatedAt, longAgo.AddDays(-30)));
        });
        var given = await app.WithDbAsync(async db =>
        {
            var thanks = Enumerable.Range(0, 10).Select(i => Thanks(giver, longAgo.AddSeconds(i), members[0])).ToList();
            db.Recognitions.AddRange(thanks);
            await db.SaveChangesAsync();
            return thanks.Select(r => "recognition-" + r.Id).ToList();
        });

        var shown = await ShownAsync(app, team);

        Assert.Equal(Enumerable.Reverse(given).Take(Shown), shown);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Ratings_saved_by_another_node_show_on_the_team_page_within_a_minute(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var (team, _, _) = await CareAsync(app);
        var month = ServiceCulture.Reporting.ReportRange.MonthOf(app.Factory.Clock.UtcNow);
        const string comment = "Answered within the hour, every time this month.";
        Assert.DoesNotContain(comment, await CommentsAsync(app, team), StringComparison.Ordinal);

        // Three colleagues rate the team this month, written past this node's pages.
        await app.WithDbAsync(async db =>
        {
            var rated = db.ServiceRatings.Where(r => r.RatedTeamId == team && r.Month == month).Select(r => r.RaterId);
            var raters = await db.Users.Where(u => u.TeamId != team && u.TeamId != null && u.IsActive && !rated.Contains(u.Id))
                .OrderBy(u => u.Id).Select(u => new { u.Id, u.TeamId }).Take(3).ToListAsync();
            db.ServiceRatings.AddRange(raters.Select(r => new ServiceCulture.Reporting.ServiceRating
            {
                RaterId = r.Id, RaterTeamId = r.TeamId, RatedTeamId = team, Month = month, Focus = 5, Comment = comment, RatedAt = app.Factory.Clock.UtcNow,
            }));
            await db.SaveChangesAsync();
        });
        Assert.DoesNotContain(comment, await CommentsAsync(app, team), StringComparison.Ordinal);

        app.Factory.Clock.Advance(ServiceCulture.Web.Pages.Teams.DetailsModel.RatingsLifetime + TimeSpan.FromSeconds(1));

        Assert.Contains(comment, await CommentsAsync(app, team), StringComparison.Ordinal);
    }

    private static async Task<string> CommentsAsync(IPortalHost app, int team)
    {
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync($"/Teams/{team}");
        return page.QuerySelector("[data-testid=rating-comments]")?.TextContent ?? "";
    }
}
