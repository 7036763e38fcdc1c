using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The layout around every signed-in page: navigation, theme switch, account menu.</summary>
public sealed class AppShell(IPage page)
{
    public IPage Page => page;
    public ILocator MainNav => page.GetByRole(AriaRole.Navigation, new() { Name = "Main" });
    public ILocator SignedInName => page.GetByTestId("signed-in-name");
    public ILocator ThemeToggle => page.Locator("#theme-toggle");
    public ILocator Heading => page.Locator("main h1").First;

    public ILocator NavLink(string name) => MainNav.GetByRole(AriaRole.Link, new() { Name = name });

    public async Task OpenAsync(string navName)
    {
        await OpenMenuIfCollapsedAsync();
        await NavLink(navName).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    public async Task ToggleThemeAsync() => await ThemeToggle.ClickAsync();

    public async Task<string?> ThemeAsync() => await page.Locator("html").GetAttributeAsync("data-bs-theme");

    public async Task SignOutAsync()
    {
        await OpenMenuIfCollapsedAsync();
        await page.Locator("#account-menu").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase));
    }

    private async Task OpenMenuIfCollapsedAsync()
    {
        // Until the page's stylesheet applies, the toggler shows at every width; on a busy machine
        // it could be seen, then hide before the click.
        await page.WaitForLoadStateAsync(LoadState.Load);
        var toggler = page.Locator(".navbar-toggler");
        if (await toggler.IsVisibleAsync() && await toggler.GetAttributeAsync("aria-expanded") != "true")
        {
            await toggler.ClickAsync();
            await page.Locator("#main-nav.show").WaitForAsync();
        }
    }
}
