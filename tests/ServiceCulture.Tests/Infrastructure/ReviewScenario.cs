using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Reviews;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>Helpers for review tests: a fresh cycle for Customer Care on the host's clock, and the review forms.</summary>
public static class ReviewScenario
{
    public static DateOnly Today(IPortalHost app) => DateOnly.FromDateTime(app.Factory.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);

    /// <summary>Opens a cycle for Customer Care through the form, as its manager, and returns its id.</summary>
    public static async Task<int> OpenCycleAsync(IPortalHost app, string name = "Winter check-in")
    {
        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var today = Today(app);
        var team = await app.WithDbAsync(db => db.Teams.Where(t => t.Name == "Customer Care").Select(t => t.Id).SingleAsync());
        using var response = await manager.SubmitFormAsync("/Reviews/Cycles/New", new Dictionary<string, string>
        {
            ["Form.Name"] = name,
            ["Form.PeriodStart"] = Date(today.AddDays(-70)),
            ["Form.PeriodEnd"] = Date(today),
            ["Form.SelfAssessmentDue"] = Date(today.AddDays(7)),
            ["Form.ReviewDue"] = Date(today.AddDays(14)),
            ["Form.TeamIds"] = team.ToString(CultureInfo.InvariantCulture),
        }, "#cycle-form");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Opening a cycle answered {(int)response.StatusCode}: {PortalClient.Shorten(body)}");
        return await app.WithDbAsync(db => db.ReviewCycles.Where(c => c.Name == name).Select(c => c.Id).SingleAsync());
    }

    public static Task<long> ReviewOfAsync(IPortalHost app, int cycleId, string email) =>
        app.WithDbAsync(db => db.Reviews.Where(r => r.CycleId == cycleId && r.Employee!.Email == email).Select(r => r.Id).SingleAsync());

    public static Task<Review> LoadAsync(IPortalHost app, long id) =>
        app.WithDbAsync(db => db.Reviews.AsNoTracking().Include(r => r.Ratings).Include(r => r.FeedbackRequests).SingleAsync(r => r.Id == id));

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The manager's form with every element rated, a focus with an action, and a summary.</summary>
    public static Dictionary<string, string> AssessForm(int rating = 4, string summary = "A strong period, grounded in the moments.", bool share = false)
    {
        var form = Ratings("Assess", rating);
        form["Assess.Strengths"] = "Calls back before customers chase.";
        form["Assess.FocusElement"] = nameof(ServiceElements.Measured);
        form["Assess.Actions[0]"] = "Ask one internal customer a month how it went.";
        form["Assess.Summary"] = summary;
        form["Assess.ManagerNotes"] = "Private: ready to mentor a newcomer.";
        form["share"] = share ? "true" : "false";
        return form;
    }

    public static Dictionary<string, string> Ratings(string prefix, int rating)
    {
        var form = new Dictionary<string, string>();
        for (var i = 0; i < ServiceElementCatalog.All.Count; i++)
        {
            form[$"{prefix}.Ratings[{i}].Rating"] = rating.ToString(CultureInfo.InvariantCulture);
            form[$"{prefix}.Ratings[{i}].Comment"] = $"Seen in the period ({i}).";
        }

        return form;
    }

    /// <summary>Posts one of the forms of a review page, as it was when the page was opened.</summary>
    public static async Task<HttpResponseMessage> PostAsync(PortalClient client, long reviewId, string formSelector, Dictionary<string, string> fields) =>
        await client.SubmitFormAsync($"/Reviews/{reviewId}", fields, formSelector);
}
