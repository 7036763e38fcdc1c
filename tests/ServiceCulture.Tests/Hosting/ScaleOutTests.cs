using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

/// <summary>Two web nodes on one database: a cookie issued by one is honoured by the other.</summary>
[Collection(EnginesCollection.Name)]
public sealed class ScaleOutTests
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_cookie_issued_by_one_node_works_on_another_because_keys_live_in_the_database(DatabaseProvider engine)
    {
        using var folder = new TestFolder();
        var settings = PortalFactory.SqliteSettings(folder.File("shared.db"));
        var database = PostgresServer.NewDatabaseName("nodes");
        if (engine == DatabaseProvider.PostgreSql)
        {
            await PostgresServer.CreateDatabaseAsync(database);
            settings["Database:Provider"] = "PostgreSql";
            settings["ConnectionStrings:Default"] = PostgresServer.ConnectionStringFor(database);
        }

        try
        {
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
            await using var scope = second.Services.CreateAsyncScope();
            Assert.Equal(1, await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys.CountAsync());
        }
        finally
        {
            if (engine == DatabaseProvider.PostgreSql)
            {
                NpgsqlConnection.ClearAllPools();
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }
}
