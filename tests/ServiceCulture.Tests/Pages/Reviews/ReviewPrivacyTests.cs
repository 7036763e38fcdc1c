using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using S = ServiceCulture.Tests.Infrastructure.ReviewScenario;

namespace ServiceCulture.Tests.Pages.Reviews;

/// <summary>
/// Who opens a review, on each engine: the employee, their manager, the manager's manager and
/// admins; a teammate, another manager and a feedback giver get 404 (the giver opens only their
/// answer form). Every view is audited; private notes never reach the employee.
/// </summary>
public sealed class ReviewPrivacyTests(EnginesFixture engines) : EngineTest(engines)
{
    private const string ManagersManager = "hannah.schmidt@demo.test";
    private const string Giver = "zoe.campbell@demo.test";

    public static TheoryData<DatabaseProvider, string, HttpStatusCode, HttpStatusCode> Matrix()
    {
        var data = new TheoryData<DatabaseProvider, string, HttpStatusCode, HttpStatusCode>();
        foreach (var engine in new[] { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql })
        {
            data.Add(engine, DemoOrganisation.EmployeeEmail, HttpStatusCode.OK, HttpStatusCode.NotFound);
            data.Add(engine, "noah.okafor@demo.test", HttpStatusCode.NotFound, HttpStatusCode.NotFound);
            data.Add(engine, DemoOrganisation.ManagerEmail, HttpStatusCode.OK, HttpStatusCode.NotFound);
            data.Add(engine, "daniel.kim@demo.test", HttpStatusCode.NotFound, HttpStatusCode.NotFound);
            data.Add(engine, ManagersManager, HttpStatusCode.OK, HttpStatusCode.NotFound);
            data.Add(engine, DemoOrganisation.AdminEmail, HttpStatusCode.OK, HttpStatusCode.NotFound);
            data.Add(engine, Giver, HttpStatusCode.NotFound, HttpStatusCode.OK);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Only_the_employee_their_managers_and_admins_open_a_review_and_givers_only_their_form(DatabaseProvider engine, string email, HttpStatusCode review, HttpStatusCode form)
    {
        var app = await Engines.HostAsync(engine);
        // Morgan reports to Hannah here, so the manager's manager is not also an admin.
        var hannah = await M.PersonAsync(app, ManagersManager);
        await app.WithDbAsync(db => db.Users.Where(u => u.Email == DemoOrganisation.ManagerEmail).ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, hannah)));
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        using (var manager = app.CreateClient())
        {
            await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
            (await S.PostAsync(manager, id, "#assess-form", S.AssessForm())).Dispose();
            var zoe = await M.PersonAsync(app, Giver);
            using var ask = await S.PostAsync(manager, id, "#ask-form", new() { ["Ask.GiverIds"] = zoe.ToString(CultureInfo.InvariantCulture), ["Ask.DueOn"] = S.Date(S.Today(app).AddDays(5)) });
            Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        }

        var request = await app.WithDbAsync(db => db.FeedbackRequests.Where(f => f.ReviewId == id).Select(f => f.Id).SingleAsync());
        var person = await M.PersonAsync(app, email);
        var before = await app.WithDbAsync(db => db.AuditEntries.MaxAsync(a => (long?)a.Id)) ?? 0;
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(email);

        using (var page = await client.GetAsync($"/Reviews/{id}"))
        {
            Assert.Equal(review, page.StatusCode);
            var body = await page.Content.ReadAsStringAsync();
            if (review == HttpStatusCode.OK)
            {
                // The draft and its private notes are the managers' and admins' only.
                Assert.Equal(email != DemoOrganisation.EmployeeEmail, body.Contains("Private: ready to mentor", StringComparison.Ordinal));
            }
        }

        using (var print = await client.GetAsync($"/Reviews/{id}?handler=Print"))
        {
            Assert.Equal(review, print.StatusCode);
        }

        using (var answer = await client.GetAsync($"/Reviews/Feedback/{request}"))
        {
            Assert.Equal(form, answer.StatusCode);
        }

        var audited = await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Id > before && a.ActorId == person && a.SubjectId == id.ToString(CultureInfo.InvariantCulture)
            && (a.Action == "review.viewed" || a.Action == "review.printed" || a.Action == "review.feedback-form-viewed")));
        Assert.Equal((review == HttpStatusCode.OK ? 2 : 0) + (form == HttpStatusCode.OK ? 1 : 0), audited);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_forged_or_unknown_review_id_answers_404_and_nothing_is_saved(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        using var other = app.CreateClient();
        await other.SignInOrFailAsync("daniel.kim@demo.test");
        var token = (await other.GetDocumentAsync("/Reviews")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = await other.PostAsync($"/Reviews/{id}?handler=Assess", [new("__RequestVerificationToken", token), .. S.AssessForm()]);
        Assert.Equal(HttpStatusCode.NotFound, forged.StatusCode);
        using var unknown = await other.GetAsync("/Reviews/987654");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var nonsense = await other.GetAsync("/Reviews/Cycles/987654");
        Assert.Equal(HttpStatusCode.NotFound, nonsense.StatusCode);
        Assert.Empty((await S.LoadAsync(app, id)).Ratings);
    }
}
