using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The review pages: cycles, a review with its forms and evidence panel, and the feedback form.</summary>
public sealed class ReviewPage(IPage page)
{
    public ILocator State(string state) => page.Locator($"[data-testid=review] [data-state={state}]").First;
    public ILocator Evidence => page.GetByTestId("evidence");
    public ILocator SelfForm => page.Locator("#self-form");
    public ILocator AssessForm => page.Locator("#assess-form");
    public ILocator AskForm => page.Locator("#ask-form");

    public async Task OpenCycleAsync(string name)
    {
        await page.GotoAsync("/Reviews");
        await page.GetByRole(AriaRole.Link, new() { Name = "Open a review cycle" }).ClickAsync();
        await page.GetByLabel("Name").FillAsync(name);
        await page.GetByRole(AriaRole.Button, new() { Name = "Open the cycle" }).ClickAsync();
        await Assertions.Expect(page.Locator("h1")).ToContainTextAsync(name);
    }

    /// <summary>Opens someone's review in a cycle from the reviews page.</summary>
    public async Task OpenFromListAsync(string cycle, string? person = null)
    {
        await page.GotoAsync("/Reviews");
        if (person is null)
        {
            await page.GetByTestId("my-reviews").GetByRole(AriaRole.Link, new() { Name = cycle }).ClickAsync();
        }
        else
        {
            var card = page.GetByTestId("cycle-progress").Filter(new() { HasText = cycle });
            await card.GetByRole(AriaRole.Link, new() { Name = person, Exact = true }).ClickAsync();
        }

        await Assertions.Expect(page.GetByTestId("review")).ToBeVisibleAsync();
    }

    /// <summary>Picks a 1–5 rating for every element in a form.</summary>
    public async Task RateAllAsync(ILocator form, int rating)
    {
        var groups = form.Locator("fieldset.rating-field");
        for (var i = 0; i < await groups.CountAsync(); i++)
        {
            await groups.Nth(i).Locator("label.btn").Nth(rating - 1).ClickAsync();
        }
    }

    public async Task AskAsync(string typed, string name)
    {
        await page.GetByRole(AriaRole.Combobox, new() { Name = "Someone else" }).FillAsync(typed);
        await page.GetByRole(AriaRole.Option, new() { Name = name }).First.ClickAsync();
        await Assertions.Expect(AskForm.Locator("[data-chip]", new() { HasText = name })).ToBeVisibleAsync();
        await AskForm.GetByRole(AriaRole.Button, new() { Name = "Ask for feedback" }).ClickAsync();
    }
}
