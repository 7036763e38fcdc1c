using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.People.Import;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Admin;

/// <summary>Importing people from CSV on both engines: the preview, bad input, applying, and re-importing.</summary>
public sealed class PeopleImportTests(EnginesFixture engines) : EngineTest(engines)
{
    private static readonly string GoodFile = string.Join("\n",
        AdminPages.Header,
        "Ada Stone,ada.stone@import.test,Field Service,,Manager,Europe/Paris,Field Lead",
        "Ben Ortiz,ben.ortiz@import.test,Field Service,ada.stone@import.test,Employee,Europe/Madrid,Technician",
        "\"Chen, Li\",chen.li@import.test,Field Service,ada.stone@import.test,,,Technician",
        "Emma Lindqvist,employee@demo.test,Customer Care,manager@demo.test,Employee,Europe/London,Senior Customer Advisor");

    private static async Task ApplyAsync(IPortalHost app, PortalClient admin, long id)
    {
        using var applied = await admin.SubmitFormAsync($"/Admin/People/Import/Details/{id}", [], "#apply-form");
        Assert.Equal(HttpStatusCode.Redirect, applied.StatusCode);
        var queued = await admin.GetDocumentAsync($"/Admin/People/Import/Details/{id}");
        Assert.Equal("Queued", queued.QuerySelector("[data-testid=import-progress]")!.GetAttribute("data-status"));
        Assert.NotNull(queued.QuerySelector("[data-testid=import-progress][hx-get][hx-trigger]"));

        // No job server runs in tests: the job the page queued is run here, as the server would.
        await using var scope = app.Scope();
        await scope.ServiceProvider.GetRequiredService<PeopleImportJob>().RunAsync(id, CancellationToken.None);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_file_is_previewed_then_applied_creating_teams_and_people_and_importing_it_again_changes_nothing(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var people = await app.WithDbAsync(db => db.Users.CountAsync());

        var id = await AdminPages.PreviewAsync(admin, GoodFile, sendInvitations: true);
        var preview = await admin.GetDocumentAsync($"/Admin/People/Import/Details/{id}");
        Assert.Equal("3 new", preview.QuerySelector("[data-testid=count-new]")!.TextContent);
        Assert.Equal("1 updated", preview.QuerySelector("[data-testid=count-updated]")!.TextContent);
        Assert.Equal(people, await app.WithDbAsync(db => db.Users.CountAsync()));

        await ApplyAsync(app, admin, id);
        var done = await admin.GetDocumentAsync($"/Admin/People/Import/Details/{id}");
        Assert.Equal("Completed", done.QuerySelector("[data-testid=import-progress]")!.GetAttribute("data-status"));
        Assert.Null(done.QuerySelector("[data-testid=import-progress][hx-get]"));
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(people + 3, await db.Users.CountAsync());
            var ben = await db.Users.Where(u => u.Email == "ben.ortiz@import.test").Select(u => new { Team = u.Team!.Name, Manager = u.Manager!.Email, u.TimeZoneId, HasPassword = u.PasswordHash != null }).SingleAsync();
            Assert.Equal(("Field Service", "ada.stone@import.test", "Europe/Madrid", false), (ben.Team, ben.Manager!, ben.TimeZoneId, ben.HasPassword));
            Assert.Equal("Chen, Li", await db.Users.Where(u => u.Email == "chen.li@import.test").Select(u => u.DisplayName).SingleAsync());
            Assert.Equal(2, await db.UserRoles.CountAsync(r => db.Users.Any(u => u.Id == r.UserId && u.Email == "ada.stone@import.test")));
            Assert.Equal("Senior Customer Advisor", await db.Users.Where(u => u.Email == DemoOrganisation.EmployeeEmail).Select(u => u.JobTitle).SingleAsync());
            Assert.Equal(3, await db.Invitations.CountAsync());
        });

