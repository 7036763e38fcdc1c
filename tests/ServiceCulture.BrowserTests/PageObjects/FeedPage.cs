using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The home feed: its cards and the link that loads the next page.</summary>
public sealed class FeedPage(IPage page)
{
    public ILocator Cards => page.Locator("[data-testid=feed] [data-testid=moment-card], [data-testid=feed] [data-testid=recognition-card]");
    public ILocator LoadMore => page.GetByTestId("load-more");

    public async Task GotoAsync() => await page.GotoAsync("/");

    /// <summary>The ids of the cards shown, top to bottom (read without page script, so it works with script off).</summary>
    public async Task<IReadOnlyList<string>> CardIdsAsync()
    {
        var ids = new List<string>();
        foreach (var card in await Cards.AllAsync())
        {
            ids.Add(await card.GetAttributeAsync("id") ?? "");
        }

        return ids;
    }

    /// <summary>Scrolls with the mouse wheel until the end of the loaded feed is in view.</summary>
    public async Task ScrollToTheEndAsync()
    {
        var box = await page.Locator("[data-testid=feed]").BoundingBoxAsync();
        await page.Mouse.MoveAsync(640, 450);
        await page.Mouse.WheelAsync(0, (box?.Height ?? 10_000) + 1_000);
    }
}
