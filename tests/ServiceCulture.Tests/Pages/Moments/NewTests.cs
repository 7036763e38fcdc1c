using System.Globalization;
using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Moments;

public sealed class NewTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_form_labels_read_as_the_product_names_them()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Moments/New");
        var form = page.QuerySelector("#moment-form")!;
        var labels = form.QuerySelectorAll("label, legend").Select(l => l.TextContent.Trim()).ToList();
        foreach (var expected in new[] { "Kind", "Title", "Story", "When did it happen?", "Customer", "Service elements", "Lesson learned", "Who can see this" })
        {
            Assert.Contains(expected, labels);
        }

        Assert.Equal("Log moment", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
        foreach (var kind in MomentCatalog.Kinds)
        {
            Assert.Contains(kind.Meaning, form.TextContent, StringComparison.Ordinal);
        }

        Assert.Contains("What happened? What did the customer need? What did you do", form.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_misery_defaults_to_my_team()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Moments/New?kind=misery");
        Assert.NotNull(page.QuerySelector("#visibility-myteam[checked]"));
        Assert.NotNull(page.QuerySelector("#kind-misery[checked]"));
        var other = await client.GetDocumentAsync("/Moments/New?kind=magic");
        Assert.NotNull(other.QuerySelector("#visibility-everyone[checked]"));
    }

    [Fact]
    public async Task A_logged_moment_is_saved_and_shown_on_its_page()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var before = await Infrastructure.Moments.CountAsync(App);
        var id = await Infrastructure.Moments.LogAsync(client, Infrastructure.Moments.ValidForm());

        Assert.Equal(before + 1, await Infrastructure.Moments.CountAsync(App));
        var saved = await Infrastructure.Moments.LoadAsync(App, id);
        Assert.Equal(MomentKind.Magic, saved.Kind);
        Assert.Equal(ServiceElements.Focus, saved.Elements);
        Assert.Equal(await Infrastructure.Moments.PersonAsync(App, DemoOrganisation.EmployeeEmail), saved.AuthorId);

        var page = await client.GetDocumentAsync($"/Moments/{id}");
        Assert.Equal("Helped a colleague with a tricky refund", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("fixed it", page.QuerySelector("[data-testid=story] strong")!.TextContent);
    }

    [Fact]
    public async Task An_internal_customer_is_a_colleague_or_a_team_from_the_picker()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var noah = await Infrastructure.Moments.PersonAsync(App, "noah.okafor@demo.test");
        var form = Infrastructure.Moments.ValidForm("Covered Noah's queue");
        form["Form.CustomerType"] = "Internal";
        form["Form.CustomerEmployeeId"] = noah.ToString(CultureInfo.InvariantCulture);
        var id = await Infrastructure.Moments.LogAsync(client, form);
        var saved = await Infrastructure.Moments.LoadAsync(App, id);
        Assert.Equal(CustomerKind.Colleague, saved.CustomerKind);
        Assert.Equal(noah, saved.CustomerEmployeeId);
        Assert.Null(saved.ExternalCustomer);

        var results = await client.GetDocumentAsync("/People/Search?scope=customer&q=sal");
        Assert.Contains(results.QuerySelectorAll("[data-pick]"), o => o.GetAttribute("data-pick-kind") == "team" && o.GetAttribute("data-pick-label") == "Team: Sales");
        var people = await client.GetDocumentAsync("/People/Search?scope=people&q=emma");
        Assert.Empty(people.QuerySelectorAll("[data-pick]"));
    }

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        { "Form.Title", "", "Form.Title", "Give the moment a short title." },
        { "Form.Title", new string('t', 121), "Form.Title", "Keep the title to 120 characters." },
        { "Form.Story", "", "Form.Story", "Tell the story" },
        { "Form.Story", new string('s', 4001), "Form.Story", "Keep the story to 4000 characters." },
        { "Form.OccurredOn", TestClock.Start.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Form.OccurredOn", "in the future" },
        { "Form.OccurredOn", TestClock.Start.AddDays(-400).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), "Form.OccurredOn", "more than a year ago" },
        { "Form.OccurredOn", "not a date", "Form.OccurredOn", "is not a valid value" },
        { "Form.Elements", "", "Form.Elements", "Tick at least one service element." },
        { "Form.Elements", "64", "Form.Elements", "is not a valid value" },
        { "Form.Elements", "Charisma", "Form.Elements", "is not a valid value" },
        { "Form.Kind", "7", "Form.Kind", "is not a valid value" },
        { "Form.Kind", "Hacker", "Form.Kind", "is not a valid value" },
        { "Form.Visibility", "9", "Form.Visibility", "is not a valid value" },
        { "Form.CustomerType", "Martian", "Form.CustomerType", "external or a colleague or team" },
        { "Form.Lesson", new string('l', 1001), "Form.Lesson", "Keep the lesson to 1000 characters." },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_refused_next_to_the_field_and_nothing_is_saved(string field, string value, string messageFor, string message)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var before = await Infrastructure.Moments.CountAsync(App);
        var form = Infrastructure.Moments.ValidForm();
        if (value.Length == 0 && field == "Form.Elements")
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value;
        }

        using var response = await client.SubmitFormAsync("/Moments/New", form, "#moment-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        var shown = page.QuerySelector($"[data-valmsg-for='{messageFor}']")?.TextContent ?? "";
        Assert.Contains(message, shown, StringComparison.Ordinal);
        Assert.Equal(before, await Infrastructure.Moments.CountAsync(App));
    }

    [Theory]
    [InlineData("999999", "not in the portal")]
    [InlineData("self", "cannot be your own customer")]
    [InlineData("", "Pick the colleague you served")]
    public async Task An_unknown_or_missing_colleague_is_refused(string colleague, string message)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var form = Infrastructure.Moments.ValidForm();
        form["Form.CustomerType"] = "Internal";
        form["Form.CustomerEmployeeId"] = colleague == "self"
            ? (await Infrastructure.Moments.PersonAsync(App, DemoOrganisation.EmployeeEmail)).ToString(CultureInfo.InvariantCulture)
            : colleague;
        var before = await Infrastructure.Moments.CountAsync(App);
        using var response = await client.SubmitFormAsync("/Moments/New", form, "#moment-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector("[data-valmsg-for='Form.CustomerSearch']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await Infrastructure.Moments.CountAsync(App));
    }

    [Fact]
    public async Task An_unknown_team_is_refused()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var form = Infrastructure.Moments.ValidForm();
        form["Form.CustomerType"] = "Internal";
        form["Form.CustomerTeamId"] = "4242";
        using var response = await client.SubmitFormAsync("/Moments/New", form, "#moment-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("That team does not exist", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Script_in_the_title_and_story_is_rendered_inert()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var form = Infrastructure.Moments.ValidForm("<script>alert('title')</script>");
        form["Form.Story"] = "Hello <script>alert('story')</script> <img src=x onerror=alert(1)> [click](javascript:alert(2)) <b onclick=alert(3)>bold</b>";
        var id = await Infrastructure.Moments.LogAsync(client, form);

        foreach (var path in new[] { $"/Moments/{id}", "/", "/Moments/Mine" })
        {
            var rendered = await client.GetDocumentAsync(path);
            Assert.All(rendered.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), $"inline script on {path}"));
            Assert.Empty(rendered.QuerySelectorAll("[onerror], [onclick], a[href^='javascript']"));
            Assert.Empty(rendered.QuerySelectorAll("main img[src='x']"));
        }

        var page = await client.GetDocumentAsync($"/Moments/{id}");
        Assert.Equal("<script>alert('title')</script>", page.QuerySelector("h1")!.TextContent);
        Assert.Empty(page.QuerySelectorAll("[data-testid=story] script, [data-testid=story] img, [data-testid=story] [onclick]"));
    }

    [Fact]
    public async Task Double_submitting_the_same_form_is_harmless_to_validation()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Moments/New");
        Assert.NotNull(page.QuerySelector("#moment-form[data-once]"));
    }
}
