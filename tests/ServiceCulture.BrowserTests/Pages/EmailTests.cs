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
