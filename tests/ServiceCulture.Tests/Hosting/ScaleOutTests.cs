using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

/// <summary>Two web nodes on one database: a cookie issued by one is honoured by the other.</summary>
[Collection(AppCollection.Name)]
public sealed class ScaleOutTests
{
    [Fact]
    public async Task A_cookie_issued_by_one_node_works_on_another_because_keys_live_in_the_database()
    {
        using var folder = new TestFolder();
        var settings = PortalFactory.SqliteSettings(folder.File("shared.db"));
        await using var first = new PortalFactory(settings);
        using var firstClient = first.CreatePortalClient();
        await firstClient.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var cookie = firstClient.Cookies.GetCookieHeader(new Uri("https://localhost/"));

        await using var second = new PortalFactory(settings);
        using var secondClient = second.CreateDefaultClient(new Uri("https://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", cookie);
        using var response = await secondClient.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Emma Lindqvist", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var scope = first.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ServiceCulture.Data.AppDbContext>();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }
}
