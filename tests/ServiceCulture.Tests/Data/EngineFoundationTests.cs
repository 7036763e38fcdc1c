using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

/// <summary>The foundation's data behaviour, once on SQLite and once on a real PostgreSQL server.</summary>
public sealed class EngineFoundationTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_database_is_migrated_to_the_latest_migration(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        await app.WithDbAsync(async db =>
        {
            Assert.Empty(await db.Database.GetPendingMigrationsAsync());
            Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync());
            Assert.False(db.Database.HasPendingModelChanges());
        });
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_demo_organisation_signs_in(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var home = await client.GetDocumentAsync("/");
        Assert.Equal("Morgan Reyes", home.QuerySelector("[data-testid=signed-in-name]")!.TextContent.Trim());
        Assert.Equal(5, await app.WithDbAsync(db => db.Teams.CountAsync()));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Five_failures_lock_the_account(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var client = app.CreateClient();
        for (var i = 0; i < 5; i++)
        {
            using var _ = await client.SignInAsync(DemoOrganisation.EmployeeEmail, "guessing " + i);
        }

        var locked = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoOrganisation.EmployeeEmail).Select(u => u.LockoutEnd).SingleAsync());
        Assert.NotNull(locked);
        // Identity's UserManager sets the lockout from the system clock, not the host's TimeProvider.
        Assert.True(locked > TimeProvider.System.GetUtcNow().AddMinutes(10));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Instants_come_back_in_utc(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var at = new DateTime(2026, 3, 29, 0, 30, 15, DateTimeKind.Utc);
        await app.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry { At = at, Action = "probe", Subject = "Test" });
            await db.SaveChangesAsync();
        });

        var read = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "probe").Select(e => e.At).SingleAsync());
        Assert.Equal(DateTimeKind.Utc, read.Kind);
        Assert.Equal(at, read);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Readiness_covers_the_engine_and_its_job_storage(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var client = app.CreateClient();
        using var response = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("jobs").GetProperty("status").GetString());
        Assert.Equal("Healthy", json.RootElement.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }
}
