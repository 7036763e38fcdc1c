using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>A team's page and the form that rates its service.</summary>
public sealed class TeamPage(IPage page)
{
    public ILocator RateButton => page.GetByTestId("rate-team");
    public ILocator Comments => page.GetByTestId("rating-comments");

    /// <summary>The month's row in the internal satisfaction table (months as yyyy-MM).</summary>
    public ILocator Month(string month) => page.Locator($"[data-testid=ratings] [data-month='{month}'] td");

    public async Task GotoAsync(int teamId) => await page.GotoAsync($"/Teams/{teamId}");

    /// <summary>Rates the elements given (index in catalogue order, score 1–5), with a comment, and saves.</summary>
    public async Task RateAsync(int teamId, string comment, params (int Element, int Score)[] scores)
    {
        await GotoAsync(teamId);
        await RateButton.ClickAsync();
        foreach (var (element, score) in scores)
        {
            await page.Locator($"label[for='score-{element}-{score}']").ClickAsync();
        }

        await page.GetByLabel("Comment").FillAsync(comment);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save rating" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/Rate", StringComparison.Ordinal));
    }
}
