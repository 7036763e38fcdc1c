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
    public async Task One_page_holds_points_badge_bonuses_nudges_working_days_and_the_sender()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var page = await admin.GetDocumentAsync("/Admin/Settings");
        foreach (var field in new[] { "Values[MonthlyAllowance]", "Values[MaxPointsPerRecognition]", "Values[GivingsCountedPerDay]", "Values[Badge.first-moment]", "Values[Badge.streak-12]", "Values[NudgeHour]", "Values[NudgesPerWeek]", "Values[DigestHour]", "SenderName", "SenderAddress" })
        {
            Assert.True(page.QuerySelector($"#settings-form [name='{field}']") is not null, $"No field {field}.");
        }

        Assert.Equal(["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"], page.QuerySelectorAll("#settings-form input[name=WorkingDays]:checked").Select(i => i.GetAttribute("value")));
        Assert.Equal("10", page.QuerySelector("[name='Values[Badge.first-moment]']")!.GetAttribute("value"));
    }

    [Fact]
    public async Task No_working_day_a_bad_sender_address_and_an_out_of_range_bonus_are_refused_beside_their_fields_and_nothing_is_saved()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var before = await App.WithDbAsync(db => db.Settings.CountAsync());
        using var response = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string>
        {
            ["WorkingDays"] = "",
            ["SenderAddress"] = "not an address",
            ["SenderName"] = new string('x', 101),
            ["Values[Badge.generous]"] = "5000",
            ["Values[NudgeHour]"] = "10",
        }, "#settings-form");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("at least one working day", page.QuerySelector("[data-valmsg-for='WorkingDays']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("like portal@company.com", page.QuerySelector("[data-valmsg-for='SenderAddress']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("100 characters", page.QuerySelector("[data-valmsg-for='SenderName']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("from 0 to 1,000", page.QuerySelector("[data-valmsg-for='Values[Badge.generous]']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await App.WithDbAsync(db => db.Settings.CountAsync()));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "settings.changed")));
    }

    [Fact]
    public async Task Saving_unchanged_settings_stores_nothing_and_audits_nothing()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var before = await App.WithDbAsync(db => db.Settings.CountAsync());
        using var saved = await admin.SubmitFormAsync("/Admin/Settings", [], "#settings-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(before, await App.WithDbAsync(db => db.Settings.CountAsync()));
        Assert.False(await App.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "settings.changed")));
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
        var entry = await App.WithDbAsync(db => db.AuditEntries.SingleAsync(e => e.Action == "settings.changed"));
        Assert.Equal("Points.RecoveryPoints=25", entry.Before);
        Assert.Equal("Points.RecoveryPoints=40", entry.After);
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
        Assert.False(await db.AuditEntries.AnyAsync(e => e.Action == "settings.changed"));
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
