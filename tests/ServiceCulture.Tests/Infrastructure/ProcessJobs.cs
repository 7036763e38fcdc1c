using System.Globalization;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The mail jobs of portal processes on one PostgreSQL database, reached the way an operator's
/// dashboard reaches them: through Hangfire's storage. Triggers recurring jobs and waits, bounded,
/// until they have run.
/// </summary>
public sealed class ProcessJobs
{
    private readonly RecurringJobManager jobs;
    private readonly Hangfire.Storage.IMonitoringApi monitor;

    public ProcessJobs(string connection)
    {
        Connection = connection;
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = false };
        var storage = new PostgreSqlStorage(new NpgsqlConnectionFactory(connection, options), options);
        // Hangfire keeps its log provider in a static; an in-process test host that has been disposed may have
        // left its own there, whose logger factory is gone. This client logs nowhere.
        Hangfire.Logging.LogProvider.SetCurrentLogProvider(null);
        jobs = new RecurringJobManager(storage);
        monitor = storage.GetMonitoringApi();
    }

    public string Connection { get; }

    /// <summary>
    /// The environment of a portal process on this database whose clock starts at <paramref name="clockStartUtc"/>
    /// (Testing environment only), sending to <paramref name="smtp"/>, with the mail jobs left to the test.
    /// </summary>
    public Dictionary<string, string> Environment(SmtpTestServer smtp, string clockStartUtc)
    {
        var settings = new Dictionary<string, string?>();
        smtp.Configure(settings);
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value!);
        environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        environment["Testing__ClockStartUtc"] = clockStartUtc;
        environment["Testing__ClockAnchorUtc"] = TimeProvider.System.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
        environment["Database__Provider"] = "PostgreSql";
        environment["ConnectionStrings__Default"] = Connection;
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

    /// <summary>Queues one instance of each job named (names may repeat), all at the same moment.</summary>
    public Task TriggerAsync(IReadOnlyList<string> ids) => Task.WhenAll(ids.Select(id => Task.Run(() => jobs.Trigger(id))));

    /// <summary>Triggers the jobs at once and waits (bounded) until every instance has run on the processes.</summary>
    public async Task RunAsync(IReadOnlyList<string> ids, params PortalProcess[] processes)
    {
        var before = monitor.SucceededListCount();
        var failedBefore = monitor.FailedCount();
        await TriggerAsync(ids);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (monitor.SucceededListCount() < before + ids.Count)
        {
            var output = string.Join(System.Environment.NewLine, processes.Select(p => p.Output));
            Assert.True(monitor.FailedCount() == failedBefore, $"A job failed.{System.Environment.NewLine}{output}");
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(4), $"The jobs did not all run within 4 minutes ({monitor.SucceededListCount() - before} of {ids.Count}).{System.Environment.NewLine}{output}");
            await Task.Delay(250);
        }
    }

    /// <summary>The Message-ID the dispatcher gives an outbox row's email, with <see cref="SmtpTestServer"/>'s sender domain.</summary>
    public static string MessageIdOf(long outboxId) => $"outbox-{outboxId}@serviceculture.test";

    public AppDbContext Context()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, DatabaseProvider.PostgreSql, Connection);
        return new AppDbContext(options.Options);
    }

    /// <summary>Waits (bounded, polling) until <paramref name="condition"/> holds.</summary>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, params PortalProcess[] processes)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromMinutes(3),
                $"Waited 3 minutes for {what}.{System.Environment.NewLine}{string.Join(System.Environment.NewLine, processes.Select(p => p.Output))}");
            await Task.Delay(100);
        }
    }
}
