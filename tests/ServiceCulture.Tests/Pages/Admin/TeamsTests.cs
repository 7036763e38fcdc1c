using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Admin;

/// <summary>The teams admin on both engines: the tree, create, rename, move without cycles, managers, archive.</summary>
public sealed class TeamsTests(EnginesFixture engines) : EngineTest(engines)
{
    private static async Task<PortalClient> AdminAsync(IPortalHost app)
    {
        var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        return admin;
    }

    private static async Task<int> CreateAsync(IPortalHost app, PortalClient admin, string name, int? parent = null, string manager = "")
    {
        using var response = await admin.SubmitFormAsync("/Admin/Teams", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.ParentTeamId"] = parent?.ToString(CultureInfo.InvariantCulture) ?? "",
            ["Form.ManagerEmail"] = manager,
        }, "#create-team-form");
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, PortalClient.Shorten(await response.Content.ReadAsStringAsync()));
        return await app.WithDbAsync(db => db.Teams.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());
    }

    private static Task<HttpResponseMessage> EditAsync(PortalClient admin, int id, Dictionary<string, string> fields) =>
        admin.SubmitFormAsync($"/Admin/Teams/Edit/{id}", fields, "#team-form");

    private static async Task<string> ErrorForAsync(HttpResponseMessage response, string field)
    {
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        return page.QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? "";
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_created_team_sits_in_the_tree_under_its_parent_and_renaming_and_moving_it_is_audited_before_and_after(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        var customers = await CreateAsync(app, admin, "Customer Success", manager: DemoOrganisation.ManagerEmail);
        var desk = await CreateAsync(app, admin, "Help Desk", parent: customers);

        var tree = await admin.GetDocumentAsync("/Admin/Teams");
        var rows = tree.QuerySelectorAll("[data-testid=teams-tree] tbody tr").Select(r => (Name: r.GetAttribute("data-team"), Depth: r.GetAttribute("data-depth"))).ToList();
        var care = rows.FindIndex(r => r.Name == "Customer Success");
        Assert.Equal(("Help Desk", "1"), rows[care + 1]);
        Assert.Contains("Morgan Reyes", tree.QuerySelector("[data-team='Customer Success']")!.TextContent, StringComparison.Ordinal);

        using (var renamed = await EditAsync(admin, desk, new() { ["Form.Name"] = "Service Desk", ["Form.ParentTeamId"] = "" }))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamed.StatusCode);
        }

        var team = await app.WithDbAsync(db => db.Teams.AsNoTracking().SingleAsync(t => t.Id == desk));
        Assert.Equal("Service Desk", team.Name);
        Assert.Null(team.ParentTeamId);
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "team.changed" && e.SubjectId == desk.ToString(CultureInfo.InvariantCulture)).SingleAsync());
        Assert.Equal("name=Help Desk; parent=Customer Success; manager=none", entry.Before);
        Assert.Equal("name=Service Desk; parent=none; manager=none", entry.After);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "team.created")));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Moving_a_team_under_a_team_inside_it_is_refused_beside_the_field_and_nothing_changes(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        var top = await CreateAsync(app, admin, "Programme Office");
        var middle = await CreateAsync(app, admin, "Logistics", parent: top);
        var bottom = await CreateAsync(app, admin, "Warehouse", parent: middle);

        using var cycle = await EditAsync(admin, top, new() { ["Form.ParentTeamId"] = bottom.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        Assert.Contains("go round in a circle", await ErrorForAsync(cycle, "Form.ParentTeamId"), StringComparison.Ordinal);

        using var itself = await EditAsync(admin, top, new() { ["Form.ParentTeamId"] = top.ToString(CultureInfo.InvariantCulture) });
        Assert.Equal(HttpStatusCode.BadRequest, itself.StatusCode);
        Assert.Contains("inside itself", await ErrorForAsync(itself, "Form.ParentTeamId"), StringComparison.Ordinal);

        Assert.Null(await app.WithDbAsync(db => db.Teams.Where(t => t.Id == top).Select(t => t.ParentTeamId).SingleAsync()));
        Assert.False(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(e => e.Action == "team.changed")));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_duplicate_or_empty_name_and_a_manager_who_is_not_an_active_person_are_refused_beside_their_fields(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        var existing = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoOrganisation.EmployeeEmail).Select(u => u.Team!.Name).SingleAsync());

        using var duplicate = await admin.SubmitFormAsync("/Admin/Teams", new Dictionary<string, string> { ["Form.Name"] = existing.ToUpperInvariant(), ["Form.ManagerEmail"] = "nobody@demo.test" }, "#create-team-form");
        Assert.Equal(HttpStatusCode.BadRequest, duplicate.StatusCode);
        Assert.Contains("already exists", await ErrorForAsync(duplicate, "Form.Name"), StringComparison.Ordinal);
        Assert.Contains("No active person", await ErrorForAsync(duplicate, "Form.ManagerEmail"), StringComparison.Ordinal);

        using var empty = await admin.SubmitFormAsync("/Admin/Teams", new Dictionary<string, string> { ["Form.Name"] = "   " }, "#create-team-form");
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("Enter a name", await ErrorForAsync(empty, "Form.Name"), StringComparison.Ordinal);

        using var forged = await admin.SubmitFormAsync("/Admin/Teams", new Dictionary<string, string> { ["Form.Name"] = "Ghosts", ["Form.ParentTeamId"] = "999999" }, "#create-team-form");
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Contains("Choose a parent team", await ErrorForAsync(forged, "Form.ParentTeamId"), StringComparison.Ordinal);

        Assert.False(await app.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == "Ghosts")));
        using var missing = await admin.GetAsync("/Admin/Teams/Edit/999999");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_team_with_active_members_cannot_be_archived_and_an_archived_team_leaves_the_pickers_until_unarchived(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        var busy = await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoOrganisation.EmployeeEmail).Select(u => u.TeamId!.Value).SingleAsync());
        using (var refused = await admin.SubmitFormAsync($"/Admin/Teams/Edit/{busy}", [], "#archive-form"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            var page = PortalClient.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains("active people are still in", page.QuerySelector("[data-testid=team-errors]")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Null(await app.WithDbAsync(db => db.Teams.Where(t => t.Id == busy).Select(t => t.ArchivedAt).SingleAsync()));

        var parent = await CreateAsync(app, admin, "Projects");
        var empty = await CreateAsync(app, admin, "Winter Project", parent: parent);
        using (var holdsTeams = await admin.SubmitFormAsync($"/Admin/Teams/Edit/{parent}", [], "#archive-form"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, holdsTeams.StatusCode);
            Assert.Contains("Winter Project", await holdsTeams.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var archived = await admin.SubmitFormAsync($"/Admin/Teams/Edit/{empty}", [], "#archive-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, archived.StatusCode);
        }

        var value = empty.ToString(CultureInfo.InvariantCulture);
        Assert.Empty((await admin.GetDocumentAsync("/Admin/People")).QuerySelectorAll($"#team option[value='{value}']"));
        Assert.Empty((await admin.GetDocumentAsync("/Admin/People/Invite")).QuerySelectorAll($"#Form_TeamId option[value='{value}']"));
        Assert.Empty((await admin.GetDocumentAsync("/")).QuerySelectorAll($"option[value='{value}']"));
        var teams = await admin.GetDocumentAsync("/Admin/Teams");
        Assert.Null(teams.QuerySelector("[data-testid=teams-tree] [data-team='Winter Project']"));
        Assert.NotNull(teams.QuerySelector("[data-testid=teams-archived] [data-team='Winter Project']"));
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "team.archived"));
        Assert.Equal(("archived=no", "archived=yes"), (entry.Before, entry.After));

        using (var again = await admin.SubmitFormAsync($"/Admin/Teams/Edit/{empty}", [], "#unarchive-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        }

        Assert.NotEmpty((await admin.GetDocumentAsync("/Admin/People/Invite")).QuerySelectorAll($"#Form_TeamId option[value='{value}']"));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action == "team.unarchived")));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_manager_is_set_by_email_and_shown_in_the_tree(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        var id = await CreateAsync(app, admin, "Field Service");
        using (var saved = await EditAsync(admin, id, new() { ["Form.ManagerEmail"] = DemoOrganisation.ManagerEmail }))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var managerId = await AdminPages.IdOfAsync(app, DemoOrganisation.ManagerEmail);
        Assert.Equal(managerId, await app.WithDbAsync(db => db.Teams.Where(t => t.Id == id).Select(t => t.ManagerId).SingleAsync()));
        var entry = await app.WithDbAsync(db => db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == "team.changed"));
        Assert.EndsWith("manager=none", entry.Before, StringComparison.Ordinal);
        Assert.DoesNotContain("manager=none", entry.After, StringComparison.Ordinal);
    }
}
