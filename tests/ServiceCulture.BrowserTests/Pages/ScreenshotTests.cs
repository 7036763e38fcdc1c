using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;

namespace ServiceCulture.BrowserTests.Pages;

/// <summary>
/// Renders the main pages at desktop and phone widths and saves them under
/// TestResults/screenshots (the README's pictures come from here). Each page must show its heading
/// and no horizontal scrolling at phone width.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture browser)
{
    public static TheoryData<string, string> Screens => new()
    {
        { "home", "/" },
        { "log-moment", "/Moments/New?kind=misery" },
        { "recognise", "/Recognition/Give" },
        { "leaderboard", "/Leaderboard?period=all" },
        { "profile", "/People/2" },
        { "elements", "/Learn/Elements" },
        { "case-studies", "/Learn/CaseStudies" },
        { "reviews", "/Reviews" },
        { "reports", "/Reports" },
        { "review", "/Reviews/41" },
        { "admin", "/Admin" },
        { "account", "/Identity/Account/Manage" },
    };

    [Theory]
    [MemberData(nameof(Screens))]
    public Task Main_pages_render_at_desktop_and_phone_widths(string name, string path) =>
        browser.RunAsync("screen-" + name, async page =>
        {
            await new LoginPage(page).SignInAsync("manager@demo.test");
            foreach (var (label, width, height) in new[] { ("desktop", 1280, 900), ("phone", 390, 844) })
            {
                await page.SetViewportSizeAsync(width, height);
                var response = await page.GotoAsync(path);
                if (path == "/Admin")
                {
                    // Managers are not admins: the page explains that instead of showing the tools.
                    Assert.Equal(403, response!.Status);
                }

                await Assertions.Expect(page.Locator("main h1").First).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > document.documentElement.clientWidth");
                // What sticks out, so a failure says where to look.
                var wide = overflow ? await page.EvaluateAsync<string>(
                    "() => { const clipped = e => { for (let p = e.parentElement; p; p = p.parentElement) { if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) return true; } return false; };"
                    + " return [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1 && !clipped(e))"
                    + ".slice(0, 5).map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') + '.' + [...e.classList].join('.') + ' ' + Math.round(e.getBoundingClientRect().right) + 'px').join(', '); }") : "";
                Assert.False(overflow, $"{path} scrolls sideways at {width}px: {wide}");
                var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
                Directory.CreateDirectory(folder);
                await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}-{label}.png") });
            }
        });
}
