using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.Email;
using ServiceCulture.Reporting;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Email;

/// <summary>The monthly six-element report by email, through the outbox to a real SMTP server on loopback.</summary>
public sealed class MonthlyReportEmailTests(MailFixture mail) : MailTest(mail)
{
    [Fact]
    public async Task When_a_month_closes_each_manager_receives_the_team_report_and_the_admins_the_organisation_report_once()
    {
        // The month before the one the demo was seeded in, which holds its ratings, whatever earlier tests did to the clock.
        var now = TestClock.Start.UtcDateTime;
        var month = ReportRange.MonthOf(now).AddMonths(-1);
        var label = month.ToString("MMMM yyyy", CultureInfo.InvariantCulture);
        // The demo stored last month when it was seeded; take it back so the job stores it as it does when a month closes.
        await Mail.WithDbAsync(db => db.ReportSnapshots.Where(s => s.Month == month).ExecuteDeleteAsync());
        var teams = await Mail.WithDbAsync(db => db.Teams.ToDictionaryAsync(t => t.Name, t => t.Id));
        var daniel = await Infrastructure.Moments.PersonAsync(Mail, "daniel.kim@demo.test");
        await Mail.WithDbAsync(async db =>
        {
            // The Sales manager turned manager reports off.
            db.EmailOptOuts.Add(new EmailOptOut { EmployeeId = daniel, Topic = EmailTopic.ManagerReports, At = now });
            await db.SaveChangesAsync();
        });

        await using (var scope = Mail.Scope())
        {
            Assert.Equal(teams.Count + 1, await scope.ServiceProvider.GetRequiredService<ReportSnapshotJob>().RunAsync(now, CancellationToken.None));
        }

        var result = await Mail.DispatchAsync();

        // Four team managers (Sales said no) and the organisation's report to the admin, who also manages People & Culture.
        Assert.Equal((5, 1), (result.Sent, result.Skipped));
        var received = Mail.Smtp.Messages;
        Assert.Equal(5, received.Count);
        Assert.DoesNotContain(received, r => r.Recipients.Contains("daniel.kim@demo.test"));
        Assert.Equal(OutboxStatus.Skipped, await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientId == daniel && m.Kind == EmailKind.MonthlyReport).Select(m => m.Status).SingleAsync()));
        Assert.Equal(2, received.Count(r => r.Recipients.Contains(DemoOrganisation.AdminEmail)));

        var care = teams["Customer Care"];
        var figures = await Mail.WithDbAsync(async db => ReportBuilder.Deserialize(await db.ReportSnapshots.Where(s => s.TeamId == care && s.Month == month).Select(s => s.Figures).SingleAsync()));
        var careMail = Assert.Single(received, r => r.Recipients.Contains(DemoOrganisation.ManagerEmail)).Message;
        Assert.Equal($"Customer Care: the report for {label}", careMail.Subject);
        var text = careMail.TextBody;
        Assert.Contains($"- Moments: {figures.Moments.Total}", text, StringComparison.Ordinal);
        Assert.Contains($"- Recognitions received: {figures.Recognitions}", text, StringComparison.Ordinal);
        Assert.Contains($"- Internal satisfaction received: {figures.SatisfactionReceived.Average!.Value.ToString("0.00", CultureInfo.InvariantCulture)} from {figures.SatisfactionReceived.Raters} people", text, StringComparison.Ordinal);
        Assert.Contains($"- Customer satisfaction (CSAT): {figures.Outcomes.Csat!.Value.ToString("0.#", CultureInfo.InvariantCulture)} %", text, StringComparison.Ordinal);
        Assert.Contains("The six elements", text, StringComparison.Ordinal);
        Assert.Contains($"The element that showed least: {figures.WeakestElement().Name}.", text, StringComparison.Ordinal);
        Assert.Contains($"https://portal.test/Reports?team={care}&period=month&month={month:yyyy-MM}", text, StringComparison.Ordinal);
        Assert.Contains("Open the full report", careMail.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Focus", careMail.HtmlBody, StringComparison.Ordinal);
        Assert.StartsWith("<https://portal.test/Unsubscribe?token=", careMail.Headers["List-Unsubscribe"], StringComparison.Ordinal);

        // Never who rated.
        var raters = await Mail.WithDbAsync(db => db.ServiceRatings.Where(r => r.RatedTeamId == care && r.Month == month).Select(r => r.Rater!.DisplayName).ToListAsync());
        Assert.NotEmpty(raters);
        Assert.All(raters, name => Assert.DoesNotContain(name, careMail.HtmlBody + text, StringComparison.Ordinal));

        var organisation = Assert.Single(received, r => r.Message.Subject == $"The organisation's report for {label}").Message;
        Assert.Equal([DemoOrganisation.AdminEmail], Assert.Single(received, r => r.Message == organisation).Recipients);
        Assert.Contains("Teams side by side", organisation.TextBody, StringComparison.Ordinal);
        Assert.All(teams.Keys, name => Assert.Contains($"* {name}", organisation.TextBody, StringComparison.Ordinal));
        Assert.Contains($"https://portal.test/Reports?scope=organisation&period=month&month={month:yyyy-MM}", organisation.TextBody, StringComparison.Ordinal);

        // Running again, on this node or another, stores, queues and sends nothing more.
        await using (var scope = Mail.Scope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ReportSnapshotJob>().RunAsync(now.AddHours(3), CancellationToken.None));
        }

        Assert.Equal(0, (await Mail.DispatchAsync(TimeSpan.FromHours(4))).Sent);
        Assert.Equal(5, Mail.Smtp.Messages.Count);
        var keys = await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == EmailKind.MonthlyReport).Select(m => m.Key).ToListAsync());
        Assert.Equal(6, keys.Count);
        Assert.Contains(Outbox.KeyOf(EmailKind.MonthlyReport, daniel, $"team-{teams["Sales"]}:{month:yyyy-MM}"), keys);
    }
}
