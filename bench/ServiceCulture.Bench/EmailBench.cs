using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Nudges;

namespace ServiceCulture.Bench;

/// <summary>
/// Times the nudge evaluation, the weekly digest run and the dispatch of everything they queued to a
/// local SMTP server (Debian's python3-aiosmtpd, discarding what it receives).
/// </summary>
internal static class EmailBench
{
    public static async Task<int> RunAsync(Options options, string connection, string results, bool reused)
    {
        var port = FreePort();
        using var smtp = Process.Start(new ProcessStartInfo(File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "python3", $"-m aiosmtpd -n -l 127.0.0.1:{port} -c aiosmtpd.handlers.Sink")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        }) ?? throw new InvalidOperationException("python3 -m aiosmtpd did not start; install python3-aiosmtpd.");
        try
        {
            await WaitForPortAsync(port);
            await using var portal = new PortalUnderTest(options.Provider, connection)
            {
                Settings = new Dictionary<string, string>
                {
                    ["Email:Smtp:Host"] = "127.0.0.1",
                    ["Email:Smtp:Port"] = port.ToString(CultureInfo.InvariantCulture),
                    ["Email:Smtp:Security"] = "None",
                    ["Email:FromAddress"] = "bench@serviceculture.test",
                },
            };
            _ = portal.Services;
            await ForgetEarlierRunsAsync(portal);
            var clock = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            // A Monday at 10:00 UTC: nudges and digests are due for everyone in Europe and UTC. With
            // --day Thursday the nudges are timed on the Thursday of that week instead, when the streak
            // rule also runs (the digest still goes on the Monday).
            var monday = clock.Date.AddDays(((int)DayOfWeek.Monday - (int)clock.DayOfWeek + 7) % 7).AddHours(10);
            var args = Environment.GetCommandLineArgs();
            var nudgeDay = args.SkipWhile(a => a != "--day").Skip(1).FirstOrDefault() is { } day
                ? monday.AddDays(((int)Enum.Parse<DayOfWeek>(day, ignoreCase: true) - (int)DayOfWeek.Monday + 7) % 7)
                : monday;

            using var sampler = new MemorySampler();
            var before = PeakMegabytes();
            var (nudges, nudgeTime) = await TimeAsync(portal, sp => sp.GetRequiredService<NudgeJob>().EvaluateAsync(nudgeDay, CancellationToken.None));
            var afterNudges = PeakMegabytes();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"nudges: {nudges.Given:N0} given to {nudges.Considered:N0} people in {nudgeTime:0.00} s (peak {afterNudges:0} MB)"));
            var (digest, digestTime) = await TimeAsync(portal, sp => sp.GetRequiredService<WeeklyDigestJob>().SendAsync(monday, CancellationToken.None));
            var afterDigest = PeakMegabytes();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"digest: {digest.Queued:N0} queued in {digestTime:0.00} s (peak {afterDigest:0} MB)"));
            var queued = await CountAsync(portal);
            var (sent, dispatchTime) = await TimeAsync(portal, sp => sp.GetRequiredService<OutboxDispatcher>().DispatchAsync(monday.AddHours(1), CancellationToken.None));
            var peak = PeakMegabytes();
            Console.WriteLine(sampler.Describe());
            var heap = GC.GetGCMemoryInfo();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dispatch: {sent.Sent:N0} sent in {dispatchTime:0.00} s (peak {peak:0} MB; managed heap {heap.HeapSizeBytes / 1048576.0:0} MB, live after a full collection {GC.GetTotalMemory(true) / 1048576.0:0} MB, committed {heap.TotalCommittedBytes / 1048576.0:0} MB)"));

            var report = new StringBuilder();
            report.AppendLine(CultureInfo.InvariantCulture, $"Email jobs, {options.Provider}, {options.People:N0} people, {options.Moments:N0} moments, {options.Recognitions:N0} recognitions, {options.Ledger:N0} ledger rows ({Environment.ProcessorCount} cores)");
            report.AppendLine();
            report.AppendLine("| step | result | seconds |");
            report.AppendLine("| --- | --- | --- |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| nudge evaluation ({nudgeDay.DayOfWeek}) | {nudges.Considered:N0} people considered, {nudges.Given:N0} nudges | {nudgeTime:0.00} |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| weekly digest | {digest.Queued:N0} digests queued | {digestTime:0.00} |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| dispatch to local SMTP | {sent.Sent:N0} of {queued:N0} sent, {sent.Sent / Math.Max(0.001, dispatchTime):0} emails/s | {dispatchTime:0.00} |");
            report.AppendLine(CultureInfo.InvariantCulture, $"| peak working set of the process | {before:0} MB before the jobs, {afterNudges:0} MB after the nudges, {afterDigest:0} MB after the digest, {peak:0} MB after dispatch{(reused ? "" : " (generation included)")} | |");
            Console.WriteLine();
            Console.WriteLine(report);
            File.WriteAllText(Path.Combine(results, $"email-{options.Provider.ToString().ToLowerInvariant()}-{options.People}.md"), report.ToString());
            return 0;
        }
        finally
        {
            smtp.Kill();
        }
    }

    private static async Task<(T Result, double Seconds)> TimeAsync<T>(PortalUnderTest portal, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var watch = Stopwatch.StartNew();
        var result = await work(scope.ServiceProvider);
        return (result, watch.Elapsed.TotalSeconds);
    }

    /// <summary>With <c>--reuse</c>, the previous run's nudges and mail would make this run find nothing to do.</summary>
    private static async Task ForgetEarlierRunsAsync(PortalUnderTest portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.Nudges.ExecuteDeleteAsync();
        await db.Notifications.Where(n => n.Kind == ServiceCulture.Notifications.NotificationKind.Nudge).ExecuteDeleteAsync();
        await db.OutboxMessages.ExecuteDeleteAsync();
    }

    private static async Task<int> CountAsync(PortalUnderTest portal)
    {
        await using var scope = portal.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().OutboxMessages.CountAsync(m => m.Status == OutboxStatus.Pending);
    }

    private static double PeakMegabytes()
    {
        using var process = Process.GetCurrentProcess();
        return process.PeakWorkingSet64 / 1024.0 / 1024.0;
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    private static async Task WaitForPortAsync(int port)
    {
        for (var i = 0; i < 200; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new InvalidOperationException("The local SMTP server did not start.");
    }

    /// <summary>Samples the working set and the managed heap every 100 ms, to tell which one a peak is.</summary>
    private sealed class MemorySampler : IDisposable
    {
        private readonly Timer timer;
        private readonly Lock gate = new();
        private (long WorkingSet, long Heap, long Committed) highest;

        public MemorySampler() => timer = new Timer(_ => Sample(), null, 0, 100);

        private void Sample()
        {
            using var process = Process.GetCurrentProcess();
            var info = GC.GetGCMemoryInfo();
            lock (gate)
            {
                if (process.WorkingSet64 > highest.WorkingSet)
                {
                    highest = (process.WorkingSet64, GC.GetTotalMemory(false), info.TotalCommittedBytes);
                }
            }
        }

        public string Describe()
        {
            lock (gate)
            {
                return string.Create(CultureInfo.InvariantCulture, $"highest sampled working set {highest.WorkingSet / 1048576.0:0} MB, with the managed heap at {highest.Heap / 1048576.0:0} MB and {highest.Committed / 1048576.0:0} MB committed");
            }
        }

        public void Dispose() => timer.Dispose();
    }
}
