using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.People;
using ServiceCulture.Reporting;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Reports;

/// <summary>Who may open which report, forged periods, CSV downloads and snapshots on the page, on each engine.</summary>
public sealed class IndexTests(EnginesFixture engines) : EngineTest(engines)
{
    private static async Task<int> TeamAsync(IPortalHost app, string name) =>
        await app.WithDbAsync(db => db.Teams.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    /// <summary>Care Escalations, inside Customer Care, managed by Priya, who reports to Morgan (the Customer Care manager).</summary>
    private static async Task<int> EscalationsAsync(IPortalHost app)
    {
        var care = await TeamAsync(app, "Customer Care");
        return await app.WithDbAsync(async db =>
        {
            var priya = await db.Users.SingleAsync(u => u.Email == "priya.nair@demo.test");
            var team = new Team { Name = "Care Escalations", ParentTeamId = care, ManagerId = priya.Id };
            db.Teams.Add(team);
            await db.SaveChangesAsync();
            return team.Id;
        });
    }

    private static async Task<HttpStatusCode> StatusAsync(IPortalHost app, string email, string url)
    {
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(email);
        using var response = await client.GetAsync(url);
        return response.StatusCode;
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_team_report_is_for_its_manager_the_managers_manager_and_admins_only(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var care = await TeamAsync(app, "Customer Care");
        var sales = await TeamAsync(app, "Sales");
        var escalations = await EscalationsAsync(app);

        var expectations = new (string Email, string Url, HttpStatusCode Status)[]
        {
            (DemoOrganisation.ManagerEmail, $"/Reports?team={care}", HttpStatusCode.OK),
            (DemoOrganisation.ManagerEmail, $"/Reports?team={escalations}", HttpStatusCode.OK),
            (DemoOrganisation.ManagerEmail, $"/Reports?team={sales}", HttpStatusCode.NotFound),
            (DemoOrganisation.ManagerEmail, "/Reports?scope=organisation", HttpStatusCode.NotFound),
            (DemoOrganisation.ManagerEmail, "/Reports", HttpStatusCode.OK),
            ("priya.nair@demo.test", $"/Reports?team={escalations}", HttpStatusCode.OK),
            ("priya.nair@demo.test", $"/Reports?team={care}", HttpStatusCode.NotFound),
            (DemoOrganisation.EmployeeEmail, $"/Reports?team={care}", HttpStatusCode.NotFound),
            (DemoOrganisation.EmployeeEmail, $"/Reports?team={care}&handler=Csv&table=figures", HttpStatusCode.NotFound),
            (DemoOrganisation.EmployeeEmail, "/Reports", HttpStatusCode.NotFound),
            ("daniel.kim@demo.test", $"/Reports?team={care}", HttpStatusCode.NotFound),
            (DemoOrganisation.AdminEmail, "/Reports", HttpStatusCode.OK),
            (DemoOrganisation.AdminEmail, $"/Reports?team={sales}", HttpStatusCode.OK),
            (DemoOrganisation.AdminEmail, "/Reports?team=999999", HttpStatusCode.NotFound),
        };
        var problems = new List<string>();
        foreach (var (email, url, status) in expectations)
        {
            var actual = await StatusAsync(app, email, url);
            if (actual != status)
            {
                problems.Add($"{email} {url}: {(int)actual}, expected {(int)status}");
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));

        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var page = await manager.GetDocumentAsync("/Reports");
        Assert.Contains("Customer Care", page.QuerySelector("h1")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(page.QuerySelector("canvas[data-chart=radar]"));
        Assert.NotNull(page.QuerySelector("[data-figure=recovery-rate] .figure-hint"));
        Assert.NotNull(page.QuerySelector("a.nav-link[href='/Reports']"));
        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        Assert.Null((await employee.GetDocumentAsync("/")).QuerySelector("a.nav-link[href='/Reports']"));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Forged_periods_get_a_message_and_never_a_server_error(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var cases = new (string Query, string Message)[]
        {
            ("period=custom&from=2026-05-10&to=2026-05-01", "ends before it starts"),
            ("period=custom&from=2019-01-01&to=2025-06-30", "at most 5 years"),
            ("period=custom&from=1900-01-01&to=1900-02-01", "between 2000 and next month"),
            ("period=custom&from=2026-01-01&to=9999-12-31", "between 2000 and next month"),
            ("period=custom&from=2026-01-01", "both the first and the last day"),
            ("period=month&month=2026-13", "is not a month"),
            ("period=month&month=2400-01", "between 2000 and next month"),
            ("period=quarter&quarter=2026-Q5", "is not a quarter"),
            ("period=fortnight", "Choose a month, a quarter or a custom period"),
        };
        foreach (var (query, message) in cases)
        {
            using var response = await admin.GetAsync($"/Reports?{query}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{query}: {(int)response.StatusCode}");
            Assert.Contains(message, PortalClient.Parse(body).QuerySelector("[data-testid=range-error]")?.TextContent ?? "", StringComparison.Ordinal);
            using var csv = await admin.GetAsync($"/Reports?{query}&handler=Csv&table=figures");
            Assert.Equal(HttpStatusCode.BadRequest, csv.StatusCode);
        }

        using var garbage = await admin.GetAsync("/Reports?period=custom&from=yesterday&to=2026-01-01&team=abc");
        Assert.True((int)garbage.StatusCode is >= 400 and < 500, $"garbage answered {(int)garbage.StatusCode}");
        var quarter = await admin.GetDocumentAsync("/Reports?period=quarter&quarter=2025-Q1");
        Assert.Contains("Q1 2025", quarter.QuerySelector("[data-testid=report-period]")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Every_table_downloads_as_csv_with_formulas_neutralised_and_no_raters(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var org = await SmallOrganisation.CreateAsync(app);
        await app.WithDbAsync(db => db.Teams.Where(t => t.Id == org.Beta).ExecuteUpdateAsync(s => s.SetProperty(t => t.Name, "=HYPERLINK(\"http://evil\")")));
        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);

        foreach (var table in new[] { "figures", "elements", "trend", "teams" })
        {
            using var response = await admin.GetAsync($"/Reports?period=month&month=2025-03&handler=Csv&table={table}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain("Person b1", text, StringComparison.Ordinal);
            Assert.DoesNotContain("Comment from", text, StringComparison.Ordinal);
            if (table == "teams")
            {
                Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", text, StringComparison.Ordinal);
                Assert.DoesNotContain(",=HYPERLINK", text, StringComparison.Ordinal);
                Assert.Contains("Alpha,5,7,3,67 %,80 %,40 %,3.50", text, StringComparison.Ordinal);
            }

            if (table == "figures")
            {
                Assert.StartsWith("Figure,Value,Previous period,Change,Definition", text.TrimStart('\uFEFF'), StringComparison.Ordinal);
            }
        }

        using var team = await admin.GetAsync($"/Reports?team={org.Alpha}&period=month&month=2025-03&handler=Csv&table=teams");
        Assert.Equal(HttpStatusCode.NotFound, team.StatusCode);
        using var unknown = await admin.GetAsync("/Reports?handler=Csv&table=raters");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_closed_month_is_read_from_its_snapshot_and_the_current_month_is_live(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var org = await SmallOrganisation.CreateAsync(app);
        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<ReportSnapshotJob>().SnapshotAsync(SmallOrganisation.March, app.Factory.Clock.UtcNow, CancellationToken.None);
        }

        // A moment back-dated into March after the month was stored does not change March's report.
        await app.WithDbAsync(async db =>
        {
            var author = org.People["a4"];
            db.Moments.Add(new ServiceCulture.Moments.Moment
            {
                Kind = ServiceCulture.Moments.MomentKind.Magic, Title = "Late entry", Story = "Logged after the month closed.", OccurredOn = new DateOnly(2025, 3, 30),
                CustomerKind = ServiceCulture.Moments.CustomerKind.External, Elements = ServiceCulture.Moments.ServiceElements.Focus,
                Visibility = ServiceCulture.Moments.Visibility.Everyone, AuthorId = author, AuthorTeamId = org.Alpha, CreatedAt = SmallOrganisation.At(3, 30),
            });
            await db.SaveChangesAsync();
        });

        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var march = await admin.GetDocumentAsync($"/Reports?team={org.Alpha}&period=month&month=2025-03");
        Assert.Contains("from the snapshot", march.QuerySelector("[data-testid=report-period]")!.TextContent, StringComparison.Ordinal);
        Assert.StartsWith("7 ", march.QuerySelector("[data-figure=moments] td")!.TextContent, StringComparison.Ordinal);

        var current = await admin.GetDocumentAsync($"/Reports?team={org.Alpha}");
        Assert.Contains("live figures", current.QuerySelector("[data-testid=report-period]")!.TextContent, StringComparison.Ordinal);
    }
}
