using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Reviews;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using S = ServiceCulture.Tests.Infrastructure.ReviewScenario;

namespace ServiceCulture.Tests.Pages.Reviews;

/// <summary>Cycles: who opens them, people added and moved later, the CSV export, calibration and the demo cycles.</summary>
public sealed class ReviewCycleTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_demo_holds_a_closed_cycle_and_an_open_one_with_reviews_in_every_state(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var rows = await app.WithDbAsync(db => db.Reviews.Select(r => new { r.CycleId, Open = r.Cycle!.ClosedAt == null, r.State }).ToListAsync());
        var cycles = rows.GroupBy(r => (r.CycleId, r.Open)).Select(g => new { Id = g.Key.CycleId, g.Key.Open, States = g.Select(r => r.State).Distinct().ToList() }).ToList();
        var closed = Assert.Single(cycles, c => !c.Open);
        Assert.Equal([ReviewState.Shared, ReviewState.Acknowledged], closed.States.Order());
        var open = Assert.Single(cycles, c => c.Open);
        Assert.Equal(Enum.GetValues<ReviewState>(), open.States.Order());

        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var mine = await employee.GetDocumentAsync("/Reviews");
        Assert.Equal(2, mine.QuerySelectorAll("[data-testid=my-reviews] li").Length);
        Assert.NotNull(mine.QuerySelector("[data-testid=asked]"));

        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var people = await manager.GetDocumentAsync("/Reviews");
        Assert.True(people.QuerySelectorAll("[data-testid=people-review]").Length >= 7);

        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var all = await admin.GetDocumentAsync("/Reviews");
        Assert.Equal(2, all.QuerySelectorAll("[data-testid=cycle]").Length);
        var calibration = await admin.GetDocumentAsync($"/Reviews/Cycles/{open.Id}/Calibration");
        Assert.True(calibration.QuerySelectorAll("[data-testid=calibration-row]").Length >= 4);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Managers_open_cycles_for_their_own_team_only(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using (var forbidden = await employee.GetAsync("/Reviews/Cycles/New"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }

        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var sales = await app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Sales").Select(t => t.Id).SingleAsync());
        var today = S.Today(app);
        using var refused = await manager.SubmitFormAsync("/Reviews/Cycles/New", new Dictionary<string, string>
        {
            ["Form.Name"] = "Not mine",
            ["Form.PeriodStart"] = S.Date(today.AddDays(-30)),
            ["Form.PeriodEnd"] = S.Date(today.AddDays(-40)),
            ["Form.SelfAssessmentDue"] = S.Date(today),
            ["Form.ReviewDue"] = S.Date(today.AddDays(3)),
            ["Form.TeamIds"] = sales.ToString(CultureInfo.InvariantCulture),
        }, "#cycle-form");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var body = await refused.Content.ReadAsStringAsync();
        Assert.Contains("Managers open cycles for their own team only.", body, StringComparison.Ordinal);
        Assert.Contains("The period ends before it starts.", body, StringComparison.Ordinal);
        Assert.False(await app.WithDbAsync(db => db.ReviewCycles.AnyAsync(c => c.Name == "Not mine")));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task People_who_join_later_are_added_and_a_review_follows_a_new_manager_with_the_change_logged(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var morgan = await M.PersonAsync(app, DemoOrganisation.ManagerEmail);
        var priya = await M.PersonAsync(app, "priya.nair@demo.test");
        var care = await app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Customer Care").Select(t => t.Id).SingleAsync());
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == "olivia.brown@demo.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.TeamId, care).SetProperty(u => u.ManagerId, morgan)));
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == "noah.okafor@demo.test").ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, priya)));

        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using (var add = await manager.SubmitFormAsync($"/Reviews/Cycles/{cycle}", [], "form[action*='handler=Add']"))
        {
            Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        }

        var olivia = await S.ReviewOfAsync(app, cycle, "olivia.brown@demo.test");
        Assert.Equal(morgan, (await S.LoadAsync(app, olivia)).ManagerId);

        var noah = await S.ReviewOfAsync(app, cycle, "noah.okafor@demo.test");
        using (var move = await S.PostAsync(manager, noah, "form[action*='handler=Move']", []))
        {
            Assert.Equal(HttpStatusCode.Redirect, move.StatusCode);
        }

        Assert.Equal(priya, (await S.LoadAsync(app, noah)).ManagerId);
        var logged = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Action == "review.person-added" || a.Action == "review.moved").Select(a => a.Action).ToListAsync());
        Assert.Equal(["review.moved", "review.person-added"], logged.Order());
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_export_neutralises_formulas_and_gives_a_manager_only_their_people(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var open = await app.WithDbAsync(db => db.ReviewCycles.Where(c => c.ClosedAt == null).Select(c => c.Id).SingleAsync());
        await app.WithDbAsync(db => db.Reviews.Where(r => r.CycleId == open && r.Employee!.Email == "priya.nair@demo.test")
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.Summary, "=HYPERLINK(\"http://evil\",\"x\")")));

        using var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var all = await admin.GetAsync($"/Reviews/Cycles/{open}?handler=Csv");
        Assert.Equal("text/csv", all.Content.Headers.ContentType!.MediaType);
        var csv = await all.Content.ReadAsStringAsync();
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", csv, StringComparison.Ordinal);
        Assert.DoesNotContain(",=HYPERLINK", csv, StringComparison.Ordinal);
        Assert.Contains("Olivia Brown", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("Talk about a possible mentoring role", csv, StringComparison.Ordinal);

        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var own = await (await manager.GetAsync($"/Reviews/Cycles/{open}?handler=Csv")).Content.ReadAsStringAsync();
        Assert.Contains("Emma Lindqvist", own, StringComparison.Ordinal);
        Assert.DoesNotContain("Olivia Brown", own, StringComparison.Ordinal);

        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var refused = await employee.GetAsync($"/Reviews/Cycles/{open}?handler=Csv");
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        using var calibration = await employee.GetAsync($"/Reviews/Cycles/{open}/Calibration");
        Assert.Equal(HttpStatusCode.NotFound, calibration.StatusCode);
        Assert.Equal(2, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "review-cycle.exported")));
    }

    [Fact]
    public void Calibration_highlights_a_manager_whose_mean_sits_far_from_the_others()
    {
        var ratings = new List<CalibrationRating>();
        foreach (var (manager, person, rating) in new[] { (1, 10, 5), (1, 11, 5), (2, 20, 3), (2, 21, 3), (3, 30, 3), (3, 31, 4) })
        {
            ratings.Add(new CalibrationRating(manager, $"M{manager}", person, ServiceElements.Focus, rating));
        }

        var evidence = new Dictionary<(int, ServiceElements), int> { [(10, ServiceElements.Focus)] = 1, [(20, ServiceElements.Focus)] = 6, [(21, ServiceElements.Focus)] = 2 };
        var rows = ReviewEvidence.Calibrate([(1, "M1", [10, 11]), (2, "M2", [20, 21]), (3, "M3", [30, 31])], ratings, evidence);
        var focus = rows.ToDictionary(r => r.Manager, r => r.Elements.Single(e => e.Element == ServiceElements.Focus));
        Assert.True(focus["M1"].Outlier);
        Assert.Equal([0, 0, 0, 0, 2], focus["M1"].Distribution);
        Assert.Equal(0.5, focus["M1"].EvidencePerPerson);
        Assert.False(focus["M3"].Outlier);
        Assert.Equal(4.0, focus["M2"].EvidencePerPerson);
    }

    [Fact]
    public void Csv_cells_that_start_like_formulas_are_neutralised()
    {
        Assert.Equal("'=1+1", ServiceCulture.Reporting.Csv.Cell("=1+1"));
        Assert.Equal("'+44 20", ServiceCulture.Reporting.Csv.Cell("+44 20"));
        Assert.Equal("'-2", ServiceCulture.Reporting.Csv.Cell("-2"));
        Assert.Equal("'@SUM(A1)", ServiceCulture.Reporting.Csv.Cell("@SUM(A1)"));
        Assert.Equal("\"a, b\"", ServiceCulture.Reporting.Csv.Cell("a, b"));
        Assert.Equal("plain", ServiceCulture.Reporting.Csv.Cell("plain"));
    }
}
