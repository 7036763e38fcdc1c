using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.People;

public sealed class MyDataTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Each_person_downloads_their_own_data_as_json_and_only_their_own(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var emma = app.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var id = await AdminPages.IdOfAsync(app, DemoOrganisation.EmployeeEmail);
        var profile = await emma.GetDocumentAsync($"/People/{id}");
        Assert.Equal("/People/MyData", profile.QuerySelector("[data-testid=my-data]")!.GetAttribute("href"));

        using var response = await emma.GetAsync("/People/MyData");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition!.DispositionType, StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(DemoOrganisation.EmployeeEmail, root.GetProperty("profile").GetProperty("email").GetString());
        foreach (var part in new[] { "preferences", "moments", "recognitionsGiven", "recognitionsReceived", "points", "notifications", "reviews" })
        {
            Assert.True(root.TryGetProperty(part, out _), part);
        }

        Assert.True(root.GetProperty("moments").GetArrayLength() > 0);
        Assert.DoesNotContain("manager@demo.test", root.GetProperty("profile").ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Each_recognition_given_in_the_export_names_its_recipients(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        // The demo's most generous giver, with the names on each recognition as the recognition holds them.
        var (giver, expected) = await app.WithDbAsync(async db =>
        {
            var recognitions = await db.Recognitions.AsNoTracking().Include(r => r.Giver).Include(r => r.Recipients).ThenInclude(x => x.Recipient)
                .Where(r => r.DeletedAt == null).ToListAsync();
            var most = recognitions.GroupBy(r => r.Giver!.Email!).OrderByDescending(g => g.Count()).First();
            return (most.Key, most.OrderBy(r => r.Id).Select(r => string.Join("|", r.Recipients.OrderBy(x => x.RecipientId).Select(x => x.Recipient!.DisplayName))).ToList());
        });
        Assert.Contains(expected, names => names.Contains('|', StringComparison.Ordinal));

        var export = await ExportAsync(app, giver);
        Assert.Equal(expected, export.GetProperty("recognitionsGiven").EnumerateArray()
            .Select(r => string.Join("|", r.GetProperty("to").EnumerateArray().Select(n => n.GetString()))).ToList());
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_export_holds_the_reviews_the_person_may_see_as_subject_reviewer_and_feedback_giver_and_nothing_more(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var emma = await AdminPages.IdOfAsync(app, DemoOrganisation.EmployeeEmail);
        var review = await app.WithDbAsync(db => db.Reviews.Where(r => r.EmployeeId == emma && r.Cycle!.ClosedAt == null).Select(r => r.Id).SingleAsync());
        await app.WithDbAsync(db => db.Reviews.Where(r => r.Id == review).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.ManagerNotes, "private-note-for-the-manager")
            .SetProperty(r => r.Summary, "draft-summary-not-shared-yet")
            .SetProperty(r => r.State, ServiceCulture.Reviews.ReviewState.Draft)));
        var giver = await AdminPages.IdOfAsync(app, "noah.okafor@demo.test");
        await app.WithDbAsync(async db =>
        {
            db.FeedbackRequests.Add(new ServiceCulture.Reviews.FeedbackRequest
            {
                ReviewId = review, GiverId = giver, RequestedById = emma, RequestedAt = app.Factory.Clock.UtcNow, DueOn = DateOnly.FromDateTime(app.Factory.Clock.UtcNow).AddDays(7), AnsweredAt = app.Factory.Clock.UtcNow,
                Answers = [new() { Element = ServiceCulture.Moments.ServiceElements.Focus, Rating = 4, Comment = "answer-by-noah" }],
            });
            await db.SaveChangesAsync();
        });

        var mine = await ExportAsync(app, DemoOrganisation.EmployeeEmail);
        var asSubject = mine.GetProperty("reviews").GetProperty("asSubject");
        Assert.Equal(await app.WithDbAsync(db => db.Reviews.CountAsync(r => r.EmployeeId == emma)), asSubject.GetArrayLength());
        var text = mine.GetProperty("reviews").ToString();
        Assert.DoesNotContain("private-note-for-the-manager", text, StringComparison.Ordinal);
        Assert.DoesNotContain("draft-summary-not-shared-yet", text, StringComparison.Ordinal);
        Assert.DoesNotContain("answer-by-noah", text, StringComparison.Ordinal);
        Assert.Contains("The invoice recovery taught me", text, StringComparison.Ordinal);

        var manager = await ExportAsync(app, DemoOrganisation.ManagerEmail);
        var written = manager.GetProperty("reviews").GetProperty("asReviewer").EnumerateArray().Single(r => r.GetProperty("id").GetInt64() == review);
        Assert.Equal("Emma Lindqvist", written.GetProperty("employee").GetString());
        Assert.Equal("private-note-for-the-manager", written.GetProperty("managerNotes").GetString());

        var noah = await ExportAsync(app, "noah.okafor@demo.test");
        var given = Assert.Single(noah.GetProperty("reviews").GetProperty("feedbackGiven").EnumerateArray(), f => f.GetProperty("about").GetString() == "Emma Lindqvist");
        Assert.Equal("answer-by-noah", given.GetProperty("answers")[0].GetProperty("comment").GetString());
        Assert.DoesNotContain("private-note-for-the-manager", noah.ToString(), StringComparison.Ordinal);

        var admin = await ExportAsync(app, DemoOrganisation.AdminEmail);
        Assert.DoesNotContain("Emma Lindqvist", admin.GetProperty("reviews").ToString(), StringComparison.Ordinal);
    }

    private static async Task<JsonElement> ExportAsync(IPortalHost app, string email)
    {
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(email);
        using var response = await client.GetAsync("/People/MyData");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.Clone();
    }
}
