using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class FeedTests(BrowserFixture browser)
{
    private const int PageSize = ServiceCulture.Web.Pages.IndexModel.PageSize;

    [Fact]
    public Task Scrolling_down_the_feed_loads_the_next_page_without_a_click() =>
        browser.RunAsync(nameof(Scrolling_down_the_feed_loads_the_next_page_without_a_click), async page =>
        {
            await new LoginPage(page).SignInAsync("admin@demo.test");
            var feed = new FeedPage(page);
            await Assertions.Expect(feed.Cards).ToHaveCountAsync(PageSize);
            await Assertions.Expect(feed.LoadMore).ToHaveCountAsync(1);
            var firstPage = await feed.CardIdsAsync();

            await feed.ScrollToTheEndAsync();

            await Assertions.Expect(feed.Cards.Nth(PageSize)).ToBeAttachedAsync();
            var loaded = await feed.CardIdsAsync();
            Assert.Equal(firstPage, loaded.Take(PageSize));
            Assert.Equal(loaded.Count, loaded.Distinct().Count());
            Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task Without_script_the_load_more_link_opens_the_next_page() =>
        browser.RunAsync(nameof(Without_script_the_load_more_link_opens_the_next_page), async page =>
        {
            await new LoginPage(page).SignInAsync("admin@demo.test");
            var feed = new FeedPage(page);
            var firstPage = await feed.CardIdsAsync();

            await feed.LoadMore.FocusAsync();
            await page.Keyboard.PressAsync("Enter");

            await page.WaitForURLAsync(url => url.Contains("before=", StringComparison.Ordinal));
            await Assertions.Expect(feed.Cards.First).ToBeVisibleAsync();
            var nextPage = await feed.CardIdsAsync();
            Assert.NotEmpty(nextPage);
            Assert.Empty(nextPage.Intersect(firstPage));
        }, javaScriptEnabled: false);
}
