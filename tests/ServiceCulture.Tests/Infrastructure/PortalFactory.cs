using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The portal in a test host, on a real database, with no job server running, on a clock the tests
/// control. Settings are passed with UseSetting because the app reads them while it builds its services.
/// </summary>
public sealed class PortalFactory(IDictionary<string, string?> settings, string environment = "Testing") : WebApplicationFactory<Program>
{
    /// <summary>The host's only clock: tests advance it instead of editing rows or waiting.</summary>
    public TestClock Clock { get; } = new();

    /// <summary>Counts every database command the host sends.</summary>
    public CommandCounter Commands { get; } = new();

    /// <summary>Extra host configuration for tests that need it (log capture, replaced services).</summary>
    public Action<IWebHostBuilder>? Configure { get; init; }

    public static Dictionary<string, string?> SqliteSettings(string databasePath, bool seedDemo = true) => new()
    {
        ["Database:Provider"] = "Sqlite",
        ["ConnectionStrings:Default"] = $"Data Source={databasePath}",
        ["Jobs:RunServer"] = "false",
        ["Demo:Seed"] = seedDemo ? "true" : "false",
        ["RateLimits:SignInPerMinute"] = "10000",
        ["Email:PickupDirectory"] = Path.Combine(Path.GetDirectoryName(databasePath)!, "mail"),
        ["Logging:LogLevel:Default"] = "Warning",
    };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureServices(services => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock)));

        builder.ConfigureServices(services => services.ConfigureDbContext<ServiceCulture.Data.AppDbContext>(options => options.AddInterceptors(Commands)));
        Configure?.Invoke(builder);
    }

    /// <summary>A client on https, so that the production cookie rules (Secure, __Host-) apply as deployed.</summary>
    public PortalClient CreatePortalClient()
    {
        var cookies = new CookieContainerHandler();
        var http = CreateDefaultClient(new Uri("https://localhost"), cookies);
        return new PortalClient(http, cookies.Container);
    }
}
