using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;

namespace ServiceCulture.Bench;

/// <summary>A named size of generated organisation.</summary>
public sealed record Scale(string Name, int People, int Moments, int Recognitions, int Ledger)
{
    public static readonly IReadOnlyList<Scale> All =
    [
        new("XS", 50, 2_000, 2_000, 10_000),
        new("S", 1_000, 100_000, 200_000, 1_000_000),
        new("M", 10_000, 1_000_000, 2_000_000, 10_000_000),
    ];

    public static Scale Named(string name) =>
        All.FirstOrDefault(s => string.Equals(s.Name, name, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"Unknown scale '{name}'. Valid scales: {string.Join(", ", All.Select(s => s.Name))}.");
}

/// <summary>
/// The steps of <c>bench/run.sh</c> that need the portal's model or its forms: generating a scale,
/// signing people in against the running portal, naming the pages to load, counting rows.
/// </summary>
public static partial class Harness
{
    public static readonly IReadOnlySet<string> Commands = new HashSet<string> { "generate", "sessions", "targets", "count", "reset" };

    public static async Task<int> RunAsync(string command, string[] args)
    {
        string? Value(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();
        var provider = Enum.Parse<DatabaseProvider>(Value("--provider") ?? "Sqlite", ignoreCase: true);
        var connection = Value("--connection") ?? throw new ArgumentException("--connection is required");
        switch (command)
        {
            case "generate":
                return await GenerateAsync(provider, connection, Scale.Named(Value("--scale") ?? "XS"), args.Contains("--reuse"));
            case "sessions":
                return await SessionsAsync(
                    provider, connection, new Uri(Value("--url") ?? throw new ArgumentException("--url is required")),
                    int.Parse(Value("--people") ?? "40", CultureInfo.InvariantCulture), Value("--out") ?? "sessions.txt", args.Contains("--managers"));
            case "targets":
                return await TargetsAsync(provider, connection);
            case "reset":
                // An empty PostgreSQL database under that name (the people import's), dropped first if there.
                await BenchProgram.ResetPostgresAsync(connection);
                return 0;
            default:
                return await CountAsync(provider, connection);
        }
    }

    private static async Task<int> GenerateAsync(DatabaseProvider provider, string connection, Scale scale, bool reuse)
    {
        var generator = new DataGenerator(provider, connection);
        if (reuse && await HoldsScaleAsync(generator, scale))
        {
            Console.WriteLine($"Reusing scale {scale.Name} on {provider}.");
            await using var db = generator.CreateContext();
            if (!await db.ReviewCycles.AnyAsync())
            {
                // Data generated before reviews were part of the scale gains them in place.
                await generator.ReviewsAsync(await db.Users.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync());
            }

            // Likewise the keys of the recognitions' messages.
            if (await db.Recognitions.AnyAsync(r => r.MessageKey == null))
            {
                await generator.MessageKeysAsync();
            }

            if (!await db.BadgeAwards.AnyAsync())
            {
                // Likewise the badges the generated year earned.
                await generator.BadgesAsync(await db.Users.OrderBy(u => u.Id).Select(u => u.Id).ToListAsync());
            }

            return 0;
        }

        if (provider == DatabaseProvider.Sqlite)
        {
            var file = new SqliteConnectionStringBuilder(connection).DataSource;
            SqliteConnection.ClearAllPools();
            foreach (var stale in new[] { file, file + "-wal", file + "-shm" })
            {
                File.Delete(stale);
            }
        }
        else
        {
            await BenchProgram.ResetPostgresAsync(connection);
        }

        Console.WriteLine($"Generating scale {scale.Name} on {provider}: {scale.People:N0} people, {scale.Moments:N0} moments, {scale.Recognitions:N0} recognitions, {scale.Ledger:N0} ledger rows");
        var clock = Stopwatch.StartNew();
        var people = await generator.PeopleAsync(scale.People, Math.Max(5, scale.People / 40));
        await generator.MomentsAsync(people, scale.Moments);
        await generator.RecognitionsAsync(people, scale.Recognitions);
        await generator.LedgerAsync(people, scale.Ledger);
        await generator.ReviewsAsync(people);
        await generator.BadgesAsync(people);
        if (provider == DatabaseProvider.PostgreSql)
        {
            // Bulk copies leave the planner without statistics, and the tables without the visibility
            // map that makes index-only scans cheap, until autovacuum gets round to them; a deployed
            // database has both, so the measurement should too (without it the report's live month
            // read all 2.5 million recipients at M instead of 23,000 by key: 4.4 s against 46 ms).
            await using var db = generator.CreateContext();
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.ExecuteSqlRawAsync("VACUUM ANALYZE");
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Generated scale {scale.Name} in {clock.Elapsed.TotalSeconds:0.0} s (peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB)"));
        SqliteConnection.ClearAllPools();
        return 0;
    }

    private static async Task<bool> HoldsScaleAsync(DataGenerator generator, Scale scale)
    {
        try
        {
            await using var db = generator.CreateContext();
            if (!(await db.Database.GetAppliedMigrationsAsync()).Any())
            {
                return false;
            }

            // Data generated on an earlier schema is upgraded as a deployed portal's is: migrated
            // in place (the steps after this fill what the generator writes beside the migrations).
            db.Database.SetCommandTimeout(TimeSpan.FromMinutes(30));
            await db.Database.MigrateAsync();

            // Earlier runs' posts add a few moments and recognitions; the scale is still the same.
            return await db.Users.CountAsync() == scale.People
                && await db.Moments.CountAsync() >= scale.Moments
                && await db.PointsLedger.CountAsync() >= scale.Ledger;
        }
        catch (Exception error) when (error is System.Data.Common.DbException or InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Signs people in through the portal's own login form, spread from the most to the least
    /// active (or only team managers), and writes one line per person: the employee id and the
    /// cookies (authentication and antiforgery).
    /// </summary>
    private static async Task<int> SessionsAsync(DatabaseProvider provider, string connection, Uri portal, int count, string output, bool managers)
    {
        var clock = Stopwatch.StartNew();
        List<(int Id, string Email)> people;
        await using (var db = new DataGenerator(provider, connection).CreateContext())
        {
            var all = await db.Users.AsNoTracking()
                .Where(u => u.IsActive && (!managers || db.Teams.Any(t => t.ManagerId == u.Id)))
                .OrderBy(u => u.Id).Select(u => new { u.Id, u.Email }).ToListAsync();
            var stride = Math.Max(1, all.Count / Math.Max(1, count));
            people = [.. all.Where((_, i) => i % stride == 0).Take(count).Select(u => (u.Id, u.Email!))];
        }

        // A manager's line also names a review of theirs in the newest cycle, for the review page.
        var reviews = new Dictionary<int, long>();
        if (managers)
        {
            await using var db = new DataGenerator(provider, connection).CreateContext();
            var ids = people.Select(p => p.Id).ToList();
            var newest = await db.ReviewCycles.OrderByDescending(c => c.Id).Select(c => (int?)c.Id).FirstOrDefaultAsync();
            reviews = await db.Reviews.AsNoTracking().Where(r => r.CycleId == newest && ids.Contains(r.ManagerId))
                .GroupBy(r => r.ManagerId).Select(g => new { Manager = g.Key, Review = g.Min(r => r.Id) })
                .ToDictionaryAsync(r => r.Manager, r => r.Review);
        }

        var lines = new string[people.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, people.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            var review = reviews.TryGetValue(people[i].Id, out var r) ? $"\t{r}" : "";
            lines[i] = $"{people[i].Id}\t{await SignInAsync(portal, people[i].Email, ct)}{review}";
        });
        await File.WriteAllLinesAsync(output, lines);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Signed in {people.Count} people in {clock.Elapsed.TotalSeconds:0.0} s"));
        return 0;
    }

    private static async Task<string> SignInAsync(Uri portal, string email, CancellationToken cancellationToken)
    {
        var cookies = new CookieContainer();
        using var handler = new HttpClientHandler
        {
            CookieContainer = cookies,
            AllowAutoRedirect = false,
            // The harness's own throwaway certificate on loopback.
            ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator,
        };
        using var client = new HttpClient(handler) { BaseAddress = portal };
        var login = await client.GetStringAsync(new Uri("/Identity/Account/Login", UriKind.Relative), cancellationToken);
        var token = TokenPattern().Match(login).Groups[1].Value;
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DataGenerator.Password,
            ["__RequestVerificationToken"] = token,
        });
        using var response = await client.PostAsync(new Uri("/Identity/Account/Login", UriKind.Relative), form, cancellationToken);
        var auth = cookies.GetCookies(portal).FirstOrDefault(c => c.Name.EndsWith("sc.auth", StringComparison.Ordinal));
        if (response.StatusCode != HttpStatusCode.Redirect || auth is null)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
        }

        // The antiforgery cookie from the login page comes along: a browser keeps it too, and
        // forms fetched with it carry tokens that pair with it.
        return string.Join("; ", cookies.GetCookies(portal).Select(c => $"{c.Name}={c.Value}"));
    }

