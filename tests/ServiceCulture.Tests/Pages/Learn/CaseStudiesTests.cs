using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages.Learn;

public sealed class CaseStudiesTests(AppFixture app) : AppTest(app)
{
    private async Task<long> RecoveredAsync(PortalClient emma)
    {
        var form = M.ValidForm("Emma Lindqvist forgot Noah Okafor's handover", kind: "Misery", visibility: "MyTeam");
        form["Form.Story"] = "Noah asked Emma for the handover notes and Emma Lindqvist sent them two days late. Contoso Ltd noticed.";
        form["Form.ExternalCustomer"] = "Contoso Ltd";
        var miseryId = await M.LogAsync(emma, form);
        var recovery = M.RecoveryForm("Emma fixed the handover for Contoso Ltd");
        recovery["Form.Story"] = "Emma called Contoso Ltd and Noah Okafor and agreed a new handover slot. Mail emma.lindqvist@demo.test? No: employee@demo.test.";
        recovery["Form.CustomerType"] = "External";
        recovery["Form.ExternalCustomer"] = "Contoso Ltd";
        using var response = await emma.SubmitFormAsync($"/Moments/{miseryId}/Recover", recovery, "#recovery-form");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return (await M.LoadAsync(App, miseryId)).RecoveryId!.Value;
    }

    [Fact]
    public async Task A_recovery_is_shared_anonymised_listed_and_discussed()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var recoveryId = await RecoveredAsync(emma);

        var draft = await emma.GetDocumentAsync($"/Moments/{recoveryId}/Share");
        var texts = string.Join(" ", draft.QuerySelectorAll("#case-study-form input[name='Form.Title'], #case-study-form textarea").Select(e => e is AngleSharp.Html.Dom.IHtmlInputElement i ? i.Value : e.TextContent));
        foreach (var name in new[] { "Emma", "Lindqvist", "Noah", "Okafor", "Contoso", "employee@demo.test" })
        {
            Assert.DoesNotContain(name, texts, StringComparison.OrdinalIgnoreCase);
        }

        Assert.Contains("a colleague", texts, StringComparison.Ordinal);
        Assert.Contains("the customer", texts, StringComparison.Ordinal);
        Assert.Contains("Solve first, blame later", texts, StringComparison.Ordinal);

        using var published = await emma.SubmitFormAsync($"/Moments/{recoveryId}/Share", [], "#case-study-form");
        Assert.Equal(HttpStatusCode.Redirect, published.StatusCode);
        var studyPath = published.Headers.Location!.OriginalString;
        Assert.StartsWith("/Learn/CaseStudies/", studyPath, StringComparison.Ordinal);

        using var daniel = App.CreateClient();
        await daniel.SignInOrFailAsync("daniel.kim@demo.test");
        var list = await daniel.GetDocumentAsync("/Learn/CaseStudies");
        Assert.Contains(list.QuerySelectorAll("[data-testid=case-study-card] a"), a => a.GetAttribute("href") == studyPath);
        using var comment = await daniel.SubmitFormAsync(studyPath, new Dictionary<string, string> { ["CommentBody"] = "I would have called on day one." });
        Assert.Equal(HttpStatusCode.Redirect, comment.StatusCode);
        var study = await daniel.GetDocumentAsync(studyPath);
        Assert.Contains("I would have called on day one.", study.QuerySelector("#discussion")!.TextContent, StringComparison.Ordinal);

        using var again = await emma.GetAsync($"/Moments/{recoveryId}/Share");
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(1, await App.WithDbAsync(db => db.CaseStudies.CountAsync(c => c.RecoveryMomentId == recoveryId)));
    }

    [Fact]
    public async Task Only_the_author_or_their_manager_may_share_and_only_recoveries()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var recoveryId = await RecoveredAsync(emma);
        var magicId = await M.LogAsync(emma, M.ValidForm());

        using var noah = App.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        using var teammate = await noah.GetAsync($"/Moments/{recoveryId}/Share");
        Assert.Equal(HttpStatusCode.Forbidden, teammate.StatusCode);

        using var notRecovery = await emma.GetAsync($"/Moments/{magicId}/Share");
        Assert.Equal(HttpStatusCode.NotFound, notRecovery.StatusCode);

        using var manager = App.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using var allowed = await manager.GetAsync($"/Moments/{recoveryId}/Share");
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Empty_case_study_text_is_refused()
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var recoveryId = await RecoveredAsync(emma);
        using var response = await emma.SubmitFormAsync($"/Moments/{recoveryId}/Share", new Dictionary<string, string> { ["Form.HowItWasRecovered"] = "" }, "#case-study-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("Say how it was recovered.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(await App.WithDbAsync(db => db.CaseStudies.AnyAsync(c => c.RecoveryMomentId == recoveryId)));
    }

    [Fact]
    public void The_anonymiser_replaces_full_names_before_first_names_and_respects_word_boundaries()
    {
        var anonymiser = new Anonymiser(["Emma Lindqvist"], ["Emma Lindqvist"], ["Contoso"], ["Sales"], ["employee@demo.test"]);
        Assert.Equal("a colleague met a colleague at the customer; the emmaline account and another team stayed.", anonymiser.Apply("Emma Lindqvist met Emma at Contoso; the emmaline account and Sales stayed."));
    }
}
