using Hangfire;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People.Import;

namespace ServiceCulture.Web.Hosting;

/// <summary>
/// <c>ServiceCulture.Web import people.csv [--deactivate-missing] [--invite]</c>: the same import as the
/// admin page, for automation. Prints the errors and changes nothing when any row is wrong; exit code 0
/// when applied, 1 when refused. Unfinished imports (a process that was stopped) are completed first.
/// </summary>
public static class PeopleImportCommand
{
    public const string Verb = "import";

    public static bool IsRequested(string[] args) => args.Length > 0 && string.Equals(args[0], Verb, StringComparison.OrdinalIgnoreCase);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var path = args.Skip(1).FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal));
        if (path is null || !File.Exists(path))
        {
            await Console.Error.WriteLineAsync($"Usage: ServiceCulture.Web import people.csv [--deactivate-missing] [--invite]{(path is null ? "" : $" (no file at {path})")}");
            return 2;
        }

        var stopping = app.Lifetime.ApplicationStopping;
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var job = scope.ServiceProvider.GetRequiredService<PeopleImportJob>();
        foreach (var unfinished in await UnfinishedAsync(db, stopping))
        {
            Console.WriteLine($"Completing the unfinished import {unfinished} first.");
            await job.ApplyAsync(unfinished, stopping);
        }

        var info = new FileInfo(path);
        if (info.Length > PeopleCsv.MaxBytes)
        {
            await Console.Error.WriteLineAsync($"{path} is larger than {PeopleCsv.MaxBytes / 1024 / 1024} MB; split it into smaller files.");
            return 1;
        }

        var importer = scope.ServiceProvider.GetRequiredService<PeopleImporter>();
        var (importId, error) = await importer.PreviewAsync(null, info.Name, await File.ReadAllBytesAsync(path, stopping),
            deactivateMissing: args.Contains("--deactivate-missing"), sendInvitations: args.Contains("--invite"), stopping);
        if (error is not null)
        {
            await Console.Error.WriteLineAsync(error);
            return 1;
        }

        var rows = await db.PeopleImportRows.AsNoTracking().Where(r => r.ImportId == importId).GroupBy(r => r.Change).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(stopping);
        var errors = await db.PeopleImportRows.AsNoTracking().Where(r => r.ImportId == importId && r.Change == RowChange.Invalid).OrderBy(r => r.Line).Select(r => new { r.Line, r.Errors }).ToListAsync(stopping);
        foreach (var row in errors)
        {
            await Console.Error.WriteLineAsync($"line {row.Line}: {row.Errors}");
        }

        Console.WriteLine(string.Join(", ", rows.OrderBy(r => r.Key).Select(r => $"{r.Count} {r.Key.ToString().ToLowerInvariant()}")));
        var queued = await importer.QueueAsync(null, importId!.Value, stopping);
        if (!queued.Succeeded)
        {
            await Console.Error.WriteLineAsync(string.Join(" ", queued.Refusals.Select(r => r.Message)));
            return 1;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        await job.ApplyAsync(importId.Value, stopping);
        Console.WriteLine($"Import {importId} applied in {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s.");
        return 0;
    }

    /// <summary>Imports queued or running when the last process stopped go back on the queue.</summary>
    public static async Task ResumeUnfinishedAsync(WebApplication app)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var jobs = scope.ServiceProvider.GetRequiredService<IBackgroundJobClient>();
        foreach (var id in await UnfinishedAsync(db, app.Lifetime.ApplicationStopping))
        {
            jobs.Enqueue<PeopleImportJob>(job => job.RunAsync(id, CancellationToken.None));
        }
    }

    private static Task<List<long>> UnfinishedAsync(AppDbContext db, CancellationToken cancellationToken) =>
        db.PeopleImports.Where(i => i.Status == ImportStatus.Queued || i.Status == ImportStatus.Running).OrderBy(i => i.Id).Select(i => i.Id).ToListAsync(cancellationToken);
}
