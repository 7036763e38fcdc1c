using System.Net;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

/// <summary>Outside Development, without the trial setting, plain http gets a help page instead of a form that cannot work.</summary>
public sealed class TransportSecurityTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("/Identity/Account/Login")]
    [InlineData("/")]
    [InlineData("/admin/jobs")]
    public async Task A_plain_http_request_gets_a_403_page_saying_how_to_configure_TLS(string path)
    {
        using var http = App.Factory.CreateDefaultClient(new Uri("http://localhost"));
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("<h1>This portal needs https</h1>", body, StringComparison.Ordinal);
        Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_forged_forwarded_scheme_is_ignored_unless_forwarded_headers_are_trusted()
    {
        using var http = App.Factory.CreateDefaultClient(new Uri("http://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Identity/Account/Login");
        request.Headers.Add("X-Forwarded-Proto", "https");
        using var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_over_plain_http_for_load_balancers(string path)
    {
        using var http = App.Factory.CreateDefaultClient(new Uri("http://localhost"));
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
