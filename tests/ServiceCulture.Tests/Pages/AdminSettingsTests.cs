using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages;

public sealed class AdminSettingsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Admins_change_the_monthly_allowance_and_givers_see_it_at_once()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var saved = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["Values[MonthlyAllowance]"] = "250" }, "#settings-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);

        using var giver = App.CreateClient();
        await giver.SignInOrFailAsync("hugo.laurent@demo.test");
        var page = await giver.GetDocumentAsync("/Recognition/Give");
        Assert.Contains("of 250 points left", page.QuerySelector("[data-testid=allowance]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_are_refused_next_to_the_field()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var response = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["Values[MomentPoints]"] = "-3", ["Values[MonthlyAllowance]"] = "lots" }, "#settings-form");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("whole number from 0", page.QuerySelector("[data-valmsg-for='Values[MomentPoints]']")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("whole number from 0", page.QuerySelector("[data-valmsg-for='Values[MonthlyAllowance]']")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Employees_cannot_open_the_settings()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        using var response = await client.GetAsync("/Admin/Settings");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
