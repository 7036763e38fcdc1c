using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages.Learn;

public sealed class ElementsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Each_element_is_explained_with_its_latest_public_moments()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var teamOnly = M.ValidForm("Team-only focus story", visibility: "MyTeam");
        await M.LogAsync(client, teamOnly);
        var publicForm = M.ValidForm("Public focus story");
        var publicId = await M.LogAsync(client, publicForm);

        var page = await client.GetDocumentAsync("/Learn/Elements");
        var sections = page.QuerySelectorAll("[data-testid=element-section]");
        Assert.Equal(6, sections.Length);
        foreach (var element in ServiceElementCatalog.All)
        {
            var section = page.QuerySelector($"#{element.Slug}")!;
            Assert.Contains(element.Meaning, section.TextContent, StringComparison.Ordinal);
        }

        var focus = page.QuerySelector("#focus")!;
        Assert.Equal($"/Moments/{publicId}", focus.QuerySelector("li a[href^='/Moments/']")!.GetAttribute("href"));
        Assert.DoesNotContain("Team-only focus story", page.Body!.TextContent, StringComparison.Ordinal);
    }
}
