using System.Diagnostics;
using System.Text;
using Microsoft.Data.Sqlite;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

/// <summary>The command-line import, run as an operator runs it, killed half-way and run again.</summary>
[Trait(TestRuns.Trait, TestRuns.Processes)]
public sealed class ImportProcessTests
{
    private const int People = 10_000;

    [Fact]
    public async Task An_import_killed_half_way_completes_on_the_next_run_with_nothing_duplicated()
    {
        using var folder = new TestFolder();
        var database = folder.File("portal.db");
        var file = folder.File("people.csv");
        var csv = new StringBuilder(AdminPages.Header).Append('\n');
        for (var i = 0; i < People; i++)
        {
            csv.Append(System.Globalization.CultureInfo.InvariantCulture, $"Person {i:00000},person{i:00000}@import.test,Team {i % 40},{(i < 40 ? "" : $"person{i % 40:00000}@import.test")},{(i < 40 ? "Manager" : "Employee")},Europe/Paris,Advisor\n");
        }

        await File.WriteAllTextAsync(file, csv.ToString());

        using (var first = Start(folder, database, file))
        {
            // Read the output as it comes, so the process never waits on a full pipe.
            _ = first.StandardOutput.ReadToEndAsync();
            _ = first.StandardError.ReadToEndAsync();
            var applied = 0L;
            var watch = Stopwatch.StartNew();
            while (applied == 0 && watch.Elapsed < TimeSpan.FromMinutes(5) && !first.HasExited)
            {
                await Task.Delay(20);
                applied = Scalar(database, "SELECT COALESCE(MAX(AppliedRows), 0) FROM PeopleImports WHERE Status = 3");
            }

            Assert.False(first.HasExited, "The import finished before it could be stopped.");
            first.Kill(entireProcessTree: true);
            await first.WaitForExitAsync();
            Assert.InRange(applied, 1, People - 1);
        }

        Assert.Equal(0L, Scalar(database, "SELECT COUNT(*) FROM PeopleImports WHERE Status = 4"));

        using (var second = Start(folder, database, file))
        {
            var output = second.StandardOutput.ReadToEndAsync();
            var errors = second.StandardError.ReadToEndAsync();
            await second.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(3)).Token);
            Assert.True(second.ExitCode == 0, await output + await errors);
            Assert.Contains("Completing the unfinished import", await output, StringComparison.Ordinal);
            Assert.Contains($"{People} unchanged", await output, StringComparison.Ordinal);
        }

        Assert.Equal((long)People, Scalar(database, "SELECT COUNT(*) FROM AspNetUsers WHERE Email LIKE '%@import.test'"));
        Assert.Equal((long)People, Scalar(database, "SELECT COUNT(DISTINCT NormalizedEmail) FROM AspNetUsers WHERE Email LIKE '%@import.test'"));
        Assert.Equal(40L, Scalar(database, "SELECT COUNT(*) FROM Teams WHERE Name LIKE 'Team %'"));
        Assert.Equal((long)People - 40, Scalar(database, "SELECT COUNT(*) FROM AspNetUsers WHERE Email LIKE '%@import.test' AND ManagerId IS NOT NULL"));
        Assert.Equal((long)People + 40, Scalar(database, "SELECT COUNT(*) FROM AspNetUserRoles r JOIN AspNetUsers u ON u.Id = r.UserId WHERE u.Email LIKE '%@import.test'"));
        Assert.Equal(2L, Scalar(database, "SELECT COUNT(*) FROM PeopleImports WHERE Status = 4"));
    }

    private static Process Start(TestFolder folder, string database, string file)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, "import", file])
        {
            WorkingDirectory = folder.Path,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["Database__Provider"] = "Sqlite";
        start.Environment["ConnectionStrings__Default"] = $"Data Source={database}";
        start.Environment["Jobs__RunServer"] = "false";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        start.Environment["Email__PickupDirectory"] = folder.File("mail");
        return Process.Start(start)!;
    }

    private static long Scalar(string database, string sql)
    {
        if (!File.Exists(database))
        {
            return 0;
        }

        try
        {
            using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = sql;
            return Convert.ToInt64(command.ExecuteScalar() ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (SqliteException)
        {
            // The tables do not exist until the process has migrated the database.
            return 0;
        }
    }
}
