using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Email;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using S = ServiceCulture.Tests.Infrastructure.ReviewScenario;

namespace ServiceCulture.Tests.Email;

/// <summary>Each review step that asks something of someone reaches them by email through the outbox, once.</summary>
public sealed class ReviewEmailTests(MailFixture mail) : MailTest(mail)
{
    [Fact]
    public async Task Opening_a_cycle_asks_each_person_for_their_self_assessment_by_email_with_the_due_date_and_a_link()
    {
        var cycle = await S.OpenCycleAsync(Mail, "Spring check-in");
        var emma = await M.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        var review = await S.ReviewOfAsync(Mail, cycle, DemoOrganisation.EmployeeEmail);
        var reviewees = await Mail.WithDbAsync(db => db.Reviews.CountAsync(r => r.CycleId == cycle));

        // Saved with the cycle: one email and one bell entry per review, the same keys a rerun would use.
        var rows = await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == EmailKind.SelfAssessmentRequested).ToListAsync());
        Assert.Equal(reviewees, rows.Count);
        Assert.Contains(rows, r => r.RecipientId == emma && r.Key == $"SelfAssessmentRequested:{emma}:review:{review}:opened");

        var result = await Mail.DispatchAsync();

        Assert.Equal(reviewees, result.Sent);
        var email = Assert.Single(Mail.Smtp.Messages, m => m.Recipients.Contains(DemoOrganisation.EmployeeEmail)).Message;
        var due = S.Today(Mail).AddDays(7).ToString("d MMMM", CultureInfo.InvariantCulture);
        Assert.Equal($"Your review “Spring check-in” is open: self-assessment due {due}", email.Subject);
        Assert.Equal(nameof(EmailKind.SelfAssessmentRequested), email.Headers["X-ServiceCulture-Kind"]);
        Assert.Contains($"https://portal.test/Reviews/{review}", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains($"https://portal.test/Reviews/{review}", email.TextBody, StringComparison.Ordinal);
        Assert.Null(email.Headers["List-Unsubscribe"]); // a request to act, not a newsletter

        Assert.Equal(0, (await Mail.DispatchAsync(TimeSpan.FromMinutes(10))).Sent);
    }

    [Fact]
    public async Task Sharing_a_review_emails_the_employee_and_acknowledging_it_emails_the_manager_unless_they_turned_manager_reports_off()
    {
        var cycle = await S.OpenCycleAsync(Mail);
        var review = await S.ReviewOfAsync(Mail, cycle, DemoOrganisation.EmployeeEmail);
        await Mail.DispatchAsync();
        Mail.Smtp.Clear();

        using var manager = Mail.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using (var shared = await S.PostAsync(manager, review, "#assess-form", S.AssessForm(share: true)))
        {
            Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        }

        await Mail.DispatchAsync();
        var sharedEmail = Assert.Single(Mail.Smtp.Messages).Message;
        Assert.Equal([DemoOrganisation.EmployeeEmail], sharedEmail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Your manager shared your review “Winter check-in”", sharedEmail.Subject);
        Assert.Contains($"https://portal.test/Reviews/{review}", sharedEmail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Private: ready to mentor", sharedEmail.TextBody, StringComparison.Ordinal);

        Mail.Smtp.Clear();
        using var employee = Mail.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using (var ack = await S.PostAsync(employee, review, "form[action*='handler=Acknowledge']", new() { ["Ack.Comment"] = "Agreed: the monthly check with internal customers." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        }

        await Mail.DispatchAsync();
        var ackEmail = Assert.Single(Mail.Smtp.Messages).Message;
        Assert.Equal([DemoOrganisation.ManagerEmail], ackEmail.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Emma Lindqvist acknowledged their review", ackEmail.Subject);
        Assert.Contains("Agreed: the monthly check with internal customers.", ackEmail.TextBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://portal.test/Unsubscribe?token=", ackEmail.Headers["List-Unsubscribe"], StringComparison.Ordinal);

        // A second review acknowledged after the manager turned manager reports off: told in the bell, not by email.
        var managerId = await M.PersonAsync(Mail, DemoOrganisation.ManagerEmail);
        await Mail.WithDbAsync(db =>
        {
            db.EmailOptOuts.Add(new EmailOptOut { EmployeeId = managerId, Topic = EmailTopic.ManagerReports, At = Mail.Now });
            return db.SaveChangesAsync();
        });
        var other = await Mail.WithDbAsync(db => db.Reviews.Where(r => r.CycleId == cycle && r.Id != review && r.ManagerId == managerId).OrderBy(r => r.Id).Select(r => new { r.Id, r.Employee!.Email }).FirstAsync());
        using (var shared = await S.PostAsync(manager, other.Id, "#assess-form", S.AssessForm(share: true)))
        {
            Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        }

        using var colleague = Mail.CreateClient();
        await colleague.SignInOrFailAsync(other.Email!);
        using (var ack = await S.PostAsync(colleague, other.Id, "form[action*='handler=Acknowledge']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        }

        Mail.Smtp.Clear();
        var result = await Mail.DispatchAsync();
        Assert.Equal(1, result.Skipped);
        Assert.DoesNotContain(Mail.Smtp.Messages, m => m.Recipients.Contains(DemoOrganisation.ManagerEmail));
        Assert.Contains(Mail.Smtp.Messages, m => m.Recipients.Contains(other.Email!) && m.Message.Subject!.StartsWith("Your manager shared", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reopening_and_sharing_again_emails_each_round_once()
    {
        var cycle = await S.OpenCycleAsync(Mail);
        var review = await S.ReviewOfAsync(Mail, cycle, DemoOrganisation.EmployeeEmail);
        using var manager = Mail.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        (await S.PostAsync(manager, review, "#assess-form", S.AssessForm(share: true))).Dispose();
        using (var reopen = await S.PostAsync(manager, review, "form[action*='handler=Reopen']", new() { ["Reopen.Reason"] = "The Measured rating was meant to be 3." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        }

        (await S.PostAsync(manager, review, "#assess-form", S.AssessForm(rating: 3, share: true))).Dispose();
        Mail.Smtp.Clear();
        await Mail.DispatchAsync();

        var emma = Mail.Smtp.Messages.Where(m => m.Recipients.Contains(DemoOrganisation.EmployeeEmail)).Select(m => m.Message.Subject).ToList();
        Assert.Equal(2, emma.Count(s => s!.StartsWith("Your manager shared your review", StringComparison.Ordinal)));
        Assert.Contains("Your manager reopened your review", emma);
        var reopened = Mail.Smtp.Messages.Single(m => m.Message.Subject == "Your manager reopened your review").Message;
        Assert.Contains("The Measured rating was meant to be 3.", reopened.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Asking_for_feedback_emails_each_colleague_and_a_reminder_goes_at_most_once_a_day()
    {
        var cycle = await S.OpenCycleAsync(Mail);
        var review = await S.ReviewOfAsync(Mail, cycle, DemoOrganisation.EmployeeEmail);
        string[] givers = ["zoe.campbell@demo.test", "daniel.kim@demo.test"];
        var ids = new List<int>();
        foreach (var giver in givers)
        {
            ids.Add(await M.PersonAsync(Mail, giver));
        }

        await Mail.DispatchAsync();
        Mail.Smtp.Clear();
        using var employee = Mail.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var due = S.Today(Mail).AddDays(5);
        var fields = ids.Select(i => new KeyValuePair<string, string>("Ask.GiverIds", i.ToString(CultureInfo.InvariantCulture))).Append(new("Ask.DueOn", S.Date(due))).ToList();
        var page = await employee.GetDocumentAsync($"/Reviews/{review}");
        using (var ask = await employee.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#ask-form")!, $"/Reviews/{review}", fields))
        {
            Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        }

        await Mail.DispatchAsync();
        var requests = await Mail.WithDbAsync(db => db.FeedbackRequests.Where(f => f.ReviewId == review).OrderBy(f => f.GiverId).Select(f => new { f.Id, f.GiverId }).ToListAsync());
        Assert.Equal(2, requests.Count);
        foreach (var giver in givers)
        {
            var email = Assert.Single(Mail.Smtp.Messages, m => m.Recipients.Contains(giver)).Message;
            Assert.Equal($"How did Emma Lindqvist serve you? Answer by {due.ToString("d MMMM", CultureInfo.InvariantCulture)}", email.Subject);
            var request = requests.Single(r => r.GiverId == ids[Array.IndexOf(givers, giver)]).Id;
            Assert.Contains($"https://portal.test/Reviews/Feedback/{request}", email.TextBody, StringComparison.Ordinal);
        }

        Mail.Smtp.Clear();
        var zoeRequest = requests.Single(r => r.GiverId == ids[0]).Id;
        // The manager sees who was asked and reminds; the form as the page showed it is posted again later, as a second tab would.
        using var manager = Mail.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var current = await manager.GetDocumentAsync($"/Reviews/{review}");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)current.QuerySelector($"form[action*='handler=Remind'][action*='requestId={zoeRequest}']")!;
        async Task<HttpStatusCode> RemindAsync()
        {
            using var response = await manager.PostFormAsync(form, $"/Reviews/{review}", []);
            return response.StatusCode;
        }

        Assert.Equal(HttpStatusCode.Redirect, await RemindAsync());
        Mail.Factory.Clock.Advance(TimeSpan.FromHours(2));
        Assert.NotEqual(HttpStatusCode.Redirect, await RemindAsync()); // less than a day later: refused, nothing queued
        await Mail.DispatchAsync();
        var reminder = Assert.Single(Mail.Smtp.Messages).Message;
        Assert.Equal(["zoe.campbell@demo.test"], reminder.To.Mailboxes.Select(m => m.Address));
        Assert.Equal("Reminder: how did Emma Lindqvist serve you?", reminder.Subject);
        Assert.Equal(1, await Mail.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.Kind == EmailKind.FeedbackReminder)));
    }
}
