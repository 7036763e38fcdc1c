using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MimeKit;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Admin;

public sealed partial class InvitationTests(AppFixture app) : AppTest(app)
{
    private const string Password = "quiet orchard lanterns hum";

    private async Task<PortalClient> InviteAsync(string email = "new.colleague@demo.test")
    {
        var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var invited = await admin.SubmitFormAsync("/Admin/People/Invite", new Dictionary<string, string>
        {
            ["Form.Name"] = "Nora Field",
            ["Form.Email"] = email,
            ["Form.Role"] = "Employee",
            ["Form.TimeZoneId"] = "Europe/Paris",
        }, "#invite-form");
        Assert.True(invited.StatusCode == HttpStatusCode.Redirect, await invited.Content.ReadAsStringAsync());
        return admin;
    }

    private async Task<List<string>> LinksAsync()
    {
        var links = new List<string>();
        foreach (var file in Directory.GetFiles(App.MailFolder, "*.eml").Order(StringComparer.Ordinal))
        {
            var message = await MimeMessage.LoadAsync(file);
            links.Add(WebUtility.HtmlDecode(LinkPattern().Match(message.HtmlBody ?? "").Groups["path"].Value));
        }

        return links;
    }

    [Fact]
    public async Task An_invited_person_chooses_a_password_lands_on_the_first_run_page_and_signs_in_later()
    {
        using var admin = await InviteAsync();
        var link = Assert.Single(await LinksAsync());
        Assert.StartsWith("/Invitations/Accept?token=", link, StringComparison.Ordinal);

        using var newcomer = App.CreateClient();
        using var tooShort = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Form.Password"] = "short", ["Form.Confirm"] = "short" }, "#accept-form");
        Assert.Equal(HttpStatusCode.BadRequest, tooShort.StatusCode);
        using var common = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Form.Password"] = "password1234", ["Form.Confirm"] = "password1234" }, "#accept-form");
        Assert.Equal(HttpStatusCode.BadRequest, common.StatusCode);

        using var accepted = await newcomer.SubmitFormAsync(link, new Dictionary<string, string> { ["Form.Password"] = Password, ["Form.Confirm"] = Password }, "#accept-form");
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
        Assert.Equal("/Welcome", accepted.Headers.Location!.OriginalString);
        var welcome = await newcomer.GetDocumentAsync("/Welcome");
        Assert.Equal(3, welcome.QuerySelectorAll("[data-testid=first-run-steps] > li").Length);

        using var later = App.CreateClient();
        await later.SignInOrFailAsync("new.colleague@demo.test", Password);

        using var used = await newcomer.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, used.StatusCode);
        Assert.Contains("already used", await used.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Expired_revoked_resent_and_forged_links_get_a_clear_page_never_a_500()
    {
        using var admin = await InviteAsync();
        var first = Assert.Single(await LinksAsync());
        var id = await AdminPages.IdOfAsync(App, "new.colleague@demo.test");

        using (var resent = await admin.SubmitFormAsync($"/Admin/People/Edit/{id}", [], "#resend-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        }

        var second = (await LinksAsync()).Single(l => l != first);
        using var anonymous = App.CreateClient();
        using (var old = await anonymous.GetAsync(first))
        {
            Assert.Equal(HttpStatusCode.Gone, old.StatusCode);
            Assert.Contains("no longer works", await old.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        await App.WithDbAsync(db => db.Invitations.Where(i => i.EmployeeId == id && i.RevokedAt == null).ExecuteUpdateAsync(s => s.SetProperty(i => i.ExpiresAt, App.Factory.Clock.UtcNow.AddMinutes(-1))));
        using (var expired = await anonymous.GetAsync(second))
        {
            Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
            Assert.Contains("has expired", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        foreach (var forged in new[] { "/Invitations/Accept", "/Invitations/Accept?token=abc", "/Invitations/Accept?token=" + new string('x', 5000), "/Invitations/Accept?token=%00%ff" })
        {
            using var response = await anonymous.GetAsync(forged);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Contains("do not recognise this invitation", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.False(await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.PasswordHash != null).SingleAsync()));
    }

    [Fact]
    public async Task A_revoked_invitation_stops_working()
    {
        using var admin = await InviteAsync();
        var link = Assert.Single(await LinksAsync());
        var id = await AdminPages.IdOfAsync(App, "new.colleague@demo.test");
        using (var revoked = await admin.SubmitFormAsync($"/Admin/People/Edit/{id}", [], "#revoke-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        using var anonymous = App.CreateClient();
        using var response = await anonymous.GetAsync(link);
        Assert.Equal(HttpStatusCode.Gone, response.StatusCode);
    }

    [Fact]
    public async Task Inviting_an_email_already_in_the_portal_is_refused_next_to_the_field()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var response = await admin.SubmitFormAsync("/Admin/People/Invite", new Dictionary<string, string> { ["Form.Name"] = "Emma Again", ["Form.Email"] = DemoOrganisation.EmployeeEmail }, "#invite-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("already in the portal", page.QuerySelector("[data-valmsg-for='Form.Email']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_sign_in_page_tells_newcomers_about_invitations()
    {
        using var client = App.CreateClient();
        var page = await client.GetDocumentAsync("/Identity/Account/Login");
        Assert.Contains("invites you by email", page.Body!.TextContent, StringComparison.Ordinal);
    }

    [GeneratedRegex("href=['\"](?:https?://[^/'\"]+)?(?<path>/Invitations/Accept\\?[^'\"]+)['\"]")]
    private static partial Regex LinkPattern();
}
