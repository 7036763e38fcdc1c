using Hangfire;
using Hangfire.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Auditing;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Jobs;

namespace ServiceCulture.Tests.Jobs;

public sealed class RecurringJobsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public void Every_schedule_is_registered_at_start()
    {
        var storage = App.Factory.Services.GetRequiredService<JobStorage>();
        using var connection = storage.GetConnection();
        var registered = connection.GetRecurringJobs().Select(j => j.Id).ToHashSet();
        Assert.All(RecurringJobsSchedule.JobIds, id => Assert.Contains(id, registered));
    }

    [Fact]
    public async Task Audit_retention_removes_only_entries_past_the_retention_period()
    {
        var now = new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc);
        await App.WithDbAsync(async db =>
        {
            db.AuditEntries.AddRange(
                new AuditEntry { At = now.AddDays(-(AuditRetentionJob.DefaultRetentionDays + 1)), Action = "old", Subject = "Test" },
                new AuditEntry { At = now.AddDays(-10), Action = "recent", Subject = "Test" });
            await db.SaveChangesAsync();
        });

        await using var scope = App.Scope();
        var removed = await scope.ServiceProvider.GetRequiredService<AuditRetentionJob>().PruneAsync(now, CancellationToken.None);

        Assert.Equal(1, removed);
        var left = await App.WithDbAsync(db => db.AuditEntries.Select(e => e.Action).ToListAsync());
        Assert.Equal(["recent"], left);
    }
}
