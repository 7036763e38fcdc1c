using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The notifications list behind the bell.</summary>
public sealed class NotificationsPage(IPage page)
{
    public ILocator Unread => page.Locator("[data-testid=notification][data-unread=true]");
    public ILocator Open => page.GetByTestId("open-notification");
    public ILocator MarkAllRead => page.GetByRole(AriaRole.Button, new() { Name = "Mark all read" });
    public ILocator Bell => page.Locator("#bell");

    public async Task GotoAsync() => await page.GotoAsync("/Notifications");
}
