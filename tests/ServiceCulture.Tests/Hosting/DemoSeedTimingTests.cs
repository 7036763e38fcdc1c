using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ServiceCulture.Tests.Infrastructure;
using Xunit.Abstractions;

namespace ServiceCulture.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed partial class DemoSeedTimingTests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_demo_organisation_seeds_a_fresh_database_within_a_minute_and_says_how_long_it_took()
    {
        using var folder = new TestFolder();
        var settings = PortalFactory.SqliteSettings(folder.File("fresh.db"));
        settings["Logging:LogLevel:Default"] = "Information";
        var logs = new LogCapture();
        await using var factory = new PortalFactory(settings)
        {
            Configure = builder => builder.ConfigureLogging(l => l.AddProvider(logs)),
        };
        _ = factory.Services;

        var message = Assert.Single(logs.Messages, m => m.Contains("Demo organisation seeded in", StringComparison.Ordinal));
        var seconds = double.Parse(SecondsPattern().Match(message).Groups[1].Value, CultureInfo.InvariantCulture);
        output.WriteLine(message);
        Assert.InRange(seconds, 0, 60);
    }

    [GeneratedRegex(@"seeded in ([0-9.]+) s")]
    private static partial Regex SecondsPattern();
}
