using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Hosting;

namespace ServiceCulture.Tests.Hosting;

/// <summary>The load harness's floor page exists only in the Benchmark environment.</summary>
[Collection(AppCollection.Name)]
public sealed partial class BenchmarkFloorTests
{
    [Fact]
    public async Task The_floor_page_is_not_mapped_outside_the_benchmark_environment()
    {
        using var folder = new TestFolder();
        await using var factory = new PortalFactory(PortalFactory.SqliteSettings(folder.File("portal.db")), "Production");
        var routes = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText?.Trim('/'));
        Assert.DoesNotContain(BenchmarkFloor.Path, routes);
    }

    [Fact]
    public async Task In_the_benchmark_environment_the_floor_lists_the_20_newest_moments_everyone_may_see_without_sign_in()
    {
        using var folder = new TestFolder();
        await using var factory = new PortalFactory(PortalFactory.SqliteSettings(folder.File("portal.db")), BenchmarkFloor.Environment);
        using var client = factory.CreatePortalClient();

        using var response = await client.GetAsync(BenchmarkFloor.Path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();

        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var expected = await db.Moments
            .Where(m => m.Visibility == Visibility.Everyone && m.DeletedAt == null && m.HiddenAt == null)
            .OrderByDescending(m => m.CreatedAt).Take(20).Select(m => m.Id).ToListAsync();
        Assert.NotEmpty(expected);
        var listed = MomentLink().Matches(html).Select(m => long.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(expected, listed);
        Assert.True(await db.Moments.AnyAsync(m => m.Visibility != Visibility.Everyone), "the demo organisation has moments not everyone may see");
    }

    [GeneratedRegex("<a href=\"/Moments/(\\d+)\">")]
    private static partial Regex MomentLink();
}
