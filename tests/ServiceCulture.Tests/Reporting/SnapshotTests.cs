using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Notifications;
using ServiceCulture.Reporting;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Reporting;

/// <summary>Monthly snapshots: one per scope and closed month, equal to a recomputation, never changed, on each engine.</summary>
public sealed class SnapshotTests(EnginesFixture engines) : EngineTest(engines)
{
    private static readonly DateTime AfterMarch = new(2025, 4, 1, 1, 15, 0, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_job_stores_each_scope_once_and_a_recomputation_gives_the_same_snapshot(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var org = await SmallOrganisation.CreateAsync(app);
        await using var scope = app.Scope();
        var job = scope.ServiceProvider.GetRequiredService<ReportSnapshotJob>();

        var stored = await job.RunAsync(AfterMarch, CancellationToken.None);
        var teams = await app.WithDbAsync(db => db.Teams.CountAsync());
        Assert.Equal(teams + 1, stored);
        Assert.Equal(0, await job.RunAsync(AfterMarch.AddDays(1), CancellationToken.None));

        var snapshots = await app.WithDbAsync(db => db.ReportSnapshots.AsNoTracking().Where(s => s.Month == SmallOrganisation.March).ToListAsync());
        Assert.Equal(teams + 1, snapshots.Count);
        var alpha = snapshots.Single(s => s.Scope == ReportSnapshot.ScopeOf(org.Alpha));
        Assert.Equal(7, ReportBuilder.Deserialize(alpha.Figures).Moments.Total);
        Assert.DoesNotContain("Person", alpha.Figures, StringComparison.Ordinal);

        await using var fresh = app.Scope();
        var builder = fresh.ServiceProvider.GetRequiredService<ReportBuilder>();
        foreach (var snapshot in snapshots)
        {
            var live = await builder.LiveAsync(snapshot.TeamId, ReportRange.ForMonth(SmallOrganisation.March), app.Factory.Clock.UtcNow, CancellationToken.None);
            Assert.Equal(snapshot.Figures, ReportBuilder.Serialize(live));
        }

        // The managers of Alpha and Beta and every admin hear once; nobody hears twice.
        var told = await app.WithDbAsync(db => db.Notifications.Where(n => n.Kind == NotificationKind.MonthlyReport).ToListAsync());
        Assert.Contains(told, n => n.EmployeeId == org.People["a1"] && n.Key == $"monthly-report:team-{org.Alpha}:2025-03");
        Assert.Contains(told, n => n.EmployeeId == org.People["b1"] && n.Key == $"monthly-report:team-{org.Beta}:2025-03");
        Assert.Equal(told.Count, told.Select(n => (n.EmployeeId, n.Key)).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_stored_snapshot_never_changes_and_a_second_one_for_the_same_month_is_refused(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var org = await SmallOrganisation.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportSnapshotJob>().RunAsync(AfterMarch, CancellationToken.None);
        }

        var before = await app.WithDbAsync(db => db.ReportSnapshots.Where(s => s.Scope == ReportSnapshot.OrganisationScope && s.Month == SmallOrganisation.March).Select(s => s.Figures).SingleAsync());
        await app.WithDbAsync(db => db.Moments.Where(m => m.AuthorId == org.People["a1"]).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeletedAt, AfterMarch)));
        await using (var scope = app.Scope())
        {
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<ReportSnapshotJob>().SnapshotAsync(SmallOrganisation.March, AfterMarch.AddDays(40), CancellationToken.None));
            var figures = await scope.ServiceProvider.GetRequiredService<ReportBuilder>().FiguresAsync(null, ReportRange.ForMonth(SmallOrganisation.March), AfterMarch.AddDays(40), CancellationToken.None);
            Assert.True(figures.FromSnapshot);
            Assert.Equal(before, ReportBuilder.Serialize(figures.Figures));
        }

        Assert.Equal(before, await app.WithDbAsync(db => db.ReportSnapshots.Where(s => s.Scope == ReportSnapshot.OrganisationScope && s.Month == SmallOrganisation.March).Select(s => s.Figures).SingleAsync()));
        await Assert.ThrowsAsync<DbUpdateException>(() => app.WithDbAsync(async db =>
        {
            db.ReportSnapshots.Add(new ReportSnapshot { Scope = ReportSnapshot.OrganisationScope, Month = SmallOrganisation.March, Figures = "{}", TakenAt = AfterMarch });
            await db.SaveChangesAsync();
        }));

        await using var open = app.Scope();
        var job = open.ServiceProvider.GetRequiredService<ReportSnapshotJob>();
        await Assert.ThrowsAsync<InvalidOperationException>(() => job.SnapshotAsync(new DateOnly(2025, 4, 1), AfterMarch, CancellationToken.None));
    }
}
