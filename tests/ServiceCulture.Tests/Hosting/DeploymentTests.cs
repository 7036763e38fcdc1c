using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Hosting;

/// <summary>
/// The built portal started as a process the way docker-compose.yml starts it (Production, plain
/// http, no proxy, <c>--seed-demo</c>, the compose file's own settings), on SQLite or PostgreSQL in
/// place of SQL Server, and signed in to through the real login form.
/// </summary>
[Trait(TestRuns.Trait, TestRuns.Processes)]
public sealed partial class DeploymentTests
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_compose_stack_signs_a_demo_employee_in_over_plain_http(DatabaseProvider engine)
    {
        using var folder = new TestFolder();
        var compose = ComposeFile.Read();
        var environment = new Dictionary<string, string>(compose.PortalEnvironment);
        var database = PostgresServer.NewDatabaseName("compose");
        if (engine == DatabaseProvider.PostgreSql)
        {
            await PostgresServer.CreateDatabaseAsync(database);
            environment["Database__Provider"] = "PostgreSql";
            environment["ConnectionStrings__Default"] = PostgresServer.ConnectionStringFor(database);
        }
        else
        {
            environment["Database__Provider"] = "Sqlite";
            environment["ConnectionStrings__Default"] = $"Data Source={folder.File("portal.db")}";
        }

        try
        {
            await using var portal = await PortalProcess.StartAsync(folder.Path, environment, compose.PortalCommand);
            using var client = PlainClient(portal.Address);

            await SignInThroughTheFormAsync(client, portal);

            var session = client.Cookies.GetAllCookies().Single(c => c.Name == "sc.auth");
            Assert.False(session.Secure);
            Assert.Contains("Security:AllowPlainHttp is on", portal.Output, StringComparison.Ordinal);
        }
        finally
        {
            if (engine == DatabaseProvider.PostgreSql)
            {
                await PostgresServer.DropDatabaseAsync(database);
            }
        }
    }

    [Fact]
    public void The_compose_file_runs_the_portal_in_production_with_the_demo_seed_and_the_plain_http_trial_setting()
    {
        var compose = ComposeFile.Read();
        Assert.Equal("Production", compose.PortalEnvironment["ASPNETCORE_ENVIRONMENT"]);
        Assert.Equal("true", compose.PortalEnvironment["Security__AllowPlainHttp"]);
        Assert.Contains("--seed-demo", compose.PortalCommand);
    }

    private static PortalClient PlainClient(Uri address)
    {
        var cookies = new CookieContainerHandler { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } };
        return new PortalClient(new HttpClient(cookies) { BaseAddress = address }, cookies.Container);
    }

    /// <summary>GET the login page, post its form with the antiforgery token, follow the redirect home.</summary>
    internal static async Task SignInThroughTheFormAsync(PortalClient client, PortalProcess portal)
    {
        using var login = await client.GetAsync("/Identity/Account/Login");
        Assert.True(login.StatusCode == HttpStatusCode.OK, $"The login page answered {(int)login.StatusCode}.{Environment.NewLine}{portal.Output}");

        using var signIn = await client.SignInAsync(DemoOrganisation.EmployeeEmail);
        Assert.True(signIn.StatusCode == HttpStatusCode.Redirect, $"Signing in answered {(int)signIn.StatusCode}.{Environment.NewLine}{portal.Output}");
        var home = signIn.Headers.Location!.OriginalString;
        Assert.Equal("/", home);

        var page = await client.GetDocumentAsync(home);
        Assert.Equal("Emma Lindqvist", page.QuerySelector("[data-testid=signed-in-name]")?.TextContent.Trim());
    }

    /// <summary>The settings docker-compose.yml gives every portal service, read from the file itself.</summary>
    internal sealed partial record ComposeFile(IReadOnlyDictionary<string, string> PortalEnvironment, IReadOnlyList<string> PortalCommand)
    {
        public static ComposeFile Read()
        {
            var directory = new DirectoryInfo(AppContext.BaseDirectory);
            while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "docker-compose.yml")))
            {
                directory = directory.Parent;
            }

            var lines = File.ReadAllLines(Path.Combine(directory?.FullName ?? throw new FileNotFoundException("docker-compose.yml not found above the test output."), "docker-compose.yml"));
            var environment = new Dictionary<string, string>(StringComparer.Ordinal);
            var start = Array.FindIndex(lines, l => l.Trim() == "environment: &portal-env");
            Assert.True(start >= 0, "docker-compose.yml has no shared portal environment (&portal-env).");
            var indent = Indent(lines[start + 1]);
            foreach (var line in lines.Skip(start + 1).TakeWhile(l => Indent(l) == indent && l.Trim().Length > 0))
            {
                var match = Setting().Match(line);
                Assert.True(match.Success, $"Unexpected line in the portal environment: {line}");
                environment[match.Groups["key"].Value] = match.Groups["value"].Value.Trim().Trim('"');
            }

            var command = lines.Select(l => Command().Match(l)).First(m => m.Success).Groups["args"].Value
                .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(a => a.Trim('"'))
                .ToList();
            return new ComposeFile(environment, command);
        }

        private static int Indent(string line) => line.Length - line.TrimStart().Length;

        [GeneratedRegex(@"^\s+(?<key>[A-Za-z0-9_]+):\s*(?<value>.*)$")]
        private static partial Regex Setting();

        [GeneratedRegex(@"^\s+command:\s*\[(?<args>[^\]]*)\]")]
        private static partial Regex Command();
    }
}

