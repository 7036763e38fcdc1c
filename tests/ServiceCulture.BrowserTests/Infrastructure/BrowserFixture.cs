using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.Infrastructure;

/// <summary>
/// Chromium driven by Playwright against the portal server. The browser comes from SC_CHROMIUM, then
/// the PATH (Debian's chromium), then Playwright's own download where a developer has installed it.
/// A failing test leaves a screenshot and a trace under TestResults/browser.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? playwright;

    public PortalServer Server { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        // Waits, not timings (see the context's timeout below): an assertion retries up to 15 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        Server = new PortalServer();
        playwright = await Playwright.CreateAsync();
        var executable = FindChromium();
        var arguments = new List<string>
        {
            "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
        };
        if (Environment.UserName == "root")
        {
            arguments.Add("--no-sandbox");
        }

        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            Headless = true,
            ExecutablePath = executable,
            Args = arguments,
        });
    }

    /// <summary>Runs a test in a fresh browser context (with or without script); on failure saves a screenshot and trace and rethrows.</summary>
    public async Task RunAsync(string testName, Func<IPage, Task> test, ViewportSize? viewport = null, bool javaScriptEnabled = true)
    {
        await using var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            JavaScriptEnabled = javaScriptEnabled,
            BaseURL = Server.BaseUrl,
            ViewportSize = viewport ?? new ViewportSize { Width = 1280, Height = 900 },
            Locale = "en-GB",
            TimezoneId = "Europe/London",
        });
        // A wait, not a timing: test.sh runs this project beside the others on a 2-core machine, where
        // a page's first request (its code compiled on first use) has taken longer than 15 s.
        context.SetDefaultTimeout(45_000);
        await context.Tracing.StartAsync(new TracingStartOptions { Screenshots = true, Snapshots = true });
        var page = await context.NewPageAsync();
        try
        {
            await test(page);
            await context.Tracing.StopAsync();
        }
        catch
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "browser");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, testName + ".png"), FullPage = true });
            await context.Tracing.StopAsync(new TracingStopOptions { Path = Path.Combine(folder, testName + ".trace.zip") });
            throw;
        }
    }

    /// <summary>
    /// Runs axe on the page as people see it. With <paramref name="iframes"/> false, axe leaves the page's frames
    /// out: a frame sandboxed without scripts (an email preview) never answers a script, so axe would wait forever.
    /// </summary>
    public static async Task AssertAccessibleAsync(IPage page, bool iframes = true)
    {
        // Parts of pages arrive after load (the bell, the sidebar): check the page as people see it.
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.Locator(".htmx-request").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        var result = await page.RunAxe(new AxeRunOptions { Iframes = iframes }).WaitAsync(TimeSpan.FromMinutes(1));
        var problems = result.Violations.Select(Describe).ToList();
        Assert.True(problems.Count == 0, $"axe found {problems.Count} violation(s) on {page.Url}:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    private static string Describe(AxeResultItem violation) =>
        $"- {violation.Id} ({violation.Impact}): {violation.Help} at {string.Join(" | ", violation.Nodes.Take(3).Select(n => n.Html))}";

    private static string? FindChromium()
    {
        var named = Environment.GetEnvironmentVariable("SC_CHROMIUM");
        if (!string.IsNullOrEmpty(named))
        {
            return named;
        }

        foreach (var name in new[] { "chromium", "chromium-browser", "google-chrome" })
        {
            var found = (Environment.GetEnvironmentVariable("PATH") ?? "")
                .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(dir => Path.Combine(dir, name))
                .FirstOrDefault(File.Exists);
            if (found is not null)
            {
                return found;
            }
        }

        return null; // Playwright's own browser, if installed
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright?.Dispose();
        await Server.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class BrowserCollection : ICollectionFixture<BrowserFixture>
{
    public const string Name = "browser";
}