    /// <summary>Prints, as shell assignments, the ids the harness needs: a moment everyone sees, an active person, a team, the highest employee id.</summary>
    private static async Task<int> TargetsAsync(DatabaseProvider provider, string connection)
    {
        await using var db = new DataGenerator(provider, connection).CreateContext();
        var moment = await db.Moments.AsNoTracking()
            .Where(m => m.Visibility == Visibility.Everyone && m.DeletedAt == null && m.HiddenAt == null)
            .OrderByDescending(m => m.CreatedAt).Skip(5).Select(m => m.Id).FirstAsync();
        var person = await db.Moments.AsNoTracking().OrderByDescending(m => m.CreatedAt).Take(1000)
            .GroupBy(m => m.AuthorId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync();
        var team = await db.Users.AsNoTracking().Where(u => u.Id == person).Select(u => u.TeamId).FirstAsync();
        var people = await db.Users.AsNoTracking().MaxAsync(u => u.Id);
        var output = new StringBuilder();
        output.AppendLine(CultureInfo.InvariantCulture, $"MOMENT_ID={moment}");
        output.AppendLine(CultureInfo.InvariantCulture, $"PERSON_ID={person}");
        output.AppendLine(CultureInfo.InvariantCulture, $"TEAM_ID={team}");
        output.AppendLine(CultureInfo.InvariantCulture, $"PEOPLE_MAX={people}");
        Console.Write(output);
        return 0;
    }

    /// <summary>Prints the number of moments and recognitions, so the harness can check that nothing posted was lost.</summary>
    private static async Task<int> CountAsync(DatabaseProvider provider, string connection)
    {
        await using var db = new DataGenerator(provider, connection).CreateContext();
        var moments = await db.Moments.CountAsync();
        var recognitions = await db.Recognitions.CountAsync();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{moments} {recognitions}"));
        return 0;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
