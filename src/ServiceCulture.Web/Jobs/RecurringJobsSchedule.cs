using Hangfire;
using ServiceCulture.Auditing;
using ServiceCulture.Email;

namespace ServiceCulture.Web.Jobs;

/// <summary>
/// Every recurring schedule of the portal, registered in one place at start-up. Jobs are idempotent
/// against the database, so re-registering them on every start (or on every node) is harmless.
/// </summary>
public sealed class RecurringJobsSchedule(IRecurringJobManager jobs, IConfiguration configuration)
{
    public const string AuditRetention = "audit-retention";
    public const string OutboxDispatch = "outbox-dispatch";

    public static readonly IReadOnlyList<string> JobIds = [AuditRetention, OutboxDispatch];

    public void Register()
    {
        jobs.AddOrUpdate<AuditRetentionJob>(AuditRetention, job => job.RunAsync(CancellationToken.None), Cron.Daily(3));
        // Every minute by default; a run that finds nothing to send costs one indexed query.
        jobs.AddOrUpdate<OutboxDispatcher>(OutboxDispatch, job => job.RunAsync(CancellationToken.None),
            configuration["Email:DispatchCron"] is { Length: > 0 } cron ? cron : Cron.Minutely());
    }
}