        var again = await AdminPages.PreviewAsync(admin, GoodFile, sendInvitations: true);
        var second = await admin.GetDocumentAsync($"/Admin/People/Import/Details/{again}");
        Assert.Equal("4 unchanged", second.QuerySelector("[data-testid=count-unchanged]")!.TextContent);
        Assert.NotNull(second.QuerySelector("[data-testid=nothing-changes]"));
        await ApplyAsync(app, admin, again);
        await app.WithDbAsync(async db =>
        {
            Assert.Equal(people + 3, await db.Users.CountAsync());
            Assert.Equal(1, await db.Teams.CountAsync(t => t.Name == "Field Service"));
            Assert.Equal(3, await db.Invitations.CountAsync());
        });
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Bad_rows_are_listed_with_their_line_and_reason_and_nothing_is_applied(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var csv = string.Join("\r\n",
            "Name;Email;Team;Manager email;Role;Time zone;Job title",
            "Ada Stone;ada.stone@import.test;Field;;Manager;Europe/Paris;Lead",
            "Ada Twin;ADA.STONE@import.test;Field;;;;",
            "Ben Ortiz;ben.ortiz@import.test;Field;nobody@import.test;;;",
            "Cy One;cy.one@import.test;Field;cy.two@import.test;;;",
            "Cy Two;cy.two@import.test;Field;cy.one@import.test;;;",
            "=HYPERLINK(\"x\");dee@import.test;Field;;;;",
            "Eve;eve@import.test;Field;;Boss;Mars/Olympus;",
            "Fay;not-an-email;Field;;;;");
        var people = await app.WithDbAsync(db => db.Users.CountAsync());
        var id = await AdminPages.PreviewAsync(admin, csv);
        var preview = await admin.GetDocumentAsync($"/Admin/People/Import/Details/{id}");
        var errors = preview.QuerySelectorAll("[data-testid=error-rows] tbody tr").ToDictionary(r => r.Children[0].TextContent, r => r.Children[3].TextContent);
        Assert.Contains("appears on lines 2, 3", errors["2"], StringComparison.Ordinal);
        Assert.Contains("appears on lines 2, 3", errors["3"], StringComparison.Ordinal);
        Assert.Contains("neither in the file nor an active person", errors["4"], StringComparison.Ordinal);
        Assert.Contains("comes back to them", errors["5"], StringComparison.Ordinal);
        Assert.Contains("comes back to them", errors["6"], StringComparison.Ordinal);
        Assert.Contains("formula", errors["7"], StringComparison.Ordinal);
        Assert.Contains("not Employee, Manager or Admin", errors["8"], StringComparison.Ordinal);
        Assert.Contains("time zone “Mars/Olympus” is unknown", errors["8"], StringComparison.Ordinal);
        Assert.Contains("is not an email address", errors["9"], StringComparison.Ordinal);
        Assert.Null(preview.QuerySelector("#apply-form"));

        using var forced = await admin.PostAsync($"/Admin/People/Import/Details/{id}", [new("__RequestVerificationToken", ((AngleSharp.Html.Dom.IHtmlInputElement)(await admin.GetDocumentAsync("/Admin/People")).QuerySelector("input[name=__RequestVerificationToken]")!).Value)]);
        Assert.Equal(HttpStatusCode.BadRequest, forced.StatusCode);
        Assert.Equal(people, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.False(await app.WithDbAsync(db => db.Teams.AnyAsync(t => t.Name == "Field")));
    }

    public static TheoryData<DatabaseProvider, string, string> UnreadableFiles()
    {
        var data = new TheoryData<DatabaseProvider, string, string>();
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            data.Add(engine, "wrong-columns", "lacks the columns “manager email”, “role”, “time zone”, “job title”");
            data.Add(engine, "latin1", "not UTF-8");
            data.Add(engine, "header-only", "no people under it");
            data.Add(engine, "too-large", "larger than 5 MB");
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(UnreadableFiles))]
    public async Task A_file_that_cannot_be_read_is_refused_with_a_clear_message_and_nothing_stored(DatabaseProvider engine, string kind, string message)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var bytes = kind switch
        {
            "wrong-columns" => Encoding.UTF8.GetBytes("name,email,team,department\nAda,ada@import.test,Field,Ops\n"),
            "latin1" => Encoding.Latin1.GetBytes(AdminPages.Header + "\nJosé Müller,jose@import.test,Field,,,,\n"),
            "header-only" => Encoding.UTF8.GetBytes(AdminPages.Header + "\n"),
            _ => FiftyMegabytes(),
        };
        using var response = await AdminPages.UploadAsync(admin, bytes);
        Assert.Equal(kind == "too-large" ? HttpStatusCode.RequestEntityTooLarge : HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(message, page.QuerySelector("[data-testid=file-error]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0, await app.WithDbAsync(db => db.PeopleImports.CountAsync()));
    }

    private static byte[] FiftyMegabytes()
    {
        var bytes = new byte[50 * 1024 * 1024];
        Array.Fill(bytes, (byte)'a');
        Encoding.UTF8.GetBytes(AdminPages.Header + "\n").CopyTo(bytes, 0);
        return bytes;
    }

    [Fact]
    public void A_UTF8_file_with_a_byte_order_mark_reads_like_one_without()
    {
        var text = AdminPages.Header + "\nJosé Müller,jose@import.test,Field,,,,\n";
        var withBom = PeopleCsv.Read([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);
        var without = PeopleCsv.Read(Encoding.UTF8.GetBytes(text));
        Assert.Null(withBom.Error);
        Assert.Equal(without.People, withBom.People);
        Assert.Equal("José Müller", withBom.People.Single().Name);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task People_missing_from_the_file_are_deactivated_only_when_asked_and_never_admins(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var active = await app.WithDbAsync(db => db.Users.CountAsync(u => u.IsActive));
        var id = await AdminPages.PreviewAsync(admin, GoodFile, deactivateMissing: true);
        var preview = await admin.GetDocumentAsync($"/Admin/People/Import/Details/{id}");

        // Everyone but Emma (in the file) and the one admin.
        Assert.Equal($"{active - 2} deactivated (not in the file)", preview.QuerySelector("[data-testid=count-deactivated]")!.TextContent);
        Assert.Contains("would be deactivated", preview.QuerySelector("[data-testid=error-rows]")!.TextContent, StringComparison.Ordinal);
    }
}
