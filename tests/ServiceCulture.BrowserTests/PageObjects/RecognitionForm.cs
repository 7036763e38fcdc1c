using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The recognition form at /Recognition/Give.</summary>
public sealed class RecognitionForm(IPage page)
{
    public ILocator Search => page.GetByRole(AriaRole.Combobox, new() { Name = "Who are you recognising?" });
    public ILocator Message => page.GetByLabel("Message", new() { Exact = true });
    public ILocator Elements => page.GetByRole(AriaRole.Group, new() { Name = "Service elements" });
    public ILocator Points => page.GetByLabel("Points", new() { Exact = true });
    public ILocator Quiet => page.GetByLabel("Quiet recognition (not on leaderboards)");
    public ILocator AllowanceLeft => page.GetByTestId("allowance-left");

    public async Task GotoAsync() => await page.GotoAsync("/Recognition/Give");

    public async Task AddRecipientAsync(string typed, string name)
    {
        await Search.FillAsync(typed);
        // Visible ones only: the related-moment select holds options too, hidden, that can name the same person.
        await page.GetByRole(AriaRole.Option, new() { Name = name }).Locator("visible=true").First.ClickAsync();
        await Assertions.Expect(page.Locator("[data-chip]", new() { HasText = name })).ToBeVisibleAsync();
    }

    public async Task SubmitAsync() => await page.GetByRole(AriaRole.Button, new() { Name = "Recognise", Exact = true }).ClickAsync();
}
