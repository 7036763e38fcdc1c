using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages.Moments;

public sealed class RecoverTests(AppFixture app) : AppTest(app)
{
    private async Task<long> NewMiseryAsync(PortalClient client, string title = "Parcel went to the wrong depot")
    {
        var form = M.ValidForm(title, kind: "Misery", visibility: "MyTeam");
        return await M.LogAsync(client, form);
    }

    [Fact]
    public async Task Recovery_closes_the_open_misery_and_records_the_steps()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var miseryId = await NewMiseryAsync(client);
        Assert.True((await M.LoadAsync(App, miseryId)).IsOpenMisery);

        var page = await client.GetDocumentAsync($"/Moments/{miseryId}/Recover");
        Assert.Equal(5, page.QuerySelectorAll(".recovery-steps li").Length);
        Assert.Contains("Solve first, blame later", page.QuerySelector(".recovery-steps")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("Close graciously", page.QuerySelector(".recovery-steps")!.TextContent, StringComparison.Ordinal);

        using var response = await client.SubmitFormAsync($"/Moments/{miseryId}/Recover", M.RecoveryForm(), "#recovery-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var recoveryId = long.Parse(response.Headers.Location!.OriginalString["/Moments/".Length..], CultureInfo.InvariantCulture);

        var misery = await M.LoadAsync(App, miseryId);
        var recovery = await M.LoadAsync(App, recoveryId);
        Assert.Equal(recoveryId, misery.RecoveryId);
        Assert.NotNull(misery.RecoveredAt);
        Assert.Equal(MomentKind.Recovery, recovery.Kind);
        Assert.Equal(miseryId, recovery.RecoversMomentId);
        Assert.Equal(recovery.AuthorId, recovery.RecoveredById);
        Assert.Equal([true, true, false, true, false], recovery.Steps.OrderBy(s => s.Number).Select(s => s.Done));
        Assert.Equal("The address check is now part of every move.", recovery.Steps.Single(s => s.Number == 4).Note);

        var miseryPage = await client.GetDocumentAsync($"/Moments/{miseryId}");
        Assert.Contains("Turned it around", miseryPage.QuerySelector("[data-testid=misery-status]")!.TextContent, StringComparison.Ordinal);
        var recoveryPage = await client.GetDocumentAsync($"/Moments/{recoveryId}");
        Assert.Contains("Parcel went to the wrong depot", recoveryPage.QuerySelector("[data-testid=recovers]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(5, recoveryPage.QuerySelectorAll("[data-testid=recovery-step]").Length);

        var feed = await client.GetDocumentAsync("/");
        var card = feed.QuerySelector($"#moment-{miseryId}")!;
        Assert.Contains("Turned it around", card.QuerySelector("[data-testid=misery-status]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_colleague_can_be_named_as_the_one_who_recovered_it()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var miseryId = await NewMiseryAsync(client);
        var noah = await M.PersonAsync(App, "noah.okafor@demo.test");
        var form = M.RecoveryForm();
        form["Form.RecoveredById"] = noah.ToString(CultureInfo.InvariantCulture);
        using var response = await client.SubmitFormAsync($"/Moments/{miseryId}/Recover", form, "#recovery-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var misery = await M.LoadAsync(App, miseryId);
        Assert.Equal(noah, (await M.LoadAsync(App, misery.RecoveryId!.Value)).RecoveredById);
    }

    [Fact]
    public async Task The_manager_may_recover_a_reports_misery_but_a_teammate_may_not()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var miseryId = await NewMiseryAsync(emma);

        using var noah = App.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        using var refused = await noah.GetAsync($"/Moments/{miseryId}/Recover");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        using var forged = await noah.PostAsync($"/Moments/{miseryId}/Recover", M.RecoveryForm());
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode); // no antiforgery token from a page he could not open

        using var manager = App.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using var response = await manager.SubmitFormAsync($"/Moments/{miseryId}/Recover", M.RecoveryForm(), "#recovery-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.False((await M.LoadAsync(App, miseryId)).IsOpenMisery);
    }

    [Fact]
    public async Task Forged_misery_links_are_refused_and_nothing_is_saved()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var daniel = App.CreateClient();
        await daniel.SignInOrFailAsync("daniel.kim@demo.test");
        var othersMisery = await NewMiseryAsync(daniel, "Daniel's own misery");
        var notAMisery = await M.LogAsync(emma, M.ValidForm("Just a moment of magic"));
        var recovered = await NewMiseryAsync(emma, "Recovered already");
        using (var first = await emma.SubmitFormAsync($"/Moments/{recovered}/Recover", M.RecoveryForm(), "#recovery-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        var before = await M.CountAsync(App);
        foreach (var (miseryId, message) in new[]
                 {
                     (othersMisery, "You can log recoveries for your own miseries"),
                     (notAMisery, "Only a moment of misery can be recovered."),
                     (recovered, "That misery has already been recovered."),
                     (987654L, "You can log recoveries for your own miseries"),
                 })
        {
            var form = M.RecoveryForm();
            foreach (var (key, value) in M.ValidForm())
            {
                form.TryAdd(key, value);
            }

            form["Form.Kind"] = "Recovery";
            form["Form.RecoversMomentId"] = miseryId.ToString(CultureInfo.InvariantCulture);
            using var response = await emma.SubmitFormAsync("/Moments/New", form, "#moment-form");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
            var errors = string.Join(" / ", page.QuerySelectorAll(".field-validation-error, .validation-summary-errors").Select(e => e.GetAttribute("data-valmsg-for") + ": " + e.TextContent));
            Assert.True(page.QuerySelector("[data-valmsg-for='Form.RecoversMomentId']")?.TextContent.Contains(message, StringComparison.Ordinal) == true, errors + page.QuerySelector("main")?.TextContent[..300]);
        }

        Assert.Equal(before, await M.CountAsync(App));
        Assert.Null((await M.LoadAsync(App, othersMisery)).RecoveryId);
    }

    [Fact]
    public async Task An_already_recovered_misery_sends_the_recover_page_back_to_the_misery()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var miseryId = await NewMiseryAsync(emma);
        using (var first = await emma.SubmitFormAsync($"/Moments/{miseryId}/Recover", M.RecoveryForm(), "#recovery-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        }

        using var again = await emma.GetAsync($"/Moments/{miseryId}/Recover");
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal($"/Moments/{miseryId}", again.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Open_miseries_are_listed_oldest_first_for_the_author_and_their_manager()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var newest = await NewMiseryAsync(emma, "Newest misery");
        var page = await emma.GetDocumentAsync("/Moments/Mine");
        var mine = page.QuerySelectorAll("[data-testid=my-open-miseries] li a[href^='/Moments/']:not([href$='Recover'])").Select(a => a.TextContent).ToList();
        Assert.Equal("Access request left for a week", mine[0]);
        Assert.Equal("Newest misery", mine[^1]);

        using var manager = App.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var team = await manager.GetDocumentAsync("/Moments/Mine");
        var listed = team.QuerySelectorAll("[data-testid=team-open-miseries] li").Select(li => li.TextContent).ToList();
        Assert.Contains(listed, l => l.Contains("Newest misery", StringComparison.Ordinal) && l.Contains("Emma Lindqvist", StringComparison.Ordinal));
        Assert.Contains(listed, l => l.Contains("Said no without an alternative", StringComparison.Ordinal));
        Assert.True(await App.WithDbAsync(db => db.Moments.AnyAsync(m => m.Id == newest && m.RecoveryId == null)));
    }
}
