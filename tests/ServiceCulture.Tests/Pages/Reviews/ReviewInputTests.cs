using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Notifications;
using ServiceCulture.Reviews;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using S = ServiceCulture.Tests.Infrastructure.ReviewScenario;

namespace ServiceCulture.Tests.Pages.Reviews;

/// <summary>Bad input on reviews and feedback: a message next to the field or a 404, and nothing saved.</summary>
public sealed class ReviewInputTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Ratings_outside_one_to_five_and_long_comments_are_refused_next_to_the_field(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);

        var form = S.AssessForm();
        form["Assess.Ratings[0].Rating"] = "7";
        form["Assess.Ratings[1].Comment"] = new string('x', 2001);
        form["Assess.Summary"] = new string('y', 2001);
        using var response = await S.PostAsync(manager, id, "#assess-form", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Rate Focus from 1 to 5.", page.QuerySelector("[data-valmsg-for='Assess.Ratings[0].Rating']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2,000 characters", page.QuerySelector("[data-valmsg-for='Assess.Ratings[1].Comment']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("2,000 characters", page.QuerySelector("[data-valmsg-for='Assess.Summary']")!.TextContent, StringComparison.Ordinal);

        form = S.AssessForm();
        form["Assess.Ratings[2].Rating"] = "not a number";
        using var typed = await S.PostAsync(manager, id, "#assess-form", form);
        Assert.Equal(HttpStatusCode.BadRequest, typed.StatusCode);

        var review = await S.LoadAsync(app, id);
        Assert.Empty(review.Ratings);
        Assert.Null(review.Summary);
        Assert.Equal(ReviewState.NotStarted, review.State);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Feedback_is_answered_once_before_its_date_and_shown_to_the_employee_only_in_aggregate_from_three(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        string[] givers = ["zoe.campbell@demo.test", "daniel.kim@demo.test", "jonas.weber@demo.test", "arjun.mehta@demo.test", "ben.cohen@demo.test", "laura.costa@demo.test"];
        var ids = new List<int>();
        foreach (var email in givers)
        {
            ids.Add(await M.PersonAsync(app, email));
        }

        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var due = S.Date(S.Today(app).AddDays(3));
        var six = ids.Select(i => new KeyValuePair<string, string>("Ask.GiverIds", i.ToString(CultureInfo.InvariantCulture))).Append(new("Ask.DueOn", due)).ToList();
        var page = await employee.GetDocumentAsync($"/Reviews/{id}");
        using (var tooMany = await employee.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#ask-form")!, $"/Reviews/{id}", six))
        {
            Assert.Equal(HttpStatusCode.BadRequest, tooMany.StatusCode);
            Assert.Contains("Ask up to 5 colleagues", await tooMany.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var ask = await employee.PostFormAsync((AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#ask-form")!, $"/Reviews/{id}", six.Skip(1).ToList()))
        {
            Assert.Equal(HttpStatusCode.Redirect, ask.StatusCode);
        }

        var requests = await app.WithDbAsync(db => db.FeedbackRequests.Where(f => f.ReviewId == id).OrderBy(f => f.Id).Select(f => new { f.Id, f.GiverId }).ToListAsync());
        Assert.Equal(5, requests.Count);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == ids[1] && n.Kind == NotificationKind.FeedbackRequested && n.SubjectId == requests[0].Id)));

        async Task<HttpResponseMessage> AnswerAsync(string email, long request, int rating)
        {
            using var giver = app.CreateClient();
            await giver.SignInOrFailAsync(email);
            return await giver.SubmitFormAsync($"/Reviews/Feedback/{request}", S.Ratings("Form", rating), "#feedback-form");
        }

        using (var bad = await AnswerAsync(givers[1], requests[0].Id, 0))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            Assert.Contains("Rate Focus from 1 to 5.", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        (await AnswerAsync(givers[1], requests[0].Id, 4)).Dispose();
        (await AnswerAsync(givers[2], requests[1].Id, 5)).Dispose();

        // Twice: the form is gone, and a replayed post is refused.
        using (var giver = app.CreateClient())
        {
            await giver.SignInOrFailAsync(givers[1]);
            var answered = await giver.GetDocumentAsync($"/Reviews/Feedback/{requests[0].Id}");
            Assert.NotNull(answered.QuerySelector("[data-testid=answered]"));
            var token = answered.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            using var replay = await giver.PostAsync($"/Reviews/Feedback/{requests[0].Id}", [new("__RequestVerificationToken", token), .. S.Ratings("Form", 1)]);
            Assert.Equal(HttpStatusCode.Conflict, replay.StatusCode);
            Assert.Contains("already answered", await replay.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Two answers: the employee sees counts, not averages or names.
        var view = await employee.GetDocumentAsync($"/Reviews/{id}");
        Assert.Null(view.QuerySelector("[data-testid=feedback-aggregate]"));
        Assert.Empty(view.QuerySelectorAll("[data-testid=feedback-request]"));
        (await AnswerAsync(givers[3], requests[2].Id, 3)).Dispose();
        view = await employee.GetDocumentAsync($"/Reviews/{id}");
        Assert.Contains("4.0", view.QuerySelector("[data-testid=feedback-aggregate]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Daniel Kim", view.QuerySelector("[data-testid=feedback]")!.TextContent, StringComparison.Ordinal);
        using (var manager = app.CreateClient())
        {
            await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
            var managerView = await manager.GetDocumentAsync($"/Reviews/{id}");
            Assert.Contains("Daniel Kim", managerView.QuerySelector("[data-testid=feedback]")!.TextContent, StringComparison.Ordinal);
        }

        // Late: after the date, in the giver's own time zone, answers are no longer taken.
        using var lateGiver = app.CreateClient();
        await lateGiver.SignInOrFailAsync(givers[4]);
        var lateForm = (AngleSharp.Html.Dom.IHtmlFormElement)(await lateGiver.GetDocumentAsync($"/Reviews/Feedback/{requests[3].Id}")).QuerySelector("#feedback-form")!;
        app.Factory.Clock.Advance(TimeSpan.FromDays(5));
        await lateGiver.SignInOrFailAsync(givers[4]);
        using (var late = await lateGiver.PostFormAsync(lateForm, $"/Reviews/Feedback/{requests[3].Id}", S.Ratings("Form", 4)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
            Assert.Contains("Answers were taken until", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(3, await app.WithDbAsync(db => db.FeedbackRequests.CountAsync(f => f.ReviewId == id && f.AnsweredAt != null)));
    }
}
