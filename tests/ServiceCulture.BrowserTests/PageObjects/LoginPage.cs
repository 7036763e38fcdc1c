using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The sign-in page.</summary>
public sealed class LoginPage(IPage page)
{
    public const string DemoPassword = "Passw0rd!Demo";

    public ILocator Email => page.GetByLabel("Email");
    public ILocator Password => page.GetByLabel("Password", new() { Exact = true });
    public ILocator Submit => page.GetByRole(AriaRole.Button, new() { Name = "Sign in" });
    public ILocator Errors => page.Locator(".validation-summary-errors");

    public async Task GotoAsync() => await page.GotoAsync("/Identity/Account/Login");

    public async Task<AppShell> SignInAsync(string email, string password = DemoPassword)
    {
        if (!page.Url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase))
        {
            await GotoAsync();
        }

        await Email.FillAsync(email);
        await Password.FillAsync(password);
        await Submit.ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase));
        return new AppShell(page);
    }
}
