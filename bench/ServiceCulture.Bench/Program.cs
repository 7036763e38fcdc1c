using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using ServiceCulture.Data;

namespace ServiceCulture.Bench;

/// <summary>
/// Benchmarks of the portal's pages at scale, and the steps of <c>bench/run.sh</c> (see <see cref="Harness"/>). Usage:
///   dotnet run -c Release --project bench/ServiceCulture.Bench -- feed|gamification|email|reports [--moments 100000] [--people 1000]
///       [--recognitions 100000] [--ledger 1000000] [--requests 400] [--scale XS|S|M] [--provider Sqlite|PostgreSql] [--connection "..."]
/// </summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "feed";
        if (Harness.Commands.Contains(scenario))
        {
            return await Harness.RunAsync(scenario, args);
        }

        var options = Options.Parse(args);
        var results = Path.Combine(AppContext.BaseDirectory, "results");
        Directory.CreateDirectory(results);

        var connection = options.Connection;
        var reuse = args.Contains("--reuse");
        if (options.Provider == DatabaseProvider.Sqlite)
        {
            // A database named by --connection (bench/run.sh passes the scale's), else one per scenario and size.
            // A relative file is taken from the current folder, as the generator does; the portal
            // would take it from its content root and find an empty database there.
            var file = options.Connection is { } named
                ? Path.GetFullPath(new SqliteConnectionStringBuilder(named).DataSource)
                : Path.Combine(results, $"{scenario}-{options.Moments}-{options.People}.db");
            reuse &= File.Exists(file);
            if (!reuse)
            {
                foreach (var stale in new[] { file, file + "-wal", file + "-shm" })
                {
                    File.Delete(stale);
                }
            }

            connection = $"Data Source={file}";
        }
        else if (!reuse)
        {
            await ResetPostgresAsync(connection!);
        }

        var generator = new DataGenerator(options.Provider, connection!);
        IReadOnlyList<int> people;
        if (reuse)
        {
            Console.WriteLine($"Reusing the generated data on {options.Provider}…");
            await using var db = generator.CreateContext();
            people = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Users.OrderBy(u => u.Id).Select(u => u.Id));
            // The load harness's scales hold no ratings or outcomes; the reports read them, so the
            // first reports run on such data adds them, and later runs find them there.
            if (scenario == "reports" && !await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.ServiceRatings))
            {
                await generator.MeasurementAsync(people);
            }
        }
        else
        {
            Console.WriteLine($"Generating data on {options.Provider}…");
            var generated = Stopwatch.StartNew();
            people = await generator.PeopleAsync(options.People, Math.Max(5, options.People / 40));
            await generator.MomentsAsync(people, options.Moments);
            if (scenario is "gamification" or "email")
            {
                await generator.RecognitionsAsync(people, options.Recognitions);
                await generator.LedgerAsync(people, options.Ledger);
            }
            else if (scenario == "reports")
            {
                // The reports read moments, recognitions, ratings and outcomes; the ledger is not theirs.
                await generator.RecognitionsAsync(people, options.Recognitions);
                await generator.MeasurementAsync(people);
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated in {generated.Elapsed.TotalSeconds:0.0} s"));
        }

        SqliteConnection.ClearAllPools();

        PortalUnderTest.LocateContentRoot();
        if (scenario == "email")
        {
            return await EmailBench.RunAsync(options, connection!, results, reuse);
        }

        if (scenario == "reports")
        {
            return await ReportsBench.RunAsync(options, connection!, results, people, snapshotsOnly: args.Contains("--snapshots-only"));
        }

        await using var portal = new PortalUnderTest(options.Provider, connection!);
        var viewers = new List<HttpClient>();
        var random = new Random(7);
        foreach (var index in Enumerable.Range(0, 10).Select(_ => random.Next(options.People)))
        {
            viewers.Add(await portal.SignedInClientAsync($"person{index:D5}@bench.test"));
        }

        var paths = scenario == "gamification"
            ? new List<string>
            {
                "/Leaderboard", "/Leaderboard?period=all", "/Leaderboard?period=quarter&measure=given", "/Leaderboard?period=week&scope=team",
                "/Leaderboard?period=all&element=measured", "/Leaderboard?period=month&measure=recoveries",
                $"/People/{people[1]}", $"/People/{people[2]}", $"/People/{people[3]}", $"/People/{people[4]}",
                "/", "/?kind=recognition",
            }
            : new List<string> { "/", "/?kind=misery", "/?element=measured", "/?customer=internal", "/?team=3" };
        Console.WriteLine("Warming up…");
        foreach (var client in viewers)
        {
            foreach (var path in paths)
            {
                await PortalUnderTest.TimeAsync(client, path);
            }
        }

        var samples = new List<(string Path, double ServerMs, double WallMs)>();
        var morePattern = new Regex("hx-get=\"([^\"]+handler=More[^\"]*)\"");
        for (var i = 0; i < options.Requests; i++)
        {
            var client = viewers[i % viewers.Count];
            var path = paths[i % paths.Count];
            var wall = Stopwatch.StartNew();
            var (serverMs, body) = await PortalUnderTest.TimeAsync(client, path);
            var label = path == "/" ? "/ (first page)" : path.StartsWith("/People/", StringComparison.Ordinal) ? "/People/{id} (profile)" : path;
            samples.Add((label, serverMs, wall.Elapsed.TotalMilliseconds));
            if (i % 5 == 0 && morePattern.Match(body) is { Success: true } more)
            {
                var next = System.Net.WebUtility.HtmlDecode(more.Groups[1].Value);
                wall.Restart();
                var (moreMs, _) = await PortalUnderTest.TimeAsync(client, next);
                samples.Add(("load more", moreMs, wall.Elapsed.TotalMilliseconds));
            }
        }

        if (scenario == "gamification")
        {
            // The write path at scale: giving a recognition and withdrawing it, which reverses its
            // ledger rows (found by their source) and refunds the allowance.
            for (var i = 0; i < options.Requests / 8; i++)
            {
                var client = viewers[i % viewers.Count];
                var recipient = people[(i * 7 + 3) % people.Count];
                var fields = new Dictionary<string, string>
                {
                    ["Form.RecipientIds"] = recipient.ToString(CultureInfo.InvariantCulture),
                    ["Form.Message"] = string.Create(CultureInfo.InvariantCulture, $"Benchmark thanks number {i}, for the help with the customer call."),
                    ["Form.Elements"] = "Focus",
                    ["Form.Points"] = "1",
                };
                var (giveMs, location) = await PortalUnderTest.PostAsync(client, "/Recognition/Give", "/Recognition/Give", fields);
                samples.Add(("POST /Recognition/Give", giveMs, 0));
                var (withdrawMs, _) = await PortalUnderTest.PostAsync(client, location!, location + "?handler=Withdraw", new Dictionary<string, string>());
                samples.Add(("POST withdraw a recognition", withdrawMs, 0));
            }
        }

        var report = new StringBuilder();
        report.AppendLine(scenario == "gamification"
            ? string.Create(CultureInfo.InvariantCulture, $"Leaderboard and profiles, {options.Provider}, {options.Ledger:N0} ledger rows, {options.Recognitions:N0} recognitions, {options.Moments:N0} moments, {options.People:N0} people, {samples.Count} requests ({Environment.ProcessorCount} cores)")
            : string.Create(CultureInfo.InvariantCulture, $"Feed, {options.Provider}, {options.Moments:N0} moments, {options.People:N0} people, {samples.Count} requests ({Environment.ProcessorCount} cores)"));
        report.AppendLine();
        report.AppendLine("| request | n | p50 ms | p95 ms | p99 ms | max ms |");
        report.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var group in samples.GroupBy(s => s.Path).Append(samples.GroupBy(_ => "all requests").Single()))
        {
            var times = group.Select(s => s.ServerMs).Order().ToList();
            report.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key} | {times.Count} | {Percentile(times, 50):0.0} | {Percentile(times, 95):0.0} | {Percentile(times, 99):0.0} | {times[^1]:0.0} |");
        }

        Console.WriteLine();
        Console.WriteLine(report);
        File.WriteAllText(Path.Combine(results, $"{scenario}-{options.Provider.ToString().ToLowerInvariant()}.md"), report.ToString());
        foreach (var client in viewers)
        {
            client.Dispose();
        }

        return 0;
    }

    private static double Percentile(List<double> sorted, int p) => sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];

    public static async Task ResetPostgresAsync(string connectionString)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var database = builder.Database;
        builder.Database = "postgres";
        await using var admin = new Npgsql.NpgsqlConnection(builder.ConnectionString);
        await admin.OpenAsync();
        await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
        await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE \"{database}\"", admin);
        await create.ExecuteNonQueryAsync();
    }
}

