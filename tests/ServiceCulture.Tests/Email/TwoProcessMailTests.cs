using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceCulture.Email;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Jobs;

namespace ServiceCulture.Tests.Email;

/// <summary>
/// The built portal started twice, as two operating-system processes, on one PostgreSQL database
/// with Hangfire's PostgreSQL storage: the mail jobs triggered on both at once deliver every email once.
/// </summary>
[Trait(TestRuns.Trait, TestRuns.Processes)]
[Collection(EnginesCollection.Name)]
public sealed class TwoProcessMailTests
{
    // A Monday at 09:30 UTC: digests and nudges are due for the demo's people in UTC and Europe.
    // The processes' clocks start there (Testing environment only), so the outcome does not depend on today.
    private const string Monday = "2026-11-23T09:30:00Z";

    [Fact]
    public async Task Two_portal_processes_running_nudges_digest_and_dispatch_at_once_deliver_every_email_exactly_once()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var database = PostgresServer.NewDatabaseName("procs");
        await PostgresServer.CreateDatabaseAsync(database);
        using var folderA = new TestFolder();
        using var folderB = new TestFolder();
        var connection = PostgresServer.ConnectionStringFor(database);
        try
        {
            var jobs = new ProcessJobs(connection);
            var environment = jobs.Environment(smtp, Monday);
            await using var first = await PortalProcess.StartAsync(folderA.Path, environment);
            await using var second = await PortalProcess.StartAsync(folderB.Path, environment);

            // Each job triggered twice at the same moment: two instances queued, taken by the workers of both processes.
            await jobs.RunAsync([RecurringJobsSchedule.Nudges, RecurringJobsSchedule.Nudges, RecurringJobsSchedule.WeeklyDigest, RecurringJobsSchedule.WeeklyDigest], first, second);
            await jobs.RunAsync([.. Enumerable.Repeat(RecurringJobsSchedule.OutboxDispatch, 4)], first, second);

            await using var db = jobs.Context();
            var start = DateTime.Parse(Monday, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
            Assert.Contains(rows, r => r.Kind == EmailKind.WeeklyDigest);
            Assert.Contains(rows, r => r.Kind == EmailKind.Nudge);
            Assert.Equal(rows.Count(r => r.Kind == EmailKind.Nudge), await db.Nudges.CountAsync());
            // Everything due when the dispatch ran is out; only recognitions still inside their batching window may wait.
            var waiting = rows.Where(r => r.DueAt <= start.AddMinutes(1) && r.Status is not (OutboxStatus.Sent or OutboxStatus.Skipped))
                .Select(r => $"{r.Id} {r.Kind} {r.Status} due {r.DueAt:O} created {r.CreatedAt:O}: {r.LastError}").ToList();
            Assert.True(waiting.Count == 0, string.Join(System.Environment.NewLine, waiting.Take(10)));

            var sent = rows.Where(r => r.Status == OutboxStatus.Sent && r.MergedIntoId == null).Select(r => ProcessJobs.MessageIdOf(r.Id)).Order().ToList();
            var received = smtp.Messages.Select(m => m.Message.MessageId ?? "").Order().ToList();
            Assert.Equal(sent, received);
            Assert.Equal(received.Count, received.Distinct().Count());
            Assert.Equal(rows.Count(r => r.Kind == EmailKind.WeeklyDigest && r.Status == OutboxStatus.Sent),
                smtp.Messages.Count(m => m.Message.Headers["X-ServiceCulture-Kind"] == nameof(EmailKind.WeeklyDigest)));
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(database);
        }
    }
}
