using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class EmailTests(BrowserFixture browser)
{
    [Fact]
    public Task An_admin_previews_a_sent_email_in_the_outbox() =>
        browser.RunAsync(nameof(An_admin_previews_a_sent_email_in_the_outbox), async page =>
        {
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                // The demo's recognitions queued mail; send it to the pickup folder so the sent list has some.
                await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime.AddHours(1), CancellationToken.None);
            }

            await new LoginPage(page).SignInAsync("admin@demo.test");
            var outbox = new OutboxPage(page);
            await outbox.GotoAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            await outbox.OpenFirstAsync();

            await Assertions.Expect(outbox.Status).ToContainTextAsync("Sent");
            await Assertions.Expect(outbox.Text).ToContainTextAsync("Hello");
            await Assertions.Expect(outbox.Preview).ToHaveAttributeAsync("sandbox", "");
            await Assertions.Expect(page.FrameLocator("iframe.email-preview").Locator("h1")).ToBeVisibleAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task A_person_turns_the_weekly_digest_off_on_their_profile() =>
        browser.RunAsync(nameof(A_person_turns_the_weekly_digest_off_on_their_profile), async page =>
        {
            int emma;
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                emma = await db.Users.Where(u => u.Email == "employee@demo.test").Select(u => u.Id).SingleAsync();
                await db.EmailOptOuts.Where(o => o.EmployeeId == emma).ExecuteDeleteAsync();
            }

            await new LoginPage(page).SignInAsync("employee@demo.test");
            await page.GotoAsync($"/People/{emma}");
            var preferences = new EmailPreferencesForm(page);
            await Assertions.Expect(preferences.Topic("Weekly digest")).ToBeCheckedAsync();
            await BrowserFixture.AssertAccessibleAsync(page);

            await preferences.Topic("Weekly digest").UncheckAsync();
            await preferences.SaveAsync();

            await Assertions.Expect(preferences.Topic("Weekly digest")).Not.ToBeCheckedAsync();
            await Assertions.Expect(preferences.Topic("Nudges")).ToBeCheckedAsync();
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                var off = await scope.ServiceProvider.GetRequiredService<AppDbContext>().EmailOptOuts.Where(o => o.EmployeeId == emma).Select(o => o.Topic).ToListAsync();
                Assert.Equal([EmailTopic.WeeklyDigest], off);
            }
        });
}
