using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Admin;

/// <summary>The people admin on both engines: the list, changes, manager cycles, deactivation and erasure.</summary>
public sealed class PeopleTests(EnginesFixture engines) : EngineTest(engines)
{
    public static TheoryData<DatabaseProvider, string> AdminPagesByEngine()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            foreach (var page in new[] { "/Admin/People", "/Admin/People/Invite", "/Admin/People/Import", "/Admin/People/Edit/1", "/Admin/People/Erase/1", "/Admin/People/Import/Details/1", "/Admin/Settings", "/Admin/Audit", "/Admin/Teams", "/Admin/Teams/Edit/1" })
            {
                data.Add(engine, page);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(AdminPagesByEngine))]
    public async Task Admin_pages_answer_403_to_employees_and_managers(DatabaseProvider engine, string page)
    {
        var app = await Engines.HostAsync(engine);
        foreach (var email in new[] { DemoOrganisation.EmployeeEmail, DemoOrganisation.ManagerEmail })
        {
            using var client = app.CreateClient();
            await client.SignInOrFailAsync(email);
            using var response = await client.GetAsync(page);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Admins_find_people_by_name_or_email_and_filter_by_team_and_role(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);

        var byName = await admin.GetDocumentAsync("/Admin/People?Q=lindq");
        Assert.Equal([DemoOrganisation.EmployeeEmail], byName.QuerySelectorAll("[data-testid=people-table] tbody tr").Select(r => r.GetAttribute("data-email")));
        var byEmail = await admin.GetDocumentAsync("/Admin/People?Q=NOAH.OKAFOR@");
        Assert.Single(byEmail.QuerySelectorAll("[data-testid=people-table] tbody tr"));

        var team = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoOrganisation.EmployeeEmail).Select(u => u.TeamId!.Value).SingleAsync());
        var members = await app.WithDbAsync(db => db.Users.CountAsync(u => u.TeamId == team && u.IsActive));
        var teamPage = await admin.GetDocumentAsync($"/Admin/People?Team={team}");
        Assert.Equal(members, teamPage.QuerySelectorAll("[data-testid=people-table] tbody tr").Length);

        var admins = await admin.GetDocumentAsync("/Admin/People?Role=Admin");
        Assert.Equal([DemoOrganisation.AdminEmail], admins.QuerySelectorAll("[data-testid=people-table] tbody tr").Select(r => r.GetAttribute("data-email")));

        var never = await admin.GetDocumentAsync("/Admin/People?LastActive=never&Q=lindq");
        Assert.Single(never.QuerySelectorAll("[data-testid=people-table] tbody tr"));
        var recent = await admin.GetDocumentAsync("/Admin/People?LastActive=7&Role=Admin");
        Assert.Single(recent.QuerySelectorAll("[data-testid=people-table] tbody tr"));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_list_pages_by_name_without_repeating_or_skipping_anyone(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < 60; i++)
            {
                db.Users.Add(new ServiceCulture.People.Employee { UserName = $"p{i}@bulk.test", NormalizedUserName = $"P{i}@BULK.TEST", Email = $"p{i}@bulk.test", NormalizedEmail = $"P{i}@BULK.TEST", DisplayName = "Same Name", SecurityStamp = Guid.NewGuid().ToString() });
            }

            await db.SaveChangesAsync();
        });
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var seen = new List<string>();
        var url = "/Admin/People?Status=all";
        while (url is not null)
        {
            var page = await admin.GetDocumentAsync(url);
            seen.AddRange(page.QuerySelectorAll("[data-testid=people-table] tbody tr").Select(r => r.GetAttribute("data-email")!));
            url = page.QuerySelector("a.btn-outline-secondary[href*=AfterId]")?.GetAttribute("href");
        }

        var total = await app.WithDbAsync(db => db.Users.CountAsync());
        Assert.Equal(total, seen.Count);
        Assert.Equal(total, seen.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_manager_chain_that_would_go_round_in_a_circle_is_refused_next_to_the_field(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var morgan = await AdminPages.IdOfAsync(app, DemoOrganisation.ManagerEmail);
        var before = await app.WithDbAsync(db => db.Users.Where(u => u.Id == morgan).Select(u => u.ManagerId).SingleAsync());

        using var response = await admin.SubmitFormAsync($"/Admin/People/Edit/{morgan}", new Dictionary<string, string> { ["Form.ManagerEmail"] = DemoOrganisation.EmployeeEmail }, "#person-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("circle", page.QuerySelector("[data-valmsg-for='Form.ManagerEmail']")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await app.WithDbAsync(db => db.Users.Where(u => u.Id == morgan).Select(u => u.ManagerId).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Admins_change_team_manager_roles_title_and_time_zone_and_the_audit_keeps_before_and_after(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var emma = await AdminPages.IdOfAsync(app, DemoOrganisation.EmployeeEmail);
        var sales = await app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Sales").Select(t => t.Id).SingleAsync());

        using var response = await admin.SubmitFormAsync($"/Admin/People/Edit/{emma}", new Dictionary<string, string>
        {
            ["Form.TeamId"] = sales.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Form.ManagerEmail"] = "daniel.kim@demo.test",
            ["Form.Manager"] = "true",
            ["Form.JobTitle"] = "Account Executive",
            ["Form.TimeZoneId"] = "America/New_York",
        }, "#person-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        var changed = await app.WithDbAsync(db => db.Users.Where(u => u.Id == emma).Select(u => new { u.TeamId, Manager = u.Manager!.Email, u.JobTitle, u.TimeZoneId, Roles = db.UserRoles.Count(r => r.UserId == u.Id) }).SingleAsync());
        Assert.Equal((sales, "daniel.kim@demo.test", "Account Executive", "America/New_York", 2), (changed.TeamId!.Value, changed.Manager!, changed.JobTitle!, changed.TimeZoneId, changed.Roles));
        var entry = await app.WithDbAsync(db => db.AuditEntries.Where(e => e.Action == "person.changed").OrderByDescending(e => e.Id).FirstAsync());
        Assert.Contains("team=Customer Care", entry.Before, StringComparison.Ordinal);
        Assert.Contains("team=Sales", entry.After, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Deactivating_a_person_refuses_their_open_session_at_once_and_hides_them_from_pickers(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var noah = app.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        using (var open = await noah.GetAsync("/"))
        {
            Assert.Equal(HttpStatusCode.OK, open.StatusCode);
        }

        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var id = await AdminPages.IdOfAsync(app, "noah.okafor@demo.test");
        using var deactivated = await admin.SubmitFormAsync($"/Admin/People/Edit/{id}", [], "#deactivate-form");
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);

        using var refused = await noah.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", refused.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        using var signIn = await noah.SignInAsync("noah.okafor@demo.test");
        Assert.NotEqual(HttpStatusCode.Redirect, signIn.StatusCode);

        using var emma = app.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var picker = await emma.GetDocumentAsync("/People/Search?q=noah");
        Assert.DoesNotContain("Noah", picker.Body!.TextContent, StringComparison.Ordinal);
        var leaderboard = await emma.GetDocumentAsync("/Leaderboard");
        Assert.DoesNotContain("Noah Okafor", leaderboard.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Moments.AnyAsync(m => m.AuthorId == id)), "Noah's moments stay.");

        using var reactivated = await admin.SubmitFormAsync($"/Admin/People/Edit/{id}", [], "#reactivate-form");
        Assert.Equal(HttpStatusCode.Redirect, reactivated.StatusCode);
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Admins_cannot_deactivate_themselves_or_the_last_admin(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var me = await AdminPages.IdOfAsync(app, DemoOrganisation.AdminEmail);
        using var self = await admin.SubmitFormAsync($"/Admin/People/Edit/{me}", [], "#deactivate-form");
        Assert.Equal(HttpStatusCode.BadRequest, self.StatusCode);
        Assert.Contains("cannot deactivate yourself", await self.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A second admin tries to deactivate the first, after the first gave up the role by another path: the last one stays.
        await using (var scope = app.Scope())
        {
            var administration = scope.ServiceProvider.GetRequiredService<ServiceCulture.People.PeopleAdministration>();
            var zoe = await AdminPages.IdOfAsync(app, "zoe.campbell@demo.test");
            var outcome = await administration.DeactivateAsync(zoe, me, CancellationToken.None);
            Assert.False(outcome.Succeeded);
            Assert.Contains("last admin", outcome.Refusals.Single().Message, StringComparison.Ordinal);
        }

        Assert.True(await app.WithDbAsync(db => db.Users.Where(u => u.Id == me).Select(u => u.IsActive).SingleAsync()));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Erasing_someone_who_left_replaces_their_name_and_email_everywhere_and_keeps_the_figures(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var noah = await AdminPages.IdOfAsync(app, "noah.okafor@demo.test");
        using (var emma = app.CreateClient())
        {
            await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
            await ServiceCulture.Tests.Infrastructure.Moments.LogAsync(emma, ServiceCulture.Tests.Infrastructure.Moments.ValidForm("Noah Okafor rescued the Friday refunds"));
        }

        var pointsBefore = await app.WithDbAsync(db => db.PointsLedger.Where(p => p.EmployeeId == noah).SumAsync(p => p.Amount));
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var stillActive = await admin.GetDocumentAsync($"/Admin/People/Erase/{noah}");
        Assert.Null(stillActive.QuerySelector("#erase-form"));
        await using (var scope = app.Scope())
        {
            var outcome = await scope.ServiceProvider.GetRequiredService<ServiceCulture.People.PeopleAdministration>().EraseAsync(await AdminPages.IdOfAsync(app, DemoOrganisation.AdminEmail), noah, CancellationToken.None);
            Assert.Contains("Deactivate this person before erasing", outcome.Refusals.Single().Message, StringComparison.Ordinal);
        }

        using (await admin.SubmitFormAsync($"/Admin/People/Edit/{noah}", [], "#deactivate-form"))
        {
        }

        using var erased = await admin.SubmitFormAsync($"/Admin/People/Erase/{noah}", [], "#erase-form");
        Assert.Equal(HttpStatusCode.OK, erased.StatusCode);
        var report = PortalClient.Parse(await erased.Content.ReadAsStringAsync()).QuerySelector("[data-testid=erasure-report]")!.TextContent;
        Assert.Contains("Noah Okafor", report, StringComparison.Ordinal);
        Assert.Contains("moments: 1 changed", report, StringComparison.Ordinal);

        await app.WithDbAsync(async db =>
        {
            Assert.False(await db.Moments.AnyAsync(m => m.Title.Contains("Noah Okafor") || m.Story.Contains("Noah Okafor")));
            Assert.False(await db.Users.AnyAsync(u => u.Email == "noah.okafor@demo.test" || u.DisplayName == "Noah Okafor"));
            Assert.False(await db.AuditEntries.AnyAsync(e => e.Detail!.Contains("Noah Okafor") || e.Before!.Contains("Noah Okafor") || e.After!.Contains("Noah Okafor")));
            Assert.True(await db.Moments.AnyAsync(m => m.Title == "Former colleague " + noah + " rescued the Friday refunds"));
            Assert.Equal(pointsBefore, await db.PointsLedger.Where(p => p.EmployeeId == noah).SumAsync(p => p.Amount));
        });
    }
}
