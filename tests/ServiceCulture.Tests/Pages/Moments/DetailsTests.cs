using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages.Moments;

public sealed class DetailsTests(AppFixture app) : AppTest(app)
{
    private static Dictionary<string, string> Token(AngleSharp.Html.Dom.IHtmlDocument page, Dictionary<string, string> fields)
    {
        fields["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return fields;
    }

    [Fact]
    public async Task Reactions_toggle_and_count()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("noah.okafor@demo.test");
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await M.LogAsync(emma, M.ValidForm());
        var page = await client.GetDocumentAsync($"/Moments/{id}");

        using var htmx = new HttpRequestMessage(HttpMethod.Post, $"/Moments/{id}?handler=React") { Content = new FormUrlEncodedContent(Token(page, new() { ["kind"] = "Applause" })) };
        htmx.Headers.Add("HX-Request", "true");
        using var partial = await client.Http.SendAsync(htmx);
        Assert.Equal(HttpStatusCode.OK, partial.StatusCode);
        var bar = PortalClient.Parse(await partial.Content.ReadAsStringAsync());
        var applause = bar.QuerySelector("button[data-reaction=Applause]")!;
        Assert.Equal("true", applause.GetAttribute("aria-pressed"));
        Assert.Equal("1", applause.QuerySelector(".reaction-count")!.TextContent);

        using var again = await client.PostAsync($"/Moments/{id}?handler=React", Token(page, new() { ["kind"] = "Applause" }));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal(0, await App.WithDbAsync(db => db.MomentReactions.CountAsync(r => r.MomentId == id)));

        using var forged = await client.PostAsync($"/Moments/{id}?handler=React", Token(page, new() { ["kind"] = "Thunder" }));
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
    }

    [Fact]
    public async Task Comments_are_added_and_empty_ones_refused()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("noah.okafor@demo.test");
        var id = await M.IdOfAsync(App, "Invoice corrected and the reminder withdrawn");

