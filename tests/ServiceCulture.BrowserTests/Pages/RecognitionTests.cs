using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;
using ServiceCulture.Data;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class RecognitionTests(BrowserFixture browser)
{
    private async Task<(int Id, string Email, string Name)> PersonWithoutBadgeAsync(string badge, params string[] except)
    {
        await using var scope = browser.Server.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var person = await db.Users
            .Where(u => u.IsActive && !except.Contains(u.Email!) && !db.BadgeAwards.Any(b => b.EmployeeId == u.Id && b.Code == badge)
                && !db.Roles.Any(r => r.Name == "Admin" && db.UserRoles.Any(ur => ur.RoleId == r.Id && ur.UserId == u.Id)))
            .OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.Email, u.DisplayName })
            .FirstAsync();
        return (person.Id, person.Email!, person.DisplayName);
    }

    private static async Task<int> PointsOnProfileAsync(IPage page, int id)
    {
        await page.GotoAsync($"/People/{id}");
        return int.Parse((await page.GetByTestId("points").TextContentAsync())!.Trim(), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public Task A_colleague_is_recognised_points_move_a_badge_is_earned_and_the_leaderboard_shows_it() =>
        browser.RunAsync(nameof(A_colleague_is_recognised_points_move_a_badge_is_earned_and_the_leaderboard_shows_it), async page =>
        {
            var giver = await PersonWithoutBadgeAsync("first-magic", "employee@demo.test");
            var recipient = await PersonWithoutBadgeAsync("well-recognised", giver.Email);
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                // A whole allowance, whatever the demo's recognitions used of this calendar month.
                await scope.ServiceProvider.GetRequiredService<AppDbContext>().Allowances.Where(a => a.EmployeeId == giver.Id).ExecuteDeleteAsync();
            }

            await new LoginPage(page).SignInAsync(giver.Email);

            var giverBefore = await PointsOnProfileAsync(page, giver.Id);
            var recipientBefore = await PointsOnProfileAsync(page, recipient.Id);
            await BrowserFixture.AssertAccessibleAsync(page);

            var form = new RecognitionForm(page);
            await form.GotoAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            var left = int.Parse((await form.AllowanceLeft.TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture);
            await form.AddRecipientAsync(recipient.Name.Split(' ')[1][..4], recipient.Name);
            await form.Message.FillAsync("Thank you for untangling the delivery mix-up and calling the customer back yourself.");
            await form.Elements.GetByLabel("Problem solving").CheckAsync();
            await form.Points.FillAsync("10");
            await form.SubmitAsync();

            await Assertions.Expect(page.GetByTestId("recognition-card")).ToContainTextAsync(recipient.Name);
            await BrowserFixture.AssertAccessibleAsync(page);
            await form.GotoAsync();
            await Assertions.Expect(form.AllowanceLeft).ToHaveTextAsync((left - 10).ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.True(await PointsOnProfileAsync(page, recipient.Id) >= recipientBefore + 10);
            await Assertions.Expect(page.GetByTestId("recognition-card").First).ToContainTextAsync(giver.Name);
            Assert.True(await PointsOnProfileAsync(page, giver.Id) >= giverBefore + 2);
            await BrowserFixture.AssertAccessibleAsync(page);

            // Earning a badge: the giver logs their first moment of magic.
            var moment = new MomentForm(page);
            await moment.GotoNewAsync("magic");
            await moment.FillAsync("Answered before they had to ask", "I spotted the late delivery and called the customer with a new slot before they noticed.", ["Focus"], "a customer expecting a delivery");
            await moment.SubmitAsync("Log moment");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Answered before they had to ask");
            await page.GotoAsync($"/People/{giver.Id}#badges");
            await Assertions.Expect(page.Locator("[data-badge=first-magic]")).ToHaveAttributeAsync("data-earned", "true");
            await Assertions.Expect(page.Locator("#bell")).Not.ToHaveAttributeAsync("data-unread", "0");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.Locator("#bell").ClickAsync();
            await Assertions.Expect(page.GetByTestId("notification").First).ToContainTextAsync("First moment of magic");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GotoAsync("/Leaderboard?period=week&scope=organisation&measure=points");
            await Assertions.Expect(page.GetByTestId("leaders")).ToContainTextAsync(giver.Name);
            await Assertions.Expect(page.GetByTestId("my-rank")).ToContainTextAsync("Your rank: #");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GotoAsync("/Leaderboard?period=all&measure=given&scope=team");
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task Refusals_are_explained_beside_the_field() =>
        browser.RunAsync(nameof(Refusals_are_explained_beside_the_field), async page =>
        {
            await new LoginPage(page).SignInAsync("employee@demo.test");
            var form = new RecognitionForm(page);
            await form.GotoAsync();
            await form.Message.FillAsync("Too short");
            await page.EvaluateAsync("() => { const f = document.querySelector('#recognition-form'); f.classList.add('sent'); f.submit(); }");
            await page.WaitForFunctionAsync("() => !document.querySelector('#recognition-form.sent')");
            await Assertions.Expect(page.Locator("[data-valmsg-for='Form.RecipientIds']")).ToContainTextAsync("Choose at least one colleague");
            await Assertions.Expect(page.Locator("[data-valmsg-for='Form.Message']")).ToContainTextAsync("Write at least 20 characters");
            await Assertions.Expect(page.Locator("[data-valmsg-for='Form.Elements']")).ToContainTextAsync("Tick at least one service element");
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task The_dark_theme_is_accessible_on_the_gamification_pages() =>
        browser.RunAsync(nameof(The_dark_theme_is_accessible_on_the_gamification_pages), async page =>
        {
            var shell = await new LoginPage(page).SignInAsync("manager@demo.test");
            await shell.ToggleThemeAsync();
            foreach (var path in new[] { "/Leaderboard", "/Recognition/Give", "/Notifications", "/Admin/Flags" })
            {
                await page.GotoAsync(path);
                Assert.Equal("dark", await shell.ThemeAsync());
                if (path != "/Admin/Flags")
                {
                    await BrowserFixture.AssertAccessibleAsync(page);
                }
            }

            await page.Locator("#account-menu").ClickAsync();
            await page.GetByRole(AriaRole.Link, new() { Name = "My profile" }).ClickAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
        });
}
