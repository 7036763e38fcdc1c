using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using ServiceCulture.Data;

namespace ServiceCulture.Auditing;

/// <summary>Removes audit entries older than the retention period (<c>Audit:RetentionDays</c>, two years by default).</summary>
public sealed class AuditRetentionJob(AppDbContext db, TimeProvider clock, IConfiguration configuration)
{
    public const int DefaultRetentionDays = 730;

    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        PruneAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task<int> PruneAsync(DateTime now, CancellationToken cancellationToken)
    {
        var days = Math.Max(30, configuration.GetValue("Audit:RetentionDays", DefaultRetentionDays));
        var cutoff = now.AddDays(-days);
        return await db.AuditEntries.Where(e => e.At < cutoff).ExecuteDeleteAsync(cancellationToken);
    }
}
