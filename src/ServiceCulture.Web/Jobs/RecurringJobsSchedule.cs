using Hangfire;
using ServiceCulture.Auditing;
using ServiceCulture.Reporting;

namespace ServiceCulture.Web.Jobs;

/// <summary>
/// Every recurring schedule of the portal, registered in one place at start-up. Jobs are idempotent
/// against the database, so re-registering them on every start (or on every node) is harmless.
/// </summary>
public sealed class RecurringJobsSchedule(IRecurringJobManager jobs)
{
    public const string AuditRetention = "audit-retention";
    public const string ReportSnapshots = "report-snapshots";

    public static readonly IReadOnlyList<string> JobIds = [AuditRetention, ReportSnapshots];

    public void Register()
    {
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        // Daily rather than on the 1st only, so a month missed while the portal was down is still stored.
        jobs.AddOrUpdate<ReportSnapshotJob>(ReportSnapshots, job => job.RunAsync(CancellationToken.None), Cron.Daily(1, 15));
    }
}
