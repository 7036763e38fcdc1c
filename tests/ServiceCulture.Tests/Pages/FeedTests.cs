using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages;

public sealed class FeedTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_feed_shows_moments_newest_first_with_kind_elements_author_team_and_reactions()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await M.LogAsync(client, M.ValidForm("Newest of all"));
        var feed = await client.GetDocumentAsync("/");
        Assert.Equal(IndexPageSize, feed.QuerySelectorAll("[data-testid=moment-card], [data-testid=recognition-card]").Length);
        var first = feed.QuerySelectorAll("[data-testid=moment-card]")[0];
        Assert.Equal($"moment-{id}", first.Id);
        Assert.Contains("Moment of magic", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Emma Lindqvist", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Customer Care", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("Focus", first.QuerySelector(".element-badges")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(4, first.QuerySelectorAll("button.reaction").Length);
    }

    private const int IndexPageSize = ServiceCulture.Web.Pages.IndexModel.PageSize;

    [Fact]
    public async Task Load_more_pages_by_key_without_gaps_or_repeats()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var seen = new List<string>();
        var page = await client.GetDocumentAsync("/");
        seen.AddRange(page.QuerySelectorAll("[data-testid=moment-card]").Select(c => c.Id!));
        var more = page.QuerySelector("[data-testid=load-more]")?.GetAttribute("hx-get");
        while (more is not null)
        {
            var next = await client.GetDocumentAsync(System.Net.WebUtility.HtmlDecode(more));
            seen.AddRange(next.QuerySelectorAll("[data-testid=moment-card]").Select(c => c.Id!));
            more = next.QuerySelector("[data-testid=load-more]")?.GetAttribute("hx-get");
        }

        var expected = await App.WithDbAsync(db => db.Moments.Where(m => m.DeletedAt == null && m.HiddenAt == null)
            .OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Select(m => "moment-" + m.Id).ToListAsync());
        Assert.Equal(expected, seen);
    }

    [Theory]
    [InlineData("kind=misery", "misery")]
    [InlineData("kind=recovery", "recovery")]
    public async Task Filtering_by_kind_shows_only_that_kind(string query, string kind)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var feed = await client.GetDocumentAsync("/?" + query);
        var cards = feed.QuerySelectorAll("[data-testid=moment-card]");
        Assert.NotEmpty(cards);
        Assert.All(cards, c => Assert.Equal(kind, c.GetAttribute("data-kind")));
    }

    [Fact]
    public async Task Filtering_by_element_team_and_customer_narrows_the_feed()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var measured = await client.GetDocumentAsync("/?element=measured");
        Assert.All(measured.QuerySelectorAll("[data-testid=moment-card]"), c => Assert.Contains("Measured", c.QuerySelector(".element-badges")!.TextContent, StringComparison.Ordinal));

        var salesId = await App.WithDbAsync(db => db.Teams.Where(t => t.Name == "Sales").Select(t => t.Id).SingleAsync());
        var sales = await client.GetDocumentAsync($"/?team={salesId}");
        Assert.NotEmpty(sales.QuerySelectorAll("[data-testid=moment-card]"));
        Assert.All(sales.QuerySelectorAll("[data-testid=moment-card]"), c => Assert.Contains("· Sales", c.TextContent, StringComparison.Ordinal));

        var internalOnly = await client.GetDocumentAsync("/?customer=internal");
        Assert.All(internalOnly.QuerySelectorAll("[data-testid=moment-card]"), c => Assert.DoesNotContain("(external)", c.TextContent, StringComparison.Ordinal));
        var externalOnly = await client.GetDocumentAsync("/?customer=external");
        Assert.NotEmpty(externalOnly.QuerySelectorAll("[data-testid=moment-card]"));

        var none = await client.GetDocumentAsync("/?kind=recovery&element=defined&customer=internal&team=" + salesId);
        Assert.NotNull(none.QuerySelector("[data-testid=feed-empty]"));
    }

    [Fact]
    public async Task Unknown_filter_values_are_ignored_rather_than_failing()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var feed = await client.GetDocumentAsync("/?kind=banana&element=%3Cscript%3E&customer=martian&before=-5");
        Assert.NotEmpty(feed.QuerySelectorAll("[data-testid=moment-card]"));
        using var badTeam = await client.GetAsync("/?team=abc");
        Assert.True(badTeam.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Misery_and_recovery_appear_together_on_feed_cards()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var miseryId = await M.IdOfAsync(App, "Invoice sent to the wrong address");
        var feed = await client.GetDocumentAsync("/?kind=misery");
        var status = feed.QuerySelector($"#moment-{miseryId} [data-testid=misery-status]")!.TextContent;
        Assert.Contains("Invoice corrected and the reminder withdrawn", status, StringComparison.Ordinal);
        var recoveries = await client.GetDocumentAsync("/?kind=recovery");
        Assert.Contains(recoveries.QuerySelectorAll("[data-testid=recovers]"), r => r.TextContent.Contains("Invoice sent to the wrong address", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_feed_renders_in_a_bounded_number_of_database_commands()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        App.Factory.Commands.Reset();
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var commands = App.Factory.Commands.Commands;
        // The session check; the moments, then their linked recoveries, comment counts and reactions,
        // each once for all the cards; the recognitions and their recipients; the progress card and the nudge card.
        Assert.True(commands.Count <= 9, $"{commands.Count} commands:{Environment.NewLine}{string.Join(Environment.NewLine + "---" + Environment.NewLine, commands)}");

        App.Factory.Commands.Reset();
        using var filtered = await client.GetAsync("/?kind=magic&element=focus&customer=external");
        Assert.True(App.Factory.Commands.Count <= 9);
    }

    [Fact]
    public async Task The_sidebar_shows_the_persons_own_points_and_what_is_left_to_give()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var progress = await client.GetDocumentAsync("/?handler=Progress");
        var points = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == emma).SumAsync(e => e.Amount));
        Assert.Equal(points.ToString(System.Globalization.CultureInfo.InvariantCulture), progress.QuerySelector("[data-testid=progress-points]")!.TextContent.Trim());
        var give = await client.GetDocumentAsync("/Recognition/Give");
        Assert.Equal(give.QuerySelector("[data-testid=allowance-left]")!.TextContent + " points", progress.QuerySelector("[data-testid=progress-allowance]")!.TextContent.Trim());

        var home = await client.GetDocumentAsync("/");
        Assert.Equal("/?handler=Progress", home.QuerySelector("[data-testid=progress-box]")!.GetAttribute("hx-get"));
    }
}
