using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Security;

public sealed class SecurityHeadersTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/")]
    public async Task Pages_carry_a_strict_content_security_policy_and_hardening_headers(string path)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var response = await client.GetAsync(path);

        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("script-src 'self';", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Pages_contain_no_inline_script()
    {
        using var client = App.CreateClient();
        foreach (var path in new[] { "/Identity/Account/Login" })
        {
            var page = await client.GetDocumentAsync(path);
            Assert.All(page.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), $"inline script on {path}"));
        }

        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        foreach (var path in new[] { "/", "/Admin", "/Identity/Account/Manage", "/Reviews", "/Reports" })
        {
            var page = await client.GetDocumentAsync(path);
            Assert.All(page.Scripts, script => Assert.False(string.IsNullOrEmpty(script.Source), $"inline script on {path}"));
            Assert.Empty(page.QuerySelectorAll("[style]"));
        }
    }

    [Fact]
    public async Task Every_cookie_is_http_only_secure_same_site_and_the_session_cookies_are_host_prefixed()
    {
        using var client = App.CreateClient();
        var login = await client.GetAsync("/Identity/Account/Login");
        var loginCookies = login.Headers.GetValues("Set-Cookie").ToList();
        using var signIn = await client.SignInAsync(DemoOrganisation.EmployeeEmail);
        var all = loginCookies.Concat(signIn.Headers.GetValues("Set-Cookie")).ToList();

        Assert.Contains(all, c => c.StartsWith("__Host-sc.auth=", StringComparison.Ordinal));
        Assert.Contains(all, c => c.StartsWith("__Host-sc.af=", StringComparison.Ordinal));
        Assert.All(all, cookie =>
        {
            var lower = cookie.ToLowerInvariant();
            Assert.Contains("httponly", lower, StringComparison.Ordinal);
            Assert.Contains("secure", lower, StringComparison.Ordinal);
            Assert.Contains("samesite=", lower, StringComparison.Ordinal);
        });
        Assert.All(all.Where(c => c.StartsWith("__Host-", StringComparison.Ordinal)), cookie =>
        {
            Assert.Contains("path=/", cookie.ToLowerInvariant(), StringComparison.Ordinal);
            Assert.DoesNotContain("domain=", cookie.ToLowerInvariant(), StringComparison.Ordinal);
        });
    }

    [Fact]
    public async Task The_job_dashboard_for_admins_still_forbids_framing()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var response = await client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("frame-ancestors 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }
}
