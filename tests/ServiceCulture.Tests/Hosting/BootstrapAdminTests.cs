using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

[Collection(AppCollection.Name)]
public sealed partial class BootstrapAdminTests
{
    [Fact]
    public async Task The_first_admin_sets_a_password_through_a_one_time_link_from_the_log()
    {
        using var folder = new TestFolder();
        var settings = PortalFactory.SqliteSettings(folder.File("fresh.db"), seedDemo: false);
        settings["Bootstrap:AdminEmail"] = "first.admin@company.test";
        settings["App:BaseUrl"] = "https://portal.company.test";
        var logs = new LogCapture();
        await using var factory = new PortalFactory(settings)
        {
            Configure = builder => builder.ConfigureLogging(l => l.AddProvider(logs)),
        };
        using var client = factory.CreatePortalClient();

        var message = Assert.Single(logs.Messages, m => m.Contains("First admin first.admin@company.test", StringComparison.Ordinal));
        var link = LinkPattern().Match(message).Groups["path"].Value;
        Assert.StartsWith("/Identity/Account/ResetPassword?code=", link, StringComparison.Ordinal);

        var fields = new Dictionary<string, string>
        {
            ["Input.Email"] = "first.admin@company.test",
            ["Input.Password"] = "amber kettle drifts north",
            ["Input.ConfirmPassword"] = "amber kettle drifts north",
        };
        using var reset = await client.SubmitFormAsync(link, fields);
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);
        Assert.Equal("/Identity/Account/ResetPasswordConfirmation", reset.Headers.Location!.OriginalString);

        await client.SignInOrFailAsync("first.admin@company.test", "amber kettle drifts north");
        using var admin = await client.GetAsync("/admin/jobs");
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);

        using var anonymous = factory.CreatePortalClient();
        fields["Input.Password"] = fields["Input.ConfirmPassword"] = "second attempt takes over";
        using var reuse = await anonymous.SubmitFormAsync(link, fields);
        Assert.Equal(HttpStatusCode.OK, reuse.StatusCode);
        Assert.Contains("Invalid token", await reuse.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [GeneratedRegex("https://portal\\.company\\.test(?<path>/Identity/Account/ResetPassword\\?code=[A-Za-z0-9_-]+)")]
    private static partial Regex LinkPattern();
}
