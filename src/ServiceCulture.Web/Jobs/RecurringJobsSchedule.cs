using Hangfire;
using ServiceCulture.Auditing;

namespace ServiceCulture.Web.Jobs;

/// <summary>
/// Every recurring schedule of the portal, registered in one place at start-up. Jobs are idempotent
/// against the database, so re-registering them on every start (or on every node) is harmless.
/// </summary>
public sealed class RecurringJobsSchedule(IRecurringJobManager jobs)
{
    public const string AuditRetention = "audit-retention";

    public static readonly IReadOnlyList<string> JobIds = [AuditRetention];

    public void Register()
    {
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
    }
}
