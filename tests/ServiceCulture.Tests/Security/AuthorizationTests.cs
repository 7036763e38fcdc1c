using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Security;

public sealed class AuthorizationTests(AppFixture app) : AppTest(app)
{
    public static TheoryData<string, string?, HttpStatusCode> Matrix => new()
    {
        { "/admin/jobs", null, HttpStatusCode.Redirect },
        { "/admin/jobs", DemoOrganisation.EmployeeEmail, HttpStatusCode.Forbidden },
        { "/admin/jobs", DemoOrganisation.ManagerEmail, HttpStatusCode.Forbidden },
        { "/admin/jobs", DemoOrganisation.AdminEmail, HttpStatusCode.OK },
        { "/Admin", DemoOrganisation.EmployeeEmail, HttpStatusCode.Forbidden },
        { "/Admin", DemoOrganisation.ManagerEmail, HttpStatusCode.Forbidden },
        { "/Admin", DemoOrganisation.AdminEmail, HttpStatusCode.OK },
        { "/Admin/Audit", DemoOrganisation.EmployeeEmail, HttpStatusCode.Forbidden },
        { "/Admin/Audit", DemoOrganisation.AdminEmail, HttpStatusCode.OK },
        { "/Admin/People", DemoOrganisation.EmployeeEmail, HttpStatusCode.Forbidden },
        { "/Admin/People", DemoOrganisation.ManagerEmail, HttpStatusCode.Forbidden },
        { "/Admin/People", DemoOrganisation.AdminEmail, HttpStatusCode.OK },
        { "/Admin/People/Invite", DemoOrganisation.AdminEmail, HttpStatusCode.OK },
        { "/Admin/People/Import", DemoOrganisation.AdminEmail, HttpStatusCode.OK },
        { "/Invitations/Accept?token=forged", null, HttpStatusCode.NotFound },
        { "/Welcome", null, HttpStatusCode.Redirect },
        { "/Welcome", DemoOrganisation.EmployeeEmail, HttpStatusCode.OK },
        { "/Reports", DemoOrganisation.EmployeeEmail, HttpStatusCode.NotFound },
        { "/Reports", DemoOrganisation.ManagerEmail, HttpStatusCode.OK },
        { "/Reports", DemoOrganisation.AdminEmail, HttpStatusCode.OK },
        { "/Reviews", null, HttpStatusCode.Redirect },
        { "/Reviews", DemoOrganisation.EmployeeEmail, HttpStatusCode.OK },
        { "/", DemoOrganisation.ManagerEmail, HttpStatusCode.OK },
        { "/Identity/Account/Manage", null, HttpStatusCode.Redirect },
        { "/Identity/Account/Manage", DemoOrganisation.EmployeeEmail, HttpStatusCode.OK },
        { "/Identity/Account/Login", null, HttpStatusCode.OK },
        { "/Identity/Account/ForgotPassword", null, HttpStatusCode.OK },
        { "/health/live", null, HttpStatusCode.OK },
        { "/health/ready", null, HttpStatusCode.OK },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_role_gets_what_its_policy_allows(string path, string? signedInAs, HttpStatusCode expected)
    {
        using var client = App.CreateClient();
        if (signedInAs is not null)
        {
            await client.SignInOrFailAsync(signedInAs);
        }

        using var response = await client.GetAsync(path);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Redirect)
        {
            Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Forbidden_pages_explain_themselves_instead_of_redirecting()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var response = await client.GetAsync("/Admin");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("You do not have access to this page", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_pages_answer_404_with_a_friendly_page()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var response = await client.GetAsync("/no/such/page");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("We could not find that page", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_without_an_antiforgery_token_is_refused()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var response = await client.PostAsync("/Identity/Account/Manage", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Forged",
            ["Input.TimeZoneId"] = "UTC",
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var name = await App.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == DemoOrganisation.EmployeeEmail).DisplayName));
        Assert.Equal("Emma Lindqvist", name);
    }
}
