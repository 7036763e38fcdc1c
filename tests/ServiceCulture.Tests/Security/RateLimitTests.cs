using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Security;

[Collection(AppCollection.Name)]
public sealed class RateLimitTests
{
    [Fact]
    public async Task Sign_in_attempts_beyond_the_limit_are_refused_with_429()
    {
        using var folder = new TestFolder();
        var settings = PortalFactory.SqliteSettings(folder.File("limits.db"));
        settings["RateLimits:SignInPerMinute"] = "3";
        await using var factory = new PortalFactory(settings);
        using var client = factory.CreatePortalClient();

        for (var i = 0; i < 3; i++)
        {
            using var attempt = await client.SignInAsync(DemoOrganisation.ManagerEmail, "not my password " + i);
            Assert.Equal(HttpStatusCode.BadRequest, attempt.StatusCode);
        }

        using var refused = await client.SignInAsync(DemoOrganisation.ManagerEmail);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many attempts", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var page = await client.GetAsync("/Identity/Account/Login");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }
}
