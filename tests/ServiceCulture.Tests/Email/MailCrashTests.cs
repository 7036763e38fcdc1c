using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceCulture.Email;
using ServiceCulture.Notifications;
using ServiceCulture.Nudges;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Jobs;

namespace ServiceCulture.Tests.Email;

/// <summary>
/// The built portal killed, as an operating-system process, in the middle of a nudge run and in the
/// middle of dispatch, then started again on the same PostgreSQL database: the work completes with
/// nothing given or sent twice and nothing missing.
/// </summary>
[Trait(TestRuns.Trait, TestRuns.Processes)]
[Collection(EnginesCollection.Name)]
public sealed class MailCrashTests
{
    // A Monday at 09:30 UTC: nudges and digests are due for the demo's people in UTC and Europe.
    private const string Monday = "2026-11-23T09:30:00Z";

    [Fact]
    public async Task A_nudge_run_killed_midway_gives_the_rest_after_a_restart_and_nothing_twice()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var referenceDatabase = PostgresServer.NewDatabaseName("nref");
        var database = PostgresServer.NewDatabaseName("ncrash");
        await PostgresServer.CreateDatabaseAsync(referenceDatabase);
        await PostgresServer.CreateDatabaseAsync(database);
        try
        {
            // The same organisation and moment, uninterrupted: what the interrupted run must end with.
            var reference = new ProcessJobs(PostgresServer.ConnectionStringFor(referenceDatabase));
            using (var folder = new TestFolder())
            {
                await using var portal = await PortalProcess.StartAsync(folder.Path, WithSmallBatches(reference.Environment(smtp, Monday)));
                await reference.RunAsync([RecurringJobsSchedule.Nudges], portal);
            }

            var expected = await NudgesAsync(reference);
            var nudged = expected.Select(n => n.EmployeeId).Distinct().Order().ToList();
            Assert.True(nudged.Count >= 4, $"The demo organisation should have people to nudge on a Monday; {nudged.Count} had.");

            // The run gives nudges person by person in the order of their ids, 3 to a transaction. The
            // later half of the people are locked, so it commits the first batches and then waits on the
            // first batch that names one of them (writing a nudge takes a key-share lock on its person).
            var jobs = new ProcessJobs(PostgresServer.ConnectionStringFor(database));
            // One environment for both processes: the clock of the restarted one goes on from where the killed one was.
            var environment = WithSmallBatches(jobs.Environment(smtp, Monday));
            using var firstFolder = new TestFolder();
            var first = await PortalProcess.StartAsync(firstFolder.Path, environment);
            List<(int EmployeeId, NudgeKind Kind, string Period)> beforeTheKill;
            await using (var locker = new NpgsqlConnection(jobs.Connection))
            {
                await locker.OpenAsync();
                await using var transaction = await locker.BeginTransactionAsync();
                await using (var lockPeople = new NpgsqlCommand("""SELECT "Id" FROM "AspNetUsers" WHERE "Id" = ANY(@ids) FOR UPDATE""", locker, transaction))
                {
                    lockPeople.Parameters.AddWithValue("ids", nudged.Skip(nudged.Count / 2).ToArray());
                    await lockPeople.ExecuteNonQueryAsync();
                }

                await jobs.TriggerAsync([RecurringJobsSchedule.Nudges]);
                await ProcessJobs.WaitUntilAsync(() => RunIsWaitingOnALockAsync(jobs), "the nudge run to wait on a locked person", first);
                beforeTheKill = await NudgesAsync(jobs);

                await first.DisposeAsync();
                await transaction.RollbackAsync();
            }

            Assert.NotEmpty(beforeTheKill);
            Assert.True(beforeTheKill.Count < expected.Count, "The process should have been killed before the run ended.");
            Assert.Subset(expected.ToHashSet(), beforeTheKill.ToHashSet());

            // Started again, the next run gives what was left, and only that.
            using var secondFolder = new TestFolder();
            await using var second = await PortalProcess.StartAsync(secondFolder.Path, environment);
            await jobs.RunAsync([RecurringJobsSchedule.Nudges], second);
            await jobs.RunAsync([RecurringJobsSchedule.Nudges], second);
            Assert.Equal(expected, await NudgesAsync(jobs));

            // Each nudge has its one bell entry and its one email, and the email reaches the server once.
            await using (var db = jobs.Context())
            {
                Assert.Equal(expected.Count, await db.Notifications.CountAsync(n => n.Kind == NotificationKind.Nudge));
                Assert.Equal(expected.Count, await db.OutboxMessages.CountAsync(m => m.Kind == EmailKind.Nudge));
            }

            await jobs.RunAsync([RecurringJobsSchedule.OutboxDispatch], second);
            var received = smtp.Messages.Where(m => m.Message.Headers["X-ServiceCulture-Kind"] == nameof(EmailKind.Nudge))
                .Select(m => m.Message.MessageId).ToList();
            await using (var db = jobs.Context())
            {
                var notSent = await db.OutboxMessages.Where(m => m.Kind == EmailKind.Nudge && m.Status != OutboxStatus.Sent)
                    .Select(m => $"{m.Id} {m.Status} due {m.DueAt:O}: {m.LastError}").ToListAsync();
                Assert.True(notSent.Count == 0, string.Join(Environment.NewLine, notSent));
            }

            Assert.Equal(expected.Count, received.Count);
            Assert.Equal(received.Count, received.Distinct().Count());
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(referenceDatabase);
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    [Fact]
    public async Task A_dispatch_killed_midway_sends_the_rest_after_a_restart_and_nothing_twice()
    {
        await using var smtp = await SmtpTestServer.StartAsync();
        var database = PostgresServer.NewDatabaseName("dcrash");
        await PostgresServer.CreateDatabaseAsync(database);
        try
        {
            var jobs = new ProcessJobs(PostgresServer.ConnectionStringFor(database));
            using var firstFolder = new TestFolder();
            var first = await PortalProcess.StartAsync(firstFolder.Path, jobs.Environment(smtp, Monday));
            await jobs.RunAsync([RecurringJobsSchedule.Nudges, RecurringJobsSchedule.WeeklyDigest], first);
            var start = DateTime.Parse(Monday, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            int due;
            await using (var db = jobs.Context())
            {
                due = await db.OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending && m.DueAt <= start.AddMinutes(1));
            }

            Assert.True(due > 10, $"The Monday's nudges and digests should queue more than 10 emails; {due} were.");

            // The server takes five emails, then keeps the sixth waiting for its answer while the process is killed.
            var holding = smtp.HoldAfter(5);
            await jobs.TriggerAsync([RecurringJobsSchedule.OutboxDispatch]);
            await ProcessJobs.WaitUntilAsync(() => Task.FromResult(holding.IsCompleted), "the dispatcher to send its sixth email", first);
            await first.DisposeAsync();
            smtp.Release();

            // Every email the server accepted is recorded as sent; the one it held was not accepted and is not.
            var accepted = smtp.Messages.Select(m => m.Message.MessageId).Order().ToList();
            Assert.Equal(5, accepted.Count);
            await using (var db = jobs.Context())
            {
                Assert.Equal(accepted, (await SentAsync(db)).Order().ToList());
            }

            // Started again after the killed run's lease has run out (its clock starts a minute past the
            // lease, however long the first process took), the dispatcher sends the rest.
            DateTime leaseEnd;
            await using (var db = jobs.Context())
            {
                leaseEnd = await db.OutboxMessages.Where(m => m.LeaseUntil != null).MaxAsync(m => m.LeaseUntil!.Value);
            }

            var afterTheLease = DateTime.SpecifyKind(leaseEnd, DateTimeKind.Utc).AddMinutes(1).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
            using var secondFolder = new TestFolder();
            await using var second = await PortalProcess.StartAsync(secondFolder.Path, jobs.Environment(smtp, afterTheLease));
            await jobs.RunAsync([RecurringJobsSchedule.OutboxDispatch], second);

            await using (var db = jobs.Context())
            {
                var received = smtp.Messages.Select(m => m.Message.MessageId).ToList();
                Assert.Equal(received.Count, received.Distinct().Count());
                Assert.Equal((await SentAsync(db)).Order().ToList(), received.Order().ToList());
                var unsent = await db.OutboxMessages
                    .Where(m => m.DueAt <= start.AddMinutes(1) && m.Status != OutboxStatus.Sent && m.Status != OutboxStatus.Skipped)
                    .Select(m => $"{m.Id} {m.Kind} {m.Status}: {m.LastError}").ToListAsync();
                Assert.True(unsent.Count == 0, string.Join(Environment.NewLine, unsent));
            }
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await PostgresServer.DropDatabaseAsync(database);
        }
    }

    private static Dictionary<string, string> WithSmallBatches(Dictionary<string, string> environment)
    {
        environment["Jobs__NudgeBatchSize"] = "3";
        return environment;
    }

    private static async Task<List<(int EmployeeId, NudgeKind Kind, string Period)>> NudgesAsync(ProcessJobs jobs)
    {
        await using var db = jobs.Context();
        return [.. (await db.Nudges.AsNoTracking().Select(n => new { n.EmployeeId, n.Kind, n.Period }).ToListAsync())
            .Select(n => (n.EmployeeId, n.Kind, n.Period)).Order()];
    }

    private static async Task<List<string?>> SentAsync(ServiceCulture.Data.AppDbContext db) =>
        (await db.OutboxMessages.AsNoTracking().Where(m => m.Status == OutboxStatus.Sent && m.MergedIntoId == null)
            .Select(m => m.Id).ToListAsync()).Select(id => (string?)ProcessJobs.MessageIdOf(id)).ToList();

    /// <summary>True when a session of the portal's waits on a lock while writing.</summary>
    private static async Task<bool> RunIsWaitingOnALockAsync(ProcessJobs jobs)
    {
        await using var connection = new NpgsqlConnection(jobs.Connection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%INSERT%'""", connection);
        return (long)(await command.ExecuteScalarAsync())! > 0;
    }
}
