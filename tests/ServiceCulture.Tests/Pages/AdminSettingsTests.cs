using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages;

public sealed class AdminSettingsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Admins_change_the_monthly_allowance_and_givers_see_it_at_once()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var saved = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["Values[MonthlyAllowance]"] = "250" }, "#settings-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var giver = App.CreateClient();
        await giver.SignInOrFailAsync("hugo.laurent@demo.test");
        var page = await giver.GetDocumentAsync("/Recognition/Give");
        Assert.Contains("of 250 points left", page.QuerySelector("[data-testid=allowance]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_next_to_the_field()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var response = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["Values[MomentPoints]"] = "-3", ["Values[MonthlyAllowance]"] = "lots" }, "#settings-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("whole number from 0", page.QuerySelector("[data-valmsg-for='Values[MomentPoints]']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("whole number from 0", page.QuerySelector("[data-valmsg-for='Values[MonthlyAllowance]']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Employees_cannot_open_the_settings()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using var response = await client.GetAsync("/Admin/Settings");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Saving_the_settings_writes_the_audit_entry_with_them()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var saved = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["Values[RecoveryPoints]"] = "40" }, "#settings-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        Assert.Equal("40", await App.WithDbAsync(db => db.Settings.Where(s => s.Key == "Points.RecoveryPoints").Select(s => s.Value).SingleAsync()));
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "settings.points"));
        Assert.Contains("RecoveryPoints=40", entry.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task When_the_audit_entry_cannot_be_saved_the_settings_are_not_saved_either()
    {
        using var folder = new TestFolder();
        var failing = new FailSavingAuditEntries();
        await using var host = new PortalFactory(PortalFactory.SqliteSettings(folder.File("portal.db")))
        {
            Configure = builder => builder.ConfigureServices(services => services.ConfigureDbContext<AppDbContext>(o => o.AddInterceptors(failing))),
        };
        var cookies = new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler();
        using var admin = new PortalClient(host.CreateDefaultClient(new Uri("https://localhost"), cookies), cookies.Container);
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var before = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith("Points.")).OrderBy(s => s.Key).Select(s => s.Key + "=" + s.Value).ToListAsync();
        failing.Armed = true;

        using var saved = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["Values[RecoveryPoints]"] = "40" }, "#settings-form");

        Assert.NotEqual(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(before, await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith("Points.")).OrderBy(s => s.Key).Select(s => s.Key + "=" + s.Value).ToListAsync());
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "settings.points"));
    }

    /// <summary>Refuses any save that carries an audit entry, once armed: a stand-in for the database failing mid-request.</summary>
    private sealed class FailSavingAuditEntries : SaveChangesInterceptor
    {
        public bool Armed { get; set; }

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            if (Armed && eventData.Context!.ChangeTracker.Entries<AuditEntry>().Any(e => e.State == EntityState.Added))
            {
                throw new DbUpdateException("The audit log is unavailable.");
            }

            return ValueTask.FromResult(result);
        }
    }
}
