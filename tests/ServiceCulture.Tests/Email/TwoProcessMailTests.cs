using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Jobs;

namespace ServiceCulture.Tests.Email;

/// <summary>
/// The built portal started twice, as two operating-system processes, on one PostgreSQL database
/// with Hangfire's PostgreSQL storage: the mail jobs triggered on both at once deliver every email once.
/// </summary>
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
            var environment = Environment(connection, smtp);
            await using var first = await PortalProcess.StartAsync(folderA.Path, environment);
            await using var second = await PortalProcess.StartAsync(folderB.Path, environment);

            var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
            var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, options), options);
            // Hangfire keeps its log provider in a static; an in-process test host that has been disposed may have
            // left its own there, whose logger factory is gone. This client logs nowhere.
            Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
            var jobs = new RecurringJobManager(storage);
            var monitor = storage.GetMonitoringApi();

            // Each job triggered twice at the same moment: two instances queued, taken by the workers of both processes.
            await RunTogetherAsync(jobs, monitor, [RecurringJobsSchedule.Nudges, RecurringJobsSchedule.Nudges, RecurringJobsSchedule.WeeklyDigest, RecurringJobsSchedule.WeeklyDigest], first, second);
            await RunTogetherAsync(jobs, monitor, [.. Enumerable.Repeat(RecurringJobsSchedule.OutboxDispatch, 4)], first, second);

            await using var db = Context(connection);
            var start = DateTime.Parse(Monday, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal);
            var rows = await db.OutboxMessages.AsNoTracking().ToListAsync();
            Assert.Contains(rows, r => r.Kind == EmailKind.WeeklyDigest);
            Assert.Contains(rows, r => r.Kind == EmailKind.Nudge);
            Assert.Equal(rows.Count(r => r.Kind == EmailKind.Nudge), await db.Nudges.CountAsync());
            // Everything due when the dispatch ran is out; only recognitions still inside their batching window may wait.
            var waiting = rows.Where(r => r.DueAt <= start.AddMinutes(1) && r.Status is not (OutboxStatus.Sent or OutboxStatus.Skipped))
                .Select(r => $"{r.Id} {r.Kind} {r.Status} due {r.DueAt:O} created {r.CreatedAt:O}: {r.LastError}").ToList();
            Assert.True(waiting.Count == 0, string.Join(System.Environment.NewLine, waiting.Take(10)));

            var sent = rows.Where(r => r.Status == OutboxStatus.Sent && r.MergedIntoId == null).Select(r => $"outbox-{r.Id}@serviceculture.test").Order().ToList();
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

    private static Dictionary<string, string> Environment(string connection, SmtpTestServer smtp)
    {
        var settings = new Dictionary<string, string?>();
        smtp.Configure(settings);
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["Testing__ClockStartUtc"] = Monday;
        environment["Testing__ClockAnchorUtc"] = TimeProvider.System.GetUtcNow().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        environment["Database__Provider"] = "PostgreSql";
        environment["ConnectionStrings__Default"] = connection;
        environment["Demo__Seed"] = "true";
        environment["Jobs__RunServer"] = "true";
        environment["Jobs__WorkerCount"] = "2";
        // Only the test starts the mail jobs, so it knows when they have all run.
        environment["Email__DispatchCron"] = Cron.Never();
        environment["Jobs__NudgesCron"] = Cron.Never();
        environment["Jobs__DigestCron"] = Cron.Never();
        environment["Security__AllowPlainHttp"] = "true";
        environment["App__BaseUrl"] = "http://portal.test";
        environment["Logging__LogLevel__Default"] = "Warning";
        environment["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information";
        return environment;
    }

    /// <summary>Triggers the jobs at once and waits (bounded) until every instance has run.</summary>
    private static async Task RunTogetherAsync(RecurringJobManager jobs, Hangfire.Storage.IMonitoringApi monitor, IReadOnlyList<string> ids, PortalProcess first, PortalProcess second)
    {
        var before = monitor.SucceededListCount();
        var failedBefore = monitor.FailedCount();
        await Task.WhenAll(ids.Select(id => Task.Run(() => jobs.Trigger(id))));
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (monitor.SucceededListCount() < before + ids.Count)
        {
            Assert.True(monitor.FailedCount() == failedBefore, $"A job failed.{System.Environment.NewLine}{first.Output}{System.Environment.NewLine}{second.Output}");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(4), $"The jobs did not all run within 4 minutes ({monitor.SucceededListCount() - before} of {ids.Count}).{System.Environment.NewLine}{first.Output}{System.Environment.NewLine}{second.Output}");
            await Task.Delay(250);
        }
    }

    private static AppDbContext Context(string connection)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.PostgreSql, connection);
        return new AppDbContext(options.Options);
    }
}
