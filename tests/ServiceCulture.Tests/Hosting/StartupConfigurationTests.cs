using System.Diagnostics;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

/// <summary>Runs the built portal as a process, the way an operator starts it, with broken settings.</summary>
[Trait(TestRuns.Trait, TestRuns.Processes)]
public sealed class StartupConfigurationTests
{
    [Fact]
    public async Task An_unknown_provider_stops_start_up_with_one_line_naming_the_valid_values()
    {
        var (exit, stdout, stderr) = await RunPortalAsync(new() { ["Database__Provider"] = "Oracle" });
        Assert.Equal(1, exit);
        Assert.Equal(
            "ServiceCulture cannot start: Database:Provider 'Oracle' is not supported. Valid values: Sqlite, SqlServer, PostgreSql.",
            stderr.Trim());
        Assert.DoesNotContain("   at ", stdout + stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_engine_without_a_connection_string_stops_start_up_with_one_line()
    {
        var (exit, _, stderr) = await RunPortalAsync(new() { ["Database__Provider"] = "PostgreSql", ["ConnectionStrings__Default"] = "" });
        Assert.Equal(1, exit);
        var line = Assert.Single(stderr.Trim().Split('\n'));
        Assert.Contains("ConnectionStrings:Default is required when Database:Provider is PostgreSql", line, StringComparison.Ordinal);
    }

    private static async Task<(int Exit, string Stdout, string Stderr)> RunPortalAsync(Dictionary<string, string> environment)
    {
        using var folder = new TestFolder();
        var start = PortalProcess.StartInfo(folder.Path, environment);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return (process.ExitCode, await stdout, await stderr);
    }
}
