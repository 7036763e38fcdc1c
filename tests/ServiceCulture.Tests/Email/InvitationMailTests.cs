using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Email;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Email;

public sealed partial class InvitationMailTests(MailFixture mail) : MailTest(mail)
{
    private const string Newcomer = "nora.field@demo.test";

    private async Task<PortalClient> InviteAsync()
    {
        var admin = Mail.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var invited = await admin.SubmitFormAsync("/Admin/People/Invite", new Dictionary<string, string>
        {
            ["Form.Name"] = "Nora Field",
            ["Form.Email"] = Newcomer,
            ["Form.Role"] = "Employee",
            ["Form.TimeZoneId"] = "Europe/Paris",
        }, "#invite-form");
        Assert.True(invited.StatusCode == HttpStatusCode.Redirect, PortalClient.Shorten(await invited.Content.ReadAsStringAsync()));
        return admin;
    }

    private Task<List<OutboxMessage>> InvitationRowsAsync(int id) =>
        Mail.WithDbAsync(db => db.OutboxMessages.AsNoTracking().Where(m => m.RecipientId == id && m.Kind == EmailKind.Invitation).OrderBy(m => m.Id).ToListAsync());

    private static string PathOf(string? body)
    {
        var match = LinkPattern().Match(body ?? "");
        Assert.True(match.Success, "The email carries no invitation link.");
        return WebUtility.HtmlDecode(match.Groups["path"].Value);
    }

    [Fact]
    public async Task An_invitation_is_queued_with_its_invitation_and_reaches_the_mail_server_with_a_working_link()
    {
        using var admin = await InviteAsync();
        var id = await AdminPages.IdOfAsync(Mail, Newcomer);

        var row = Assert.Single(await InvitationRowsAsync(id));
        Assert.Equal(Outbox.KeyOf(EmailKind.Invitation, id, "invitation:1"), row.Key);
        Assert.Equal(OutboxStatus.Sent, row.Status);
        Assert.Equal(EmailTopic.Account, row.Topic);
        var received = Assert.Single(Mail.Smtp.Messages);
        Assert.Equal([Newcomer], received.Recipients);
        Assert.Equal(InvitationMail.Subject, received.Message.Subject);
        Assert.Contains("https://portal.test/Invitations/Accept?token=", received.Message.TextBody, StringComparison.Ordinal);
        Assert.Null(received.Message.Headers["List-Unsubscribe"]);

        using var newcomer = Mail.CreateClient();
        var page = await newcomer.GetDocumentAsync(PathOf(received.Message.HtmlBody));
        Assert.NotNull(page.QuerySelector("#accept-form"));
        Assert.Equal(0, (await Mail.DispatchAsync(TimeSpan.FromHours(1))).Sent);
    }

    [Fact]
    public async Task A_resend_is_a_second_email_with_its_own_key_and_the_first_link_is_refused()
    {
        using var admin = await InviteAsync();
        var id = await AdminPages.IdOfAsync(Mail, Newcomer);
        using (var resent = await admin.SubmitFormAsync($"/Admin/People/Edit/{id}", [], "#resend-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, resent.StatusCode);
        }

        var rows = await InvitationRowsAsync(id);
        Assert.Equal([Outbox.KeyOf(EmailKind.Invitation, id, "invitation:1"), Outbox.KeyOf(EmailKind.Invitation, id, "invitation:2")], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        var links = Mail.Smtp.Messages.Select(m => PathOf(m.Message.HtmlBody)).ToList();
        Assert.Equal(2, links.Distinct().Count());

        using var newcomer = Mail.CreateClient();
        using var first = await newcomer.GetAsync(links[0]);
        Assert.Equal(HttpStatusCode.Gone, first.StatusCode);
        using var second = await newcomer.GetAsync(links[1]);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
    }

    [Fact]
    public async Task A_revoked_invitation_whose_mail_is_still_waiting_is_never_sent()
    {
        await Mail.Smtp.StopAsync();
        using var admin = await InviteAsync();
        var id = await AdminPages.IdOfAsync(Mail, Newcomer);
        var waiting = Assert.Single(await InvitationRowsAsync(id));
        Assert.Equal(OutboxStatus.Pending, waiting.Status);

        using (var revoked = await admin.SubmitFormAsync($"/Admin/People/Edit/{id}", [], "#revoke-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, revoked.StatusCode);
        }

        await Mail.Smtp.StartAgainAsync();
        var result = await Mail.DispatchAsync(TimeSpan.FromDays(1));

        Assert.Equal(0, result.Sent);
        Assert.Empty(Mail.Smtp.Messages);
        var row = Assert.Single(await InvitationRowsAsync(id));
        Assert.Equal(OutboxStatus.Skipped, row.Status);
        Assert.Equal("The invitation was revoked.", row.LastError);
        var audit = await Mail.WithDbAsync(db => db.AuditEntries.Where(e => e.SubjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(e => e.Action).ToListAsync());
        Assert.Contains("invitation.sent", audit);
        Assert.Contains("invitation.revoked", audit);
    }

    [Fact]
    public async Task Mail_leaves_from_the_sender_set_at_the_settings_page_without_a_restart()
    {
        using var admin = Mail.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using (var saved = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["SenderName"] = "People Team", ["SenderAddress"] = "people@serviceculture.test" }, "#settings-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var inviter = await InviteAsync();
        var from = Assert.Single(Assert.Single(Mail.Smtp.Messages).Message.From.Mailboxes);
        Assert.Equal(("People Team", "people@serviceculture.test"), (from.Name, from.Address));
    }

    [GeneratedRegex("href=['\"](?:https?://[^/'\"]+)?(?<path>/Invitations/Accept\\?[^'\"]+)['\"]")]
    private static partial Regex LinkPattern();
}
