using System.Net;
using System.Text.Json;
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
        foreach (var part in new[] { "preferences", "moments", "recognitionsGiven", "recognitionsReceived", "points", "notifications" })
        {
            Assert.True(root.TryGetProperty(part, out _), part);
        }

        Assert.True(root.GetProperty("moments").GetArrayLength() > 0);
        Assert.DoesNotContain("manager@demo.test", root.GetProperty("profile").ToString(), StringComparison.Ordinal);
    }
}
