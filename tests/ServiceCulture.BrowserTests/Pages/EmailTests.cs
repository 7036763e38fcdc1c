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
    public Task An_admin_previews_in_the_outbox_the_email_a_recognition_just_queued() =>
        browser.RunAsync(nameof(An_admin_previews_in_the_outbox_the_email_a_recognition_just_queued), async page =>
        {
            // Mail made through the page, as a person would; the test host runs no job server, so it
            // stays pending and nothing else touches it while the page shows it.
            const string message = "Thank you for walking the new starter through the returns desk on their first morning.";
            await new LoginPage(page).SignInAsync("admin@demo.test");
            var form = new RecognitionForm(page);
            await form.GotoAsync();
            await form.AddRecipientAsync("Lind", "Emma Lindqvist");
            await form.Message.FillAsync(message);
            await form.Elements.GetByLabel("Problem solving").CheckAsync();
            await form.Points.FillAsync("0");
            await form.SubmitAsync();
            await Assertions.Expect(page.GetByTestId("recognition-card")).ToContainTextAsync("Emma Lindqvist");

            var outbox = new OutboxPage(page);
            await outbox.GotoAsync("Pending");
            await Assertions.Expect(outbox.Rows.Filter(new() { HasText = "A colleague recognised you" }).First).ToBeVisibleAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            await outbox.OpenNewestAsync("A colleague recognised you");

            await Assertions.Expect(outbox.Status).ToContainTextAsync("Pending");
            await Assertions.Expect(outbox.Text).ToContainTextAsync(message);
            await Assertions.Expect(outbox.Preview).ToHaveAttributeAsync("sandbox", "");
            await Assertions.Expect(page.FrameLocator("iframe.email-preview").Locator("h1")).ToBeVisibleAsync();
            await Assertions.Expect(page.FrameLocator("iframe.email-preview").Locator("body")).ToContainTextAsync(message);
            await BrowserFixture.AssertAccessibleAsync(page, iframes: false);
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
