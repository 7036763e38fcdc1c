using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.Email;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Email;

public sealed class OutboxTests(MailFixture mail) : MailTest(mail)
{
    private static readonly TimeSpan AfterBatching = TimeSpan.FromMinutes(6);

    [Fact]
    public async Task A_message_given_the_nodes_sender_is_not_kept_alive_by_it()
    {
        // The sender is read once and kept for a while; the messages it goes on must not be kept with it.
        var delivery = Mail.Factory.Services.GetRequiredService<MailDelivery>();
        await delivery.CurrentSenderAsync(CancellationToken.None);

        var message = Compose(delivery);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(message.IsAlive);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static WeakReference Compose(MailDelivery delivery)
    {
        var message = new MimeKit.MimeMessage();
        message.From.Add(delivery.Sender);
        return new WeakReference(message);
    }

    [Fact]
    public async Task A_recognition_reaches_the_smtp_server_with_html_text_and_one_click_unsubscribe()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        await RecogniseAsync(DemoOrganisation.ManagerEmail, emma, "Thank you for calling the customer back within the hour, it saved the account.");

        Assert.Equal(0, (await Mail.DispatchAsync()).Sent); // still inside the batching window
        var result = await Mail.DispatchAsync(AfterBatching);

        Assert.Equal(1, result.Sent);
        var received = Assert.Single(Mail.Smtp.Messages);
        Assert.Equal([DemoOrganisation.EmployeeEmail], received.Recipients);
        var message = received.Message;
        Assert.Equal("A colleague recognised you", message.Subject);
        Assert.Contains("calling the customer back within the hour", message.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("calling the customer back within the hour", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("style=", message.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://portal.test/Unsubscribe?token=", message.Headers["List-Unsubscribe"], StringComparison.Ordinal);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        Assert.Contains("https://portal.test/Recognition/", message.HtmlBody, StringComparison.Ordinal);
        var row = await Mail.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.RecipientId == emma && m.Kind == EmailKind.RecognitionReceived && m.Status == OutboxStatus.Sent && m.SentAt != null && m.CreatedAt > Mail.Now.AddHours(-1)));
        Assert.Equal(1, row.Attempts);

        Assert.Equal(0, (await Mail.DispatchAsync(TimeSpan.FromMinutes(10))).Sent);
        Assert.Single(Mail.Smtp.Messages);
    }

    [Fact]
    public async Task Recognitions_arriving_within_minutes_go_out_as_one_email()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        var start = Mail.Now;
        await RecogniseAsync(DemoOrganisation.ManagerEmail, emma, "Thank you for taking the escalation off my desk so calmly.");
        Mail.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await RecogniseAsync(DemoOrganisation.AdminEmail, emma, "Thank you for explaining the new returns policy in plain words.");

        await Mail.DispatchAsync(AfterBatching);

        // Only this test's recognitions: the clock runs on across tests, so other mail of the organisation may fall due too.
        var message = Assert.Single(Mail.Smtp.Messages, m => m.Message.Headers["X-ServiceCulture-Kind"] == nameof(EmailKind.RecognitionReceived)).Message;
        Assert.Equal("You were recognised 2 times", message.Subject);
        Assert.Contains("escalation off my desk", message.TextBody, StringComparison.Ordinal);
        Assert.Contains("returns policy in plain words", message.TextBody, StringComparison.Ordinal);
        var rows = await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientId == emma && m.Kind == EmailKind.RecognitionReceived && m.CreatedAt >= start).OrderBy(m => m.Id).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.All(rows, r => Assert.Equal(OutboxStatus.Sent, r.Status));
        Assert.Null(rows[0].MergedIntoId);
        Assert.Equal(rows[0].Id, rows[1].MergedIntoId);
    }

    [Fact]
    public async Task One_click_unsubscribe_turns_the_topic_off_and_later_recognitions_are_not_sent()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        await RecogniseAsync(DemoOrganisation.ManagerEmail, emma, "Thank you for staying late to finish the migration checklist.");
        await Mail.DispatchAsync(AfterBatching);
        var header = Assert.Single(Mail.Smtp.Messages).Message.Headers["List-Unsubscribe"] ?? "";
        var url = new Uri(header.Trim('<', '>'));

        // What a mail client sends (RFC 8058): an anonymous POST, no cookie, no antiforgery token.
        using var anonymous = Mail.Factory.CreateDefaultClient(new Uri("https://localhost"));
        using var confirm = await anonymous.GetAsync(new Uri(url.PathAndQuery, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, confirm.StatusCode);
        Assert.False(await Mail.WithDbAsync(db => db.EmailOptOuts.AnyAsync(o => o.EmployeeId == emma)), "Opening the link must only ask.");
        using var oneClick = await anonymous.PostAsync(new Uri(url.PathAndQuery, UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["List-Unsubscribe"] = "One-Click" }));
        Assert.Equal(HttpStatusCode.OK, oneClick.StatusCode);
        Assert.Equal([EmailTopic.Recognition], await Mail.WithDbAsync(db => db.EmailOptOuts.Where(o => o.EmployeeId == emma).Select(o => o.Topic).ToListAsync()));

        Mail.Smtp.Clear();
        await RecogniseAsync(DemoOrganisation.AdminEmail, emma, "Thank you for covering the phones while we were in the workshop.");
        var result = await Mail.DispatchAsync(AfterBatching);

        Assert.Equal(0, result.Sent);
        Assert.Equal(1, result.Skipped);
        Assert.Empty(Mail.Smtp.Messages);
        Assert.True(await Mail.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == emma && n.Text.Contains("covering the phones"))), "The bell still tells.");
    }

    [Fact]
    public async Task A_forged_or_truncated_unsubscribe_token_is_refused_and_changes_nothing()
    {
        using var anonymous = Mail.Factory.CreateDefaultClient(new Uri("https://localhost"));
        await using var scope = Mail.Scope();
        var good = scope.ServiceProvider.GetRequiredService<UnsubscribeTokens>().Create(1, EmailTopic.Nudges);

        foreach (var token in new[] { "forged", good[..^4], "" })
        {
            using var response = await anonymous.PostAsync(new Uri("/Unsubscribe?token=" + Uri.EscapeDataString(token), UriKind.Relative), new FormUrlEncodedContent([]));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }

        Assert.Equal(0, await Mail.WithDbAsync(db => db.EmailOptOuts.CountAsync()));
    }

    [Fact]
    public async Task Preferences_saved_on_the_profile_decide_which_emails_are_sent()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        using var client = Mail.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var saved = await client.SubmitFormAsync($"/People/{emma}", new Dictionary<string, string> { ["wanted"] = "Nudges" }, "#email-preferences form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        var off = await Mail.WithDbAsync(db => db.EmailOptOuts.Where(o => o.EmployeeId == emma).Select(o => o.Topic).OrderBy(t => t).ToListAsync());
        Assert.Equal([EmailTopic.Recognition, EmailTopic.WeeklyDigest, EmailTopic.ManagerReports], off);
        var page = await client.GetDocumentAsync($"/People/{emma}");
        Assert.True(page.QuerySelector("#email-Nudges")!.HasAttribute("checked"));
        Assert.False(page.QuerySelector("#email-Recognition")!.HasAttribute("checked"));

        await Enqueue(emma, EmailKind.Nudge, "nudge-check", "A nudge");
        await Enqueue(emma, EmailKind.WeeklyDigest, "digest-check", "A digest");
        await Mail.DispatchAsync();
        Assert.Equal(["A nudge"], Mail.Smtp.Messages.Select(m => m.Message.Subject));
    }

    [Fact]
    public async Task Someone_else_cannot_change_your_email_preferences()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        using var client = Mail.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var manager = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.ManagerEmail);
        var page = await client.GetDocumentAsync($"/People/{manager}");
        var token = page.QuerySelector("#email-preferences input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var response = await client.PostAsync($"/People/{emma}?handler=Email", new Dictionary<string, string> { ["__RequestVerificationToken"] = token });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(0, await Mail.WithDbAsync(db => db.EmailOptOuts.CountAsync(o => o.EmployeeId == emma)));
    }

    [Fact]
    public async Task While_the_mail_server_is_down_nothing_is_lost_and_each_email_is_delivered_once_when_it_returns()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        await Mail.Smtp.StopAsync();
        for (var i = 0; i < 5; i++)
        {
            await Enqueue(emma, EmailKind.Nudge, $"down-{i}", $"Nudge {i}");
        }

        var down = await Mail.DispatchAsync();
        Assert.Equal(5, down.Failed);
        var waiting = await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.Key.Contains(":down-")).ToListAsync());
        Assert.All(waiting, m =>
        {
            Assert.Equal(OutboxStatus.Pending, m.Status);
            Assert.NotNull(m.LastError);
            Assert.Equal(Mail.Now.AddMinutes(1), m.DueAt);
        });

        await Mail.DispatchAsync(TimeSpan.FromSeconds(61)); // second failure: the wait doubles
        Assert.All(await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.Key.Contains(":down-")).ToListAsync()),
            m => Assert.Equal(Mail.Now.AddMinutes(2), m.DueAt));

        await Mail.Smtp.StartAgainAsync();
        Assert.Equal(0, (await Mail.DispatchAsync()).Sent); // not due yet
        Assert.Equal(5, (await Mail.DispatchAsync(TimeSpan.FromMinutes(2))).Sent);
        Assert.Equal(0, (await Mail.DispatchAsync(TimeSpan.FromMinutes(10))).Sent);

        Assert.Equal(Enumerable.Range(0, 5).Select(i => $"Nudge {i}").Order(), Mail.Smtp.Messages.Select(m => m.Message.Subject).Order());
    }

    [Fact]
    public async Task An_email_that_keeps_failing_is_dead_lettered_shown_with_its_error_and_can_be_retried()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        await Mail.Smtp.StopAsync();
        var id = await Enqueue(emma, EmailKind.Nudge, "dead", "Never arrives");

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            await Mail.DispatchAsync(TimeSpan.FromHours(7));
        }

        var row = await Mail.WithDbAsync(db => db.OutboxMessages.SingleAsync(m => m.Id == id));
        Assert.Equal(OutboxStatus.DeadLettered, row.Status);
        Assert.Equal(8, row.Attempts);
        Assert.Equal(0, (await Mail.DispatchAsync(TimeSpan.FromHours(7))).Failed);

        using var admin = Mail.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var list = await admin.GetDocumentAsync("/Admin/Outbox?status=DeadLettered");
        Assert.Contains("Never arrives", list.QuerySelector("[data-testid=outbox-row]")!.TextContent, StringComparison.Ordinal);
        var details = await admin.GetDocumentAsync($"/Admin/Outbox/{id}");
        Assert.False(string.IsNullOrWhiteSpace(details.QuerySelector("[data-testid=outbox-error]")?.TextContent));

        using var retried = await admin.SubmitFormAsync($"/Admin/Outbox/{id}", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, retried.StatusCode);
        await Mail.Smtp.StartAgainAsync();
        Assert.Equal(1, (await Mail.DispatchAsync()).Sent);
        Assert.Equal("Never arrives", Assert.Single(Mail.Smtp.Messages).Message.Subject);
    }

    [Fact]
    public async Task Names_and_subjects_cannot_smuggle_in_headers_or_recipients()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        await Mail.WithDbAsync(db => db.Users.Where(u => u.Id == emma).ExecuteUpdateAsync(s => s.SetProperty(u => u.DisplayName, "Emma\r\nBcc: victim@evil.test")));
        await Enqueue(emma, EmailKind.Nudge, "inject", "Hello\r\nBcc: victim@evil.test\nX-Evil: yes");

        await Mail.DispatchAsync();

        var received = Assert.Single(Mail.Smtp.Messages);
        Assert.Equal([DemoOrganisation.EmployeeEmail], received.Recipients);
        Assert.False(received.Message.Headers.Contains("Bcc"));
        Assert.False(received.Message.Headers.Contains("X-Evil"));
        Assert.Equal("Hello Bcc: victim@evil.test X-Evil: yes", received.Message.Subject);
        Assert.Equal("Emma Bcc: victim@evil.test", received.Message.To.Mailboxes.Single().Name);
        Assert.Equal(DemoOrganisation.EmployeeEmail, received.Message.To.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task A_row_held_by_a_run_that_died_is_sent_once_after_its_lease_runs_out()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        var id = await Enqueue(emma, EmailKind.Nudge, "crashed", "After the crash");
        var until = Mail.Now + OutboxDispatcher.Lease;
        await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Status, OutboxStatus.Sending).SetProperty(m => m.LeaseId, Guid.NewGuid()).SetProperty(m => m.LeaseUntil, until).SetProperty(m => m.Attempts, 1)));

        Assert.Equal(0, (await Mail.DispatchAsync(TimeSpan.FromMinutes(1))).Sent);
        Assert.Equal(1, (await Mail.DispatchAsync(OutboxDispatcher.Lease)).Sent);
        Assert.Equal(0, (await Mail.DispatchAsync(OutboxDispatcher.Lease * 2)).Sent);
        Assert.Single(Mail.Smtp.Messages);
    }

    [Fact]
    public async Task The_same_key_is_queued_once()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        await using var scope = Mail.Scope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var content = new EmailContent { Subject = "Once" };

        Assert.True(await outbox.EnqueueOnceAsync(emma, EmailKind.WeeklyDigest, "2026-W47", content, CancellationToken.None));
        Assert.False(await outbox.EnqueueOnceAsync(emma, EmailKind.WeeklyDigest, "2026-W47", content, CancellationToken.None));
        Assert.Equal(1, await Mail.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Subject == "Once")));
    }

    [Fact]
    public async Task The_admin_preview_shows_the_text_and_the_html_in_a_sandboxed_frame_with_a_strict_policy()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        var id = await Enqueue(emma, EmailKind.Nudge, "preview", "Preview me");
        using var admin = Mail.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);

        var page = await admin.GetDocumentAsync($"/Admin/Outbox/{id}");
        var frame = page.QuerySelector("iframe.email-preview")!;
        Assert.Equal("", frame.GetAttribute("sandbox"));
        Assert.Contains("Preview me", page.QuerySelector("[data-testid=outbox-text]")!.TextContent, StringComparison.Ordinal);
        using var html = await admin.GetAsync(frame.GetAttribute("src")!);
        Assert.Equal(HttpStatusCode.OK, html.StatusCode);
        Assert.Equal(ServiceCulture.Web.Pages.Admin.Outbox.DetailsModel.PreviewPolicy, html.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("Preview me", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var employee = Mail.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var refused = await employee.GetAsync($"/Admin/Outbox/{id}?handler=Html");
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private async Task RecogniseAsync(string giver, int recipient, string message)
    {
        await Infrastructure.Recognitions.FreshAllowanceAsync(Mail, giver);
        using var client = Mail.CreateClient();
        await client.SignInOrFailAsync(giver);
        await Infrastructure.Recognitions.GiveOrFailAsync(client, Infrastructure.Recognitions.Form(recipient, 5, message));
    }

    private async Task<long> Enqueue(int recipient, EmailKind kind, string key, string subject)
    {
        await using var scope = Mail.Scope();
        var outbox = scope.ServiceProvider.GetRequiredService<Outbox>();
        var message = outbox.Enqueue(recipient, kind, key, new EmailContent { Subject = subject, Heading = subject, Paragraphs = [subject] });
        await scope.Db().SaveChangesAsync();
        return message.Id;
    }
}