        using var empty = await client.SubmitFormAsync($"/Moments/{id}", new Dictionary<string, string> { ["CommentBody"] = "  " }, "#comments form");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Write a comment first.", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var posted = await client.SubmitFormAsync($"/Moments/{id}", new Dictionary<string, string> { ["CommentBody"] = "Good call on the address check." }, "#comments form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var page = await client.GetDocumentAsync($"/Moments/{id}");
        Assert.Contains(page.QuerySelectorAll("[data-testid=comment]"), c => c.TextContent.Contains("Good call on the address check.", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_author_edits_within_24_hours_and_not_after()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await M.LogAsync(emma, M.ValidForm("Before the edit"));
        var form = M.ValidForm("After the edit");
        form.Remove("Form.Kind");
        using var edited = await emma.SubmitFormAsync($"/Moments/{id}/Edit", form);
        Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        var saved = await M.LoadAsync(App, id);
        Assert.Equal("After the edit", saved.Title);
        Assert.NotNull(saved.EditedAt);

        using var noah = App.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        using var notTheirs = await noah.GetAsync($"/Moments/{id}/Edit");
        Assert.Equal(HttpStatusCode.Redirect, notTheirs.StatusCode);

        var editPage = await emma.GetDocumentAsync($"/Moments/{id}/Edit");
        App.Factory.Clock.Advance(TimeSpan.FromHours(25));
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail); // the sign-in cookie lasts 10 hours
        using var late = await emma.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)editPage.QuerySelector("main form")!, $"/Moments/{id}/Edit", M.ValidForm("Too late"));
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Equal("After the edit", (await M.LoadAsync(App, id)).Title);
        var details = await emma.GetDocumentAsync($"/Moments/{id}");
        Assert.Empty(details.QuerySelectorAll("a[href$='/Edit']"));
    }

    [Fact]
    public async Task Deleting_is_soft_audited_and_makes_the_moment_disappear()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await M.LogAsync(emma, M.ValidForm("To be deleted"));
        using var deleted = await emma.SubmitFormAsync($"/Moments/{id}", [], "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);

        var saved = await M.LoadAsync(App, id);
        Assert.NotNull(saved.DeletedAt);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "moment.deleted" && a.SubjectId == id.ToString())));
        using var gone = await emma.GetAsync($"/Moments/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var adminGone = await admin.GetAsync($"/Moments/{id}");
        Assert.Equal(HttpStatusCode.NotFound, adminGone.StatusCode);
    }

    [Fact]
    public async Task A_recovered_misery_cannot_be_deleted_and_deleting_its_recovery_reopens_it()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var miseryId = await M.LogAsync(emma, M.ValidForm("Misery with a recovery", kind: "Misery", visibility: "MyTeam"));
        using (var recovered = await emma.SubmitFormAsync($"/Moments/{miseryId}/Recover", M.RecoveryForm(), "#recovery-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, recovered.StatusCode);
        }

        var misery = await emma.GetDocumentAsync($"/Moments/{miseryId}");
        Assert.Null(misery.QuerySelector("form[action*='handler=Delete']"));
        Assert.Contains("delete the recovery first", misery.QuerySelector("aside")!.TextContent, StringComparison.Ordinal);
        using var refused = await emma.PostAsync($"/Moments/{miseryId}?handler=Delete", Token(misery, []));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("Delete the recovery first", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var recoveryId = (await M.LoadAsync(App, miseryId)).RecoveryId!.Value;
        using var deleted = await emma.SubmitFormAsync($"/Moments/{recoveryId}", [], "form[action*='handler=Delete']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        Assert.True((await M.LoadAsync(App, miseryId)).IsOpenMisery);
    }

    [Fact]
    public async Task The_manager_hides_a_moment_with_a_reason_the_author_can_read()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await M.LogAsync(emma, M.ValidForm("Names a customer by mistake"));

        using var noah = App.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        var noahPage = await noah.GetDocumentAsync($"/Moments/{id}");
        Assert.Null(noahPage.QuerySelector("form[action*='handler=Hide']"));
        using var forged = await noah.PostAsync($"/Moments/{id}?handler=Hide", Token(noahPage, new() { ["HideReason"] = "I do not like it" }));
        Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);

        using var manager = App.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using var noReason = await manager.SubmitFormAsync($"/Moments/{id}", new Dictionary<string, string> { ["HideReason"] = "" }, "form[action*='handler=Hide']");
        Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
        Assert.Contains("Say why the moment is hidden", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var hidden = await manager.SubmitFormAsync($"/Moments/{id}", new Dictionary<string, string> { ["HideReason"] = "It names a customer; please rewrite it." }, "form[action*='handler=Hide']");
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);

        using var noahNow = await noah.GetAsync($"/Moments/{id}");
        Assert.Equal(HttpStatusCode.NotFound, noahNow.StatusCode);
        var noahFeed = await noah.GetDocumentAsync("/");
        Assert.Null(noahFeed.QuerySelector($"#moment-{id}"));
        var emmaFeed = await emma.GetDocumentAsync("/");
        Assert.Null(emmaFeed.QuerySelector($"#moment-{id}"));
        var authorView = await emma.GetDocumentAsync($"/Moments/{id}");
        Assert.Contains("It names a customer; please rewrite it.", authorView.QuerySelector("[data-testid=hidden-notice]")!.TextContent, StringComparison.Ordinal);
        Assert.True(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "moment.hidden")));

        using var shown = await manager.SubmitFormAsync($"/Moments/{id}", [], "form[action*='handler=Unhide']");
        Assert.Equal(HttpStatusCode.Redirect, shown.StatusCode);
        using var visibleAgain = await noah.GetAsync($"/Moments/{id}");
        Assert.Equal(HttpStatusCode.OK, visibleAgain.StatusCode);
    }

    [Fact]
    public async Task Unknown_moments_answer_404()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        foreach (var path in new[] { "/Moments/999999", "/Moments/999999/Recover", "/Moments/999999/Edit", "/Moments/999999/Share", "/Learn/CaseStudies/999999", "/People/999999" })
        {
            using var response = await client.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path} answered {(int)response.StatusCode}");
        }
    }
}