/// <summary>
/// The portal as the image runs it without the trial setting, behind a proxy whose forwarded
/// headers it trusts: plain http is refused with a help page, https through the proxy works.
/// </summary>
[Trait(TestRuns.Trait, TestRuns.Processes)]
public sealed class TlsRequiredDeploymentTests(TlsRequiredDeploymentTests.Portal portal) : IClassFixture<TlsRequiredDeploymentTests.Portal>
{
    [Fact]
    public async Task Without_TLS_or_the_plain_http_setting_the_sign_in_page_explains_how_to_configure_TLS()
    {
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = portal.Process.Address };

        using var login = await http.GetAsync(new Uri("/Identity/Account/Login", UriKind.Relative));
        var body = await login.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Forbidden, login.StatusCode);
        Assert.Contains("<h1>This portal needs https</h1>", body, StringComparison.Ordinal);
        Assert.Contains("Hosting__ForwardedHeaders=true", body, StringComparison.Ordinal);
        Assert.Contains("Kestrel__Certificates__Default__Path", body, StringComparison.Ordinal);
        Assert.Contains("Security__AllowPlainHttp=true", body, StringComparison.Ordinal);

        using var post = await http.PostAsync(new Uri("/Identity/Account/Login", UriKind.Relative), new FormUrlEncodedContent([new("Input.Email", DemoOrganisation.EmployeeEmail)]));
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);

        using var live = await http.GetAsync(new Uri("/health/live", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Behind_a_TLS_terminating_proxy_people_sign_in_with_secure_host_prefixed_cookies()
    {
        var cookies = new CookieContainerHandler { InnerHandler = new TlsTerminatingProxy(portal.Process.Address) };
        using var client = new PortalClient(new HttpClient(cookies) { BaseAddress = new Uri("https://portal.example") }, cookies.Container);

        await DeploymentTests.SignInThroughTheFormAsync(client, portal.Process);

        var session = client.Cookies.GetAllCookies().Single(c => c.Name == "__Host-sc.auth");
        Assert.True(session.Secure);
        Assert.Contains(client.Cookies.GetAllCookies(), c => c.Name == "__Host-sc.af" && c.Secure);
    }

    /// <summary>Stands in for the reverse proxy: the client speaks https to it, it forwards plain http with X-Forwarded-Proto.</summary>
    private sealed class TlsTerminatingProxy(Uri backend) : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var original = request.RequestUri!;
            request.RequestUri = new Uri(backend, original.PathAndQuery);
            request.Headers.Add("X-Forwarded-Proto", "https");
            try
            {
                return await base.SendAsync(request, cancellationToken);
            }
            finally
            {
                request.RequestUri = original;
            }
        }
    }

    /// <summary>One portal process for both tests: the compose settings without the trial setting, with forwarded headers trusted.</summary>
    public sealed class Portal : IAsyncLifetime
    {
        private readonly TestFolder folder = new();

        public PortalProcess Process { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            var compose = DeploymentTests.ComposeFile.Read();
            var environment = new Dictionary<string, string>(compose.PortalEnvironment)
            {
                ["Database__Provider"] = "Sqlite",
                ["ConnectionStrings__Default"] = $"Data Source={folder.File("portal.db")}",
                ["Hosting__ForwardedHeaders"] = "true",
            };
            environment.Remove("Security__AllowPlainHttp");
            Process = await PortalProcess.StartAsync(folder.Path, environment, compose.PortalCommand);
        }

        public async Task DisposeAsync()
        {
            await Process.DisposeAsync();
            folder.Dispose();
        }
    }
}
