using Hangfire;
using ServiceCulture.Auditing;
using ServiceCulture.Email;
using ServiceCulture.Nudges;
using ServiceCulture.Reporting;

namespace ServiceCulture.Web.Jobs;

/// <summary>
/// Every recurring schedule of the portal, registered in one place at start-up. Jobs are idempotent
/// against the database, so re-registering them on every start (or on every node) is harmless.
/// </summary>
public sealed class RecurringJobsSchedule(IRecurringJobManager jobs, IConfiguration configuration)
{
    public const string AuditRetention = "audit-retention";
    public const string ReportSnapshots = "report-snapshots";
    public const string OutboxDispatch = "outbox-dispatch";
    public const string Nudges = "nudges";
    public const string WeeklyDigest = "weekly-digest";

    public static readonly IReadOnlyList<string> JobIds = [AuditRetention, ReportSnapshots, OutboxDispatch, Nudges, WeeklyDigest];

    public void Register()
    {
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        // Daily rather than on the 1st only, so a month missed while the portal was down is still stored.
        jobs.AddOrUpdate<ReportSnapshotJob>(ReportSnapshots, job => job.RunAsync(CancellationToken.None), Cron.Daily(1, 15));
        // Every minute by default; a run that finds nothing to send costs one indexed query.
        jobs.AddOrUpdate<OutboxDispatcher>(OutboxDispatch, job => job.RunAsync(CancellationToken.None),
            configuration["Email:DispatchCron"] is { Length: > 0 } cron ? cron : Cron.Minutely());
        // Hourly: each run picks the people whose local nudge (or digest) hour has passed and who
        // have not had it yet, so time zones and the admins' chosen hours need no schedule of their own.
        jobs.AddOrUpdate<NudgeJob>(Nudges, job => job.RunAsync(CancellationToken.None),
            configuration["Jobs:NudgesCron"] is { Length: > 0 } nudges ? nudges : Cron.Hourly(1));
        jobs.AddOrUpdate<WeeklyDigestJob>(WeeklyDigest, job => job.RunAsync(CancellationToken.None),
            configuration["Jobs:DigestCron"] is { Length: > 0 } digest ? digest : Cron.Hourly(2));
    }
}