internal sealed record Options(DatabaseProvider Provider, string? Connection, int Moments, int People, int Requests, int Recognitions, int Ledger)
{
    public static Options Parse(string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var provider = Enum.Parse<DatabaseProvider>(Value("--provider") ?? "Sqlite", ignoreCase: true);
        var connection = Value("--connection");
        if (provider != DatabaseProvider.Sqlite && connection is null)
        {
            throw new ArgumentException("--connection is required for " + provider);
        }

        // A named scale (as bench/run.sh uses) sets the sizes; single options still override it.
        var scale = Value("--scale") is { } name ? Scale.Named(name) : null;
        return new Options(
            provider,
            connection,
            int.Parse(Value("--moments") ?? scale?.Moments.ToString(CultureInfo.InvariantCulture) ?? "100000", CultureInfo.InvariantCulture),
            int.Parse(Value("--people") ?? scale?.People.ToString(CultureInfo.InvariantCulture) ?? "1000", CultureInfo.InvariantCulture),
            int.Parse(Value("--requests") ?? "400", CultureInfo.InvariantCulture),
            int.Parse(Value("--recognitions") ?? scale?.Recognitions.ToString(CultureInfo.InvariantCulture) ?? "100000", CultureInfo.InvariantCulture),
            int.Parse(Value("--ledger") ?? scale?.Ledger.ToString(CultureInfo.InvariantCulture) ?? "1000000", CultureInfo.InvariantCulture));
    }
}
