using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Gamification;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using R = ServiceCulture.Tests.Infrastructure.Recognitions;

namespace ServiceCulture.Tests.Pages;

public sealed class LeaderboardTests(AppFixture app) : AppTest(app)
{
    private static List<(string Name, int Score)> Leaders(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=leader]")
            .Select(l => (l.QuerySelector("a")!.TextContent.Trim(), int.Parse(l.QuerySelector("[data-testid=leader-score]")!.FirstChild!.TextContent.Trim(), CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public async Task The_top_ten_by_all_time_points_match_the_ledger_and_the_viewer_sees_their_rank()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Leaderboard?period=all&scope=organisation&measure=points");
        var leaders = Leaders(page);
        Assert.InRange(leaders.Count, 1, 10);
        var expected = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.OnLeaderboard)
            .GroupBy(e => e.EmployeeId).Select(g => g.Sum(e => e.Amount)).OrderByDescending(s => s).Take(leaders.Count).ToListAsync());
        Assert.Equal(expected, leaders.Select(l => l.Score));
        Assert.Contains("Your rank: #", page.QuerySelector("[data-testid=my-rank]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opted_out_people_are_left_out_and_told_so()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var top = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all")).First();
        var leaderId = await App.WithDbAsync(db => db.Users.Where(u => u.DisplayName == top.Name).Select(u => u.Id).SingleAsync());
        var email = await App.WithDbAsync(db => db.Users.Where(u => u.Id == leaderId).Select(u => u.Email!).SingleAsync());
        using var leader = App.CreateClient();
        await leader.SignInOrFailAsync(email);
        using var optOut = await leader.SubmitFormAsync($"/People/{leaderId}", [], "form[action*='handler=Leaderboard']");
        Assert.Equal(HttpStatusCode.Redirect, optOut.StatusCode);

        var after = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all"));
        Assert.DoesNotContain(after, l => l.Name == top.Name);
        var own = await leader.GetDocumentAsync("/Leaderboard?period=all");
        Assert.Contains("opted out", own.QuerySelector("[data-testid=my-rank]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Points_another_node_records_show_at_once_and_its_other_changes_within_the_boards_lifetime()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var before = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all"));
        var last = before[^1];
        var lastId = await App.WithDbAsync(db => db.Users.Where(u => u.DisplayName == last.Name).Select(u => u.Id).SingleAsync());

        // Written as another node would, past this node's change tracker: points through the ledger and its rollup.
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""
            INSERT INTO "PointsLedger" ("EmployeeId", "Amount", "Reason", "Source", "At", "Elements", "OnLeaderboard")
            VALUES ({lastId}, 1000, {(int)PointsReason.Badge}, 'badge:another-node', {App.Factory.Clock.UtcNow}, 0, TRUE)
            """));
        await App.WithDbAsync(db => db.Database.ExecuteSqlAsync($"""UPDATE "PointsTotals" SET "Points" = "Points" + 1000, "LeaderboardPoints" = "LeaderboardPoints" + 1000 WHERE "EmployeeId" = {lastId}"""));
        var leader = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all"))[0];
        Assert.Equal((last.Name, last.Score + 1000), leader);

        // A new name, with no points, is not in the ledger: the board shows it once its lifetime is over.
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == lastId).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Renamed Elsewhere")));
        Assert.Equal(last.Name, Leaders(await client.GetDocumentAsync("/Leaderboard?period=all"))[0].Name);
        App.Factory.Clock.Advance(LeaderboardCache.Lifetime);
        Assert.Equal("Renamed Elsewhere", Leaders(await client.GetDocumentAsync("/Leaderboard?period=all"))[0].Name);
    }

    [Fact]
    public async Task A_change_this_node_saves_without_points_shows_at_once()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var top = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all"))[0];
        await App.WithDbAsync(async db =>
        {
            var person = await db.Users.SingleAsync(u => u.DisplayName == top.Name);
            person.DisplayName = "Renamed Here";
            await db.SaveChangesAsync();
        });
        Assert.Equal(("Renamed Here", top.Score), Leaders(await client.GetDocumentAsync("/Leaderboard?period=all"))[0]);

        var given = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all&measure=given"))[0];
        var giverId = await App.WithDbAsync(db => db.Users.Where(u => u.DisplayName == given.Name).Select(u => u.Id).SingleAsync());
        await App.WithDbAsync(db => db.Recognitions.Where(r => r.GiverId == giverId && r.DeletedAt == null && !r.IsQuiet)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, App.Factory.Clock.UtcNow)));
        await App.WithDbAsync(async db =>
        {
            db.Recognitions.Add(new ServiceCulture.Recognitions.Recognition
            {
                GiverId = giverId, Message = "Thank you for the handover notes.", CreatedAt = App.Factory.Clock.UtcNow, RequestId = Guid.NewGuid(),
                Recipients = [new() { RecipientId = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail) }],
            });
            await db.SaveChangesAsync();
        });
        var after = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all&measure=given"));
        var expected = await App.WithDbAsync(db => db.Recognitions.Where(r => r.DeletedAt == null && !r.IsQuiet)
            .GroupBy(r => r.GiverId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count));
        Assert.Equal(1, expected[giverId]);
        Assert.Equal(expected.Values.Max(), after[0].Score);
        Assert.DoesNotContain(after, l => l.Name == given.Name && l.Score != 1);
    }

    [Fact]
    public async Task Quiet_recognitions_do_not_move_the_board()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.ManagerEmail);
        var lucas = await M.PersonAsync(App, "lucas.moreau@demo.test");
        var before = Leaders(await client.GetDocumentAsync("/Leaderboard?period=week&scope=team")).FirstOrDefault(l => l.Name == "Lucas Moreau").Score;
        var form = R.Form(lucas, points: 40, message: "A quiet thank-you for covering my shift on Monday.");
        form["Form.IsQuiet"] = "true";
        await R.GiveOrFailAsync(client, form);
        var after = Leaders(await client.GetDocumentAsync("/Leaderboard?period=week&scope=team")).FirstOrDefault(l => l.Name == "Lucas Moreau").Score;
        Assert.Equal(before, after);

        var loud = R.Form(lucas, points: 30, message: "A public thank-you for the customer call on Tuesday.");
        await R.GiveOrFailAsync(client, loud);
        var loudAfter = Leaders(await client.GetDocumentAsync("/Leaderboard?period=week&scope=team")).Single(l => l.Name == "Lucas Moreau").Score;
        Assert.Equal(before + 30, loudAfter);
    }

    [Fact]
    public async Task Team_scope_shows_only_teammates_and_other_measures_count_what_they_say()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var teammates = await App.WithDbAsync(db => db.Users.Where(u => u.Team!.Name == "Customer Care").Select(u => u.DisplayName).ToListAsync());
        var team = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all&scope=team"));
        Assert.NotEmpty(team);
        Assert.All(team, l => Assert.Contains(l.Name, teammates));

        var given = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all&measure=given"));
        var expectedGiven = await App.WithDbAsync(db => db.Recognitions.Where(r => r.DeletedAt == null && !r.IsQuiet).GroupBy(r => r.GiverId).Select(g => g.Count()).OrderByDescending(c => c).FirstAsync());
        Assert.Equal(expectedGiven, given[0].Score);

        var recoveries = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all&measure=recoveries"));
        Assert.NotEmpty(recoveries);
        Assert.All(recoveries, r => Assert.Equal(1, r.Score));
    }

    [Fact]
    public async Task Filtering_by_element_uses_only_points_tagged_with_it()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var measured = Leaders(await client.GetDocumentAsync("/Leaderboard?period=all&element=measured"));
        var expected = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.OnLeaderboard && (e.Elements & ServiceCulture.Moments.ServiceElements.Measured) != 0)
            .GroupBy(e => e.EmployeeId).Select(g => g.Sum(e => e.Amount)).OrderByDescending(s => s).FirstAsync());
        Assert.Equal(expected, measured[0].Score);
    }

    [Fact]
    public async Task Teams_are_ranked_by_participation()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Leaderboard?period=all");
        var rows = page.QuerySelectorAll("[data-testid=teams] tbody tr").Select(r => int.Parse(r.QuerySelectorAll("td")[2].TextContent.TrimEnd('%'), CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(5, rows.Count);
        Assert.Equal(rows.OrderByDescending(r => r), rows);
        Assert.NotNull(page.QuerySelector("canvas[data-chart=bar]"));
    }

    [Theory]
    [InlineData("period=decade&scope=galaxy&measure=vibes&element=charisma")]
    [InlineData("period=7&scope=0&measure=99")]
    [InlineData("period=&scope=&measure=")]
    public async Task Unknown_choices_are_refused_beside_their_field_and_the_default_board_is_shown(string query)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Leaderboard?" + query, HttpStatusCode.BadRequest);
        var messages = page.QuerySelectorAll(".field-validation-error").Select(e => e.TextContent.Trim()).ToList();
        Assert.Contains("Choose a period from the list.", messages);
        Assert.Contains("Choose a measure from the list.", messages);
        Assert.Equal("month", page.QuerySelector("#period option[selected]")!.GetAttribute("value"));
        Assert.NotNull(page.QuerySelector("[data-testid=my-rank]"));
    }

    [Fact]
    public async Task Choices_in_the_address_are_read_whatever_their_case()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Leaderboard?period=ALL&scope=Team&measure=Given");
        Assert.Equal("all", page.QuerySelector("#period option[selected]")!.GetAttribute("value"));
        Assert.Equal("team", page.QuerySelector("#scope option[selected]")!.GetAttribute("value"));
        Assert.Equal("given", page.QuerySelector("#measure option[selected]")!.GetAttribute("value"));
    }
}
