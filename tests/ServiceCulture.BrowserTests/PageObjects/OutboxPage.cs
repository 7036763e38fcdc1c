using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The admin mail outbox and one email's preview.</summary>
public sealed class OutboxPage(IPage page)
{
    public ILocator Rows => page.GetByTestId("outbox-row");
    public ILocator Preview => page.Locator("iframe.email-preview");
    public ILocator Text => page.GetByTestId("outbox-text");
    public ILocator Status => page.GetByTestId("outbox-status");

    public async Task GotoAsync(string status = "Sent") => await page.GotoAsync($"/Admin/Outbox?status={status}");

    public async Task OpenFirstAsync() => await Rows.First.GetByRole(AriaRole.Link).ClickAsync();

    /// <summary>Opens the newest email with this subject.</summary>
    public async Task OpenNewestAsync(string subject) => await Rows.Filter(new() { HasText = subject }).First.GetByRole(AriaRole.Link).First.ClickAsync();
}

/// <summary>The email preferences on one's own profile.</summary>
public sealed class EmailPreferencesForm(IPage page)
{
    public ILocator Section => page.Locator("#email-preferences");
    public ILocator Topic(string label) => Section.GetByLabel(label);
    public async Task SaveAsync() => await Section.GetByRole(AriaRole.Button, new() { Name = "Save email preferences" }).ClickAsync();
}
