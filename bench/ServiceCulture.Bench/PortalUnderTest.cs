using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using ServiceCulture.Data;

namespace ServiceCulture.Bench;

/// <summary>The portal in process on the generated database, configured as deployed (no demo seed, no job server).</summary>
public sealed partial class PortalUnderTest(DatabaseProvider provider, string connectionString) : WebApplicationFactory<Program>
{
    /// <summary>More settings for a scenario (the email benchmark's SMTP server).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Points the factory at the web project's folder, found from the solution above the build output.</summary>
    public static void LocateContentRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ServiceCulture.sln")))
        {
            folder = folder.Parent;
        }

        if (folder is not null)
        {
            Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_SERVICECULTURE_WEB", Path.Combine(folder.FullName, "src", "ServiceCulture.Web"));
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.UseSetting("Database:Provider", provider.ToString());
        builder.UseSetting("ConnectionStrings:Default", connectionString);
        builder.UseSetting("Jobs:RunServer", "false");
        builder.UseSetting("Demo:Seed", "false");
        builder.UseSetting("RateLimits:SignInPerMinute", "100000");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore", "Warning");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public async Task<HttpClient> SignedInClientAsync(string email, TimeSpan? timeout = null)
    {
        var cookies = new CookieContainerHandler();
        var client = CreateDefaultClient(new Uri("https://localhost"), cookies);
        client.Timeout = timeout ?? client.Timeout;
        var login = await client.GetStringAsync(new Uri("/Identity/Account/Login", UriKind.Relative));
        var token = TokenPattern().Match(login).Groups[1].Value;
        using var response = await client.PostAsync(new Uri("/Identity/Account/Login", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = email,
            ["Input.Password"] = DataGenerator.Password,
            ["__RequestVerificationToken"] = token,
        }));
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {email} failed with {(int)response.StatusCode}.");
        }

        return client;
    }

    /// <summary>Requests a page and returns the server's own time for it, from the Server-Timing header.</summary>
    public static async Task<(double ServerMs, string Body)> TimeAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        var body = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"GET {path} answered {(int)response.StatusCode}.");
        }

        var timing = response.Headers.GetValues("Server-Timing").First();
        var ms = double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture);
        return (ms, body);
    }

    /// <summary>
    /// Opens a page, posts its form with the page's antiforgery token (and request id, when it has
    /// one) plus the given fields, and returns the server's own time for the post and where it led.
    /// </summary>
    public static async Task<(double ServerMs, string? Location)> PostAsync(HttpClient client, string page, string action, IDictionary<string, string> fields)
    {
        var html = await client.GetStringAsync(new Uri(page, UriKind.Relative));
        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(TokenPattern().Match(html).Groups[1].Value) };
        if (RequestIdPattern().Match(html) is { Success: true } requestId)
        {
            form["Form.RequestId"] = requestId.Groups[1].Value;
        }

        using var content = new FormUrlEncodedContent(form);
        using var response = await client.PostAsync(new Uri(action, UriKind.Relative), content);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"POST {action} answered {(int)response.StatusCode}.");
        }

        var timing = response.Headers.GetValues("Server-Timing").First();
        var ms = double.Parse(timing[(timing.IndexOf("dur=", StringComparison.Ordinal) + 4)..], CultureInfo.InvariantCulture);
        return (ms, response.Headers.Location?.OriginalString);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("name=\"Form.RequestId\" value=\"([^\"]+)\"")]
    private static partial Regex RequestIdPattern();
}
