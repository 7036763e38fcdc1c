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

/// <summary>The review state machine through the pages, on each engine, with time from the fake clock.</summary>
public sealed class ReviewStateTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_review_goes_from_not_started_to_self_assessed_draft_shared_and_acknowledged(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        Assert.Equal(ReviewState.NotStarted, (await S.LoadAsync(app, id)).State);
        var emmaId = await M.PersonAsync(app, DemoOrganisation.EmployeeEmail);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == emmaId && n.Key == $"review-opened:{id}")));

        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using (var self = await S.PostAsync(employee, id, "#self-form", S.Ratings("Self", 3)))
        {
            Assert.Equal(HttpStatusCode.Redirect, self.StatusCode);
        }

        Assert.Equal(ReviewState.SelfAssessed, (await S.LoadAsync(app, id)).State);

        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using (var draft = await S.PostAsync(manager, id, "#assess-form", S.AssessForm(summary: "Draft only the manager sees.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, draft.StatusCode);
        }

        Assert.Equal(ReviewState.Draft, (await S.LoadAsync(app, id)).State);
        var whileDraft = await employee.GetDocumentAsync($"/Reviews/{id}");
        Assert.DoesNotContain("Draft only the manager sees.", whileDraft.Body!.TextContent, StringComparison.Ordinal);
        Assert.Null(whileDraft.QuerySelector("#assess-form"));

        using (var shared = await S.PostAsync(manager, id, "#assess-form", S.AssessForm(summary: "Shared summary.", share: true)))
        {
            Assert.Equal(HttpStatusCode.Redirect, shared.StatusCode);
        }

        var review = await S.LoadAsync(app, id);
        Assert.Equal(ReviewState.Shared, review.State);
        Assert.Equal(app.Factory.Clock.GetUtcNow().UtcDateTime, review.SharedAt);
        var page = await employee.GetDocumentAsync($"/Reviews/{id}");
        Assert.Contains("Shared summary.", page.QuerySelector("[data-testid=summary]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Private: ready to mentor", page.Body!.TextContent, StringComparison.Ordinal);
        Assert.True(await app.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == emmaId && n.Kind == NotificationKind.ReviewShared && n.SubjectId == id)));

        app.Factory.Clock.Advance(TimeSpan.FromHours(3));
        using (var ack = await S.PostAsync(employee, id, "form[action*='handler=Acknowledge']", new() { ["Ack.Comment"] = "Thanks, agreed on the focus." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        }

        review = await S.LoadAsync(app, id);
        Assert.Equal(ReviewState.Acknowledged, review.State);
        Assert.Equal("Thanks, agreed on the focus.", review.EmployeeComment);
        Assert.Equal(app.Factory.Clock.GetUtcNow().UtcDateTime, review.AcknowledgedAt);
        var actions = await app.WithDbAsync(db => db.AuditEntries.Where(a => a.Subject == nameof(Review) && a.SubjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Select(a => a.Action).ToListAsync());
        Assert.Contains("review.self-assessed", actions);
        Assert.Contains("review.saved", actions);
        Assert.Contains("review.shared", actions);
        Assert.Contains("review.acknowledged", actions);
        Assert.Contains("review.viewed", actions);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Acknowledging_a_first_review_earns_the_badge_once(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, "noah.okafor@demo.test");
        var noah = await M.PersonAsync(app, "noah.okafor@demo.test");
        // Noah acknowledged his spring review in the demo; start him without the badge to see it earned now.
        await app.WithDbAsync(db => db.BadgeAwards.Where(b => b.EmployeeId == noah && b.Code == "first-review").ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.Notifications.Where(n => n.EmployeeId == noah && n.Key == "badge:first-review").ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientId == noah && m.Key.EndsWith("badge:first-review")).ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.Reviews.Where(r => r.EmployeeId == noah && r.CycleId != cycle).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReviewState.Shared)));
        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        (await S.PostAsync(manager, id, "#assess-form", S.AssessForm(share: true))).Dispose();
        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync("noah.okafor@demo.test");
        using var ack = await S.PostAsync(employee, id, "form[action*='handler=Acknowledge']", []);
        Assert.Equal(HttpStatusCode.Redirect, ack.StatusCode);
        Assert.Equal(1, await app.WithDbAsync(db => db.BadgeAwards.CountAsync(b => b.EmployeeId == noah && b.Code == "first-review")));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Actions_the_state_forbids_are_refused_and_a_reopen_is_logged(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);

        // Acknowledging before it is shared: the form is not offered, and a forged post is refused.
        var review = await S.LoadAsync(app, id);
        using (var early = await employee.PostAsync($"/Reviews/{id}?handler=Acknowledge", await TokenAsync(employee, id, ("Ack.Version", review.Version.ToString(System.Globalization.CultureInfo.InvariantCulture)))))
        {
            Assert.Equal(HttpStatusCode.Forbidden, early.StatusCode);
            Assert.Contains("once it has been shared", await early.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // The employee cannot write the manager's assessment.
        using (var forged = await employee.PostAsync($"/Reviews/{id}?handler=Assess", await TokenAsync(employee, id, [.. S.AssessForm().Select(kv => (kv.Key, kv.Value)), ("Assess.Version", "0")])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, forged.StatusCode);
        }

        (await S.PostAsync(manager, id, "#assess-form", S.AssessForm(share: true))).Dispose();
        Assert.Equal(ReviewState.Shared, (await S.LoadAsync(app, id)).State);

        // Shared reviews are read-only for the manager; the self-assessment is closed too.
        var sharedPage = await manager.GetDocumentAsync($"/Reviews/{id}");
        Assert.Null(sharedPage.QuerySelector("#assess-form"));
        review = await S.LoadAsync(app, id);
        using (var late = await manager.PostAsync($"/Reviews/{id}?handler=Assess", await TokenAsync(manager, id, [.. S.AssessForm(summary: "Changed after sharing").Select(kv => (kv.Key, kv.Value)), ("Assess.Version", review.Version.ToString(System.Globalization.CultureInfo.InvariantCulture))])))
        {
            Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        }

        Assert.NotEqual("Changed after sharing", (await S.LoadAsync(app, id)).Summary);

        using (var noReason = await S.PostAsync(manager, id, "form[action*='handler=Reopen']", new() { ["Reopen.Reason"] = "" }))
        {
            Assert.Equal(HttpStatusCode.BadRequest, noReason.StatusCode);
            Assert.Contains("Say why the review is reopened", await noReason.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        using (var reopen = await S.PostAsync(manager, id, "form[action*='handler=Reopen']", new() { ["Reopen.Reason"] = "The focus actions need a date." }))
        {
            Assert.Equal(HttpStatusCode.Redirect, reopen.StatusCode);
        }

        Assert.Equal(ReviewState.Draft, (await S.LoadAsync(app, id)).State);
        Assert.True(await app.WithDbAsync(db => db.AuditEntries.AnyAsync(a => a.Action == "review.reopened" && a.Detail == "The focus actions need a date.")));
        Assert.NotNull((await manager.GetDocumentAsync($"/Reviews/{id}")).QuerySelector("#assess-form"));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_self_assessment_closes_after_its_deadline(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        using var employee = app.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var page = await employee.GetDocumentAsync($"/Reviews/{id}");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#self-form")!;

        app.Factory.Clock.Advance(TimeSpan.FromDays(9));
        // The sign-in cookie has expired by then; the same person signs in again.
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var late = await employee.PostFormAsync(form, $"/Reviews/{id}", S.Ratings("Self", 4));
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Contains("The self-assessment closed on", await late.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(ReviewState.NotStarted, (await S.LoadAsync(app, id)).State);
        Assert.Empty((await S.LoadAsync(app, id)).Ratings);
    }

    /// <summary>Form values with a valid antiforgery token taken from the review page.</summary>
    internal static async Task<List<KeyValuePair<string, string>>> TokenAsync(PortalClient client, long id, params (string Key, string Value)[] fields)
    {
        var page = await client.GetDocumentAsync($"/Reviews/{id}");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        return [new("__RequestVerificationToken", token), .. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))];
    }
}
