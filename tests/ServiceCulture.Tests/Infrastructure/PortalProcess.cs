using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The built portal run as its own process, the way an operator starts it: `dotnet
/// ServiceCulture.Web.dll` in a fresh working folder, configured only by environment variables
/// and arguments. <see cref="StartAsync"/> waits until it listens; disposing stops it.
/// </summary>
public sealed partial class PortalProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private PortalProcess(Process process)
    {
        this.process = process;
    }

    public Uri Address => listening.Task.IsCompletedSuccessfully ? listening.Task.Result : throw new InvalidOperationException("The portal is not listening.");

    /// <summary>Everything the process wrote so far, for assertion messages.</summary>
    public string Output => string.Join(Environment.NewLine, output);

    /// <summary>How the portal is started: Production, listening on a free loopback port, in <paramref name="workingDirectory"/>.</summary>
    public static ProcessStartInfo StartInfo(string workingDirectory, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? arguments = null)
    {
        var start = new ProcessStartInfo("dotnet", [typeof(Program).Assembly.Location, .. arguments ?? []])
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = "http://127.0.0.1:0";
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        return start;
    }

    /// <summary>Starts the portal and waits until it answers on its address (migrations and seeding included).</summary>
    public static async Task<PortalProcess> StartAsync(string workingDirectory, IReadOnlyDictionary<string, string> environment, IEnumerable<string>? arguments = null)
    {
        var portal = new PortalProcess(Process.Start(StartInfo(workingDirectory, environment, arguments))!);
        portal.process.OutputDataReceived += (_, e) => portal.Receive(e.Data);
        portal.process.ErrorDataReceived += (_, e) => portal.Receive(e.Data);
        portal.process.BeginOutputReadLine();
        portal.process.BeginErrorReadLine();
        portal.process.EnableRaisingEvents = true;
        portal.process.Exited += (_, _) => portal.listening.TrySetException(new InvalidOperationException("The portal exited before it listened."));

        var started = await Task.WhenAny(portal.listening.Task, Task.Delay(TimeSpan.FromMinutes(3)));
        if (started != portal.listening.Task || !portal.listening.Task.IsCompletedSuccessfully)
        {
            var log = portal.Output;
            await portal.DisposeAsync();
            throw new InvalidOperationException($"The portal did not start:{Environment.NewLine}{log}");
        }

        return portal;
    }

    private void Receive(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        if (ListeningLine().Match(line) is { Success: true } match)
        {
            listening.TrySetResult(new Uri(match.Groups["url"].Value));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    [GeneratedRegex(@"Now listening on: (?<url>http\S+)")]
    private static partial Regex ListeningLine();
}
