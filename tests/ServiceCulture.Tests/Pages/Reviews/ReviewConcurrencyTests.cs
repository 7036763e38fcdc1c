using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.People;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Reviews;
using ServiceCulture.Rules;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using S = ServiceCulture.Tests.Infrastructure.ReviewScenario;

namespace ServiceCulture.Tests.Pages.Reviews;

/// <summary>Two people saving the same review: the second sees what changed, and nothing is overwritten silently.</summary>
public sealed class ReviewConcurrencyTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_second_save_from_an_older_form_is_refused_with_what_changed(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        using var first = app.CreateClient();
        await first.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using var second = app.CreateClient();
        await second.SignInOrFailAsync(DemoOrganisation.ManagerEmail);

        // Both open the form at the same version.
        var formA = (AngleSharp.Html.Dom.IHtmlFormElement)(await first.GetDocumentAsync($"/Reviews/{id}")).QuerySelector("#assess-form")!;
        var formB = (AngleSharp.Html.Dom.IHtmlFormElement)(await second.GetDocumentAsync($"/Reviews/{id}")).QuerySelector("#assess-form")!;

        using (var saved = await first.PostFormAsync(formA, $"/Reviews/{id}", S.AssessForm(rating: 4, summary: "First summary.")))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using var conflict = await second.PostFormAsync(formB, $"/Reviews/{id}", S.AssessForm(rating: 2, summary: "Second summary."));
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        var page = PortalClient.Parse(await conflict.Content.ReadAsStringAsync());
        var message = page.QuerySelector("[data-testid=conflict]")!.TextContent;
        Assert.Contains("Morgan Reyes saved this review", message, StringComparison.Ordinal);
        Assert.Contains("Summary", message, StringComparison.Ordinal);
        Assert.Contains("Focus rating or comment (saved: 4)", message, StringComparison.Ordinal);
        // The second person's entries stay in the form, so nothing they typed is lost.
        Assert.Equal("Second summary.", page.QuerySelector("textarea[name='Assess.Summary']")!.TextContent);

        var review = await S.LoadAsync(app, id);
        Assert.Equal("First summary.", review.Summary);
        Assert.All(review.Ratings.Where(r => r.Source == RatingSource.Manager), r => Assert.Equal(4, r.Rating));

        // Saving again from the refreshed form is a deliberate choice, and goes through.
        var refreshed = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#assess-form")!;
        using var again = await second.PostFormAsync(refreshed, $"/Reviews/{id}", S.AssessForm(rating: 2, summary: "Second summary."));
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Equal("Second summary.", (await S.LoadAsync(app, id)).Summary);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Two_saves_racing_from_the_same_version_write_once_on_the_database(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var cycle = await S.OpenCycleAsync(app);
        var id = await S.ReviewOfAsync(app, cycle, DemoOrganisation.EmployeeEmail);
        var morgan = await M.PersonAsync(app, DemoOrganisation.ManagerEmail);
        var viewer = new Actor(morgan, null, IsAdmin: false);
        await using var scopeA = app.Scope();
        await using var scopeB = app.Scope();
        var rulesA = scopeA.ServiceProvider.GetRequiredService<ReviewRules>();
        var rulesB = scopeB.ServiceProvider.GetRequiredService<ReviewRules>();
        var a = (await rulesA.OpenAsync(id, viewer, default))!.Value;
        var b = (await rulesB.OpenAsync(id, viewer, default))!.Value;
        Assert.Equal(a.Review.Version, b.Review.Version);

        AssessmentDraft Draft(int rating, string summary) => new()
        {
            Ratings = [.. ServiceElementCatalog.All.Select(e => new ElementRatingDraft(e.Element, rating, null))],
            Summary = summary,
        };

        var one = await rulesA.AssessAsync(a.Review, a.Role, Draft(5, "From A"), share: false, a.Review.Version, viewer, default);
        // B passed its own version check; the database's version column refuses its update.
        var two = await rulesB.AssessAsync(b.Review, b.Role, Draft(1, "From B"), share: false, b.Review.Version, viewer, default);
        Assert.True(one.Succeeded);
        Assert.False(two.Succeeded);
        Assert.Equal(RefusalKind.Conflict, two.Refusals.Single().Kind);

        var saved = await S.LoadAsync(app, id);
        Assert.Equal("From A", saved.Summary);
        Assert.All(saved.Ratings, r => Assert.Equal(5, r.Rating));
        Assert.Equal(1, saved.Version);
    }
}
