using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Reporting;

namespace ServiceCulture.Bench;

/// <summary>
/// Times the monthly snapshot job for every team and the organisation (each of the last twelve
/// months, as a year of running stores them), then the organisation's report as the admin opens it:
/// a closed month from its snapshot, the current month live, a quarter live, and one team live.
/// Page times are the portal's own (Server-Timing); the job is timed around its call.
/// </summary>
internal static class ReportsBench
{
    /// <summary>
    /// Stores the twelve closed months' snapshots (or the last one again), then, unless
    /// <paramref name="snapshotsOnly"/> (the load harness, before it measures the pages, as the
    /// nightly job would have stored them), times the report pages.
    /// </summary>
    public static async Task<int> RunAsync(Options options, string connection, string results, IReadOnlyList<int> people, bool snapshotsOnly = false)
    {
        await using var portal = new PortalUnderTest(options.Provider, connection);
        _ = portal.Services;
        var now = portal.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var thisMonth = ReportRange.MonthOf(now);
        var report = new StringBuilder();
        int teams;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            teams = await db.Teams.CountAsync();
            // A run on reused data keeps the year the previous run stored and measures the last closed month again.
            var last = thisMonth.AddMonths(-1);
            await db.ReportSnapshots.Where(r => r.Month == last).ExecuteDeleteAsync();
            await db.Notifications.ExecuteDeleteAsync();
            await db.OutboxMessages.ExecuteDeleteAsync();
        }

        var jobSeconds = new List<(DateOnly Month, int Stored, double Seconds)>();
        for (var ago = 12; ago >= 1; ago--)
        {
            var month = thisMonth.AddMonths(-ago);
            await using var scope = portal.Services.CreateAsyncScope();
            var watch = Stopwatch.StartNew();
            var stored = await scope.ServiceProvider.GetRequiredService<ReportSnapshotJob>().SnapshotAsync(month, now, CancellationToken.None);
            if (stored == 0)
            {
                continue; // stored by an earlier run
            }

            jobSeconds.Add((month, stored, watch.Elapsed.TotalSeconds));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  snapshot job for {month:yyyy-MM}: {stored} snapshots in {watch.Elapsed.TotalSeconds:0.00} s"));
        }

        if (snapshotsOnly)
        {
            return 0;
        }

        var admin = await portal.SignedInClientAsync($"person{people.Count - 1:D5}@bench.test", TimeSpan.FromMinutes(10));
        var lastMonth = thisMonth.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
        var team = people.Count / 2;
        int teamId;
        await using (var scope = portal.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            teamId = await db.Users.Where(u => u.Id == people[team]).Select(u => u.TeamId!.Value).SingleAsync();
        }

        var pages = new (string Label, string Path)[]
        {
            ("organisation, closed month (snapshot)", $"/Reports?scope=organisation&period=month&month={lastMonth}"),
            ("organisation, current month (live)", "/Reports?scope=organisation&period=month"),
            ("organisation, current quarter (live)", "/Reports?scope=organisation&period=quarter"),
            ("one team, current month (live)", $"/Reports?team={teamId}&period=month"),
            ("organisation CSV of the teams, closed month", $"/Reports?scope=organisation&period=month&month={lastMonth}&handler=Csv&table=teams"),
        };
        var requests = Math.Max(3, Math.Min(20, options.Requests / 20));
        Console.WriteLine($"  {requests} requests per page after one unrecorded");
        var samples = new List<(string Label, double Ms)>();
        foreach (var (label, path) in pages)
        {
            await PortalUnderTest.TimeAsync(admin, path); // warm-up: the first request compiles the queries
            for (var i = 0; i < requests; i++)
            {
                samples.Add((label, (await PortalUnderTest.TimeAsync(admin, path)).ServerMs));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {label}: median {samples.Where(s => s.Label == label).Select(s => s.Ms).Order().ElementAt(requests / 2):0} ms"));
        }

        var peak = Process.GetCurrentProcess().PeakWorkingSet64 / 1024.0 / 1024.0;
        report.AppendLine(CultureInfo.InvariantCulture, $"Reports, {options.Provider}, {options.People:N0} people in {teams} teams, {options.Moments:N0} moments, {options.Recognitions:N0} recognitions, a year of ratings and outcomes ({Environment.ProcessorCount} cores)");
        report.AppendLine();
        report.AppendLine("| step | n | p50 | max |");
        report.AppendLine("| --- | --- | --- | --- |");
        var times = jobSeconds.Select(j => j.Seconds).Order().ToList();
        report.AppendLine(CultureInfo.InvariantCulture, $"| snapshot job, one closed month, {teams + 1} scopes (seconds) | {times.Count} | {(times.Count == 0 ? 0 : times[times.Count / 2]):0.00} s | {(times.Count == 0 ? 0 : times[^1]):0.00} s |");
        foreach (var group in samples.GroupBy(s => s.Label))
        {
            var ms = group.Select(s => s.Ms).Order().ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} (server ms) | {ms.Count} | {ms[ms.Count / 2]:0} ms | {ms[^1]:0} ms |");
        }

        report.AppendLine(CultureInfo.InvariantCulture, $"| peak working set of the process (generator and portal) | | {peak:0} MB | |");
        Console.WriteLine();
        Console.WriteLine(report);
        File.WriteAllText(Path.Combine(results, $"reports-{options.Provider.ToString().ToLowerInvariant()}-{options.People}.md"), report.ToString());
        admin.Dispose();
        return 0;
    }
}
