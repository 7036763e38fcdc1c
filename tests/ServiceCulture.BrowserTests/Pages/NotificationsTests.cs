using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class NotificationsTests(BrowserFixture browser)
{
    [Fact]
    public Task Opening_a_notification_reads_it_and_mark_all_read_clears_the_bell() =>
        browser.RunAsync(nameof(Opening_a_notification_reads_it_and_mark_all_read_clears_the_bell), async page =>
        {
            await new LoginPage(page).SignInAsync("employee@demo.test");
            var notifications = new NotificationsPage(page);
            await notifications.GotoAsync();
            var unread = await notifications.Unread.CountAsync();
            Assert.True(unread > 1);
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.ReloadAsync();
            await Assertions.Expect(notifications.Unread).ToHaveCountAsync(unread);

            await notifications.Open.First.ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Notifications", StringComparison.Ordinal));
            await notifications.GotoAsync();
            await Assertions.Expect(notifications.Unread).ToHaveCountAsync(unread - 1);

            await notifications.MarkAllRead.ClickAsync();
            await Assertions.Expect(notifications.Unread).ToHaveCountAsync(0);
            await Assertions.Expect(notifications.Bell).ToHaveAttributeAsync("data-unread", "0");
            await Assertions.Expect(notifications.MarkAllRead).ToHaveCountAsync(0);
            await BrowserFixture.AssertAccessibleAsync(page);
        });
}
