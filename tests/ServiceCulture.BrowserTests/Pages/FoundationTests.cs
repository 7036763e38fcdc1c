using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class FoundationTests(BrowserFixture browser)
{
    [Fact]
    public Task Sign_in_page_and_home_page_have_no_accessibility_violations() =>
        browser.RunAsync(nameof(Sign_in_page_and_home_page_have_no_accessibility_violations), async page =>
        {
            var login = new LoginPage(page);
            await login.GotoAsync();
            await BrowserFixture.AssertAccessibleAsync(page);

            var shell = await login.SignInAsync("employee@demo.test");
            Assert.Equal("Emma Lindqvist", (await shell.SignedInName.TextContentAsync())?.Trim());
            await BrowserFixture.AssertAccessibleAsync(page);

            await shell.ToggleThemeAsync();
            Assert.Equal("dark", await shell.ThemeAsync());
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task An_employee_signs_in_navigates_and_signs_out() =>
        browser.RunAsync(nameof(An_employee_signs_in_navigates_and_signs_out), async page =>
        {
            var shell = await new LoginPage(page).SignInAsync("employee@demo.test");
            Assert.EndsWith("/", page.Url, StringComparison.Ordinal);
            await Assertions.Expect(shell.NavLink("Admin")).ToHaveCountAsync(0);

            await shell.OpenAsync("Leaderboard");
            await Assertions.Expect(shell.Heading).ToHaveTextAsync("Leaderboard");
            await Assertions.Expect(shell.NavLink("Leaderboard")).ToHaveAttributeAsync("aria-current", "page");

            await shell.OpenAsync("Feed");
            await Assertions.Expect(page.GetByTestId("feed-empty").Or(page.Locator("[data-testid=feed]"))).ToBeVisibleAsync();

            await shell.SignOutAsync();
            await page.GotoAsync("/");
            Assert.Contains("/Identity/Account/Login", page.Url, StringComparison.Ordinal);
        });

    [Theory]
    [InlineData("employee@demo.test", false)]
    [InlineData("manager@demo.test", true)]
    [InlineData("admin@demo.test", true)]
    public Task The_navigation_offers_reviews_to_everyone_and_reports_to_managers_and_admins(string email, bool reports) =>
        browser.RunAsync(nameof(The_navigation_offers_reviews_to_everyone_and_reports_to_managers_and_admins) + "-" + email.Split('@')[0], async page =>
        {
            var shell = await new LoginPage(page).SignInAsync(email);
            await Assertions.Expect(shell.NavLink("Leaderboard")).ToBeVisibleAsync();
            await Assertions.Expect(shell.NavLink("Reviews")).ToHaveCountAsync(1);
            await Assertions.Expect(shell.NavLink("Reports")).ToHaveCountAsync(reports ? 1 : 0);
        });

    [Fact]
    public Task Wrong_passwords_are_explained_on_the_form() =>
        browser.RunAsync(nameof(Wrong_passwords_are_explained_on_the_form), async page =>
        {
            var login = new LoginPage(page);
            await login.GotoAsync();
            await login.Email.FillAsync("noah.okafor@demo.test");
            await login.Password.FillAsync("not the right one");
            await login.Submit.ClickAsync();
            await Assertions.Expect(login.Errors).ToContainTextAsync("do not match");
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task The_job_dashboard_opens_for_an_admin_and_is_refused_to_an_employee() =>
        browser.RunAsync(nameof(The_job_dashboard_opens_for_an_admin_and_is_refused_to_an_employee), async page =>
        {
            var shell = await new LoginPage(page).SignInAsync("admin@demo.test");
            await shell.OpenAsync("Admin");
            await BrowserFixture.AssertAccessibleAsync(page);
            var response = await page.GotoAsync("/admin/jobs");
            Assert.Equal(200, response!.Status);
            await Assertions.Expect(page.Locator("body")).ToContainTextAsync("Recurring Jobs");
            await page.GotoAsync("/");
            await shell.SignOutAsync();

            await new LoginPage(page).SignInAsync("noah.okafor@demo.test");
            var refused = await page.GotoAsync("/admin/jobs");
            Assert.Equal(403, refused!.Status);
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("You do not have access to this page");
        });

    [Fact]
    public Task The_layout_collapses_into_a_menu_on_a_phone() =>
        browser.RunAsync(nameof(The_layout_collapses_into_a_menu_on_a_phone), async page =>
        {
            var shell = await new LoginPage(page).SignInAsync("manager@demo.test");
            await Assertions.Expect(page.Locator(".navbar-toggler")).ToBeVisibleAsync();
            await shell.OpenAsync("Leaderboard");
            await Assertions.Expect(shell.Heading).ToHaveTextAsync("Leaderboard");
            await BrowserFixture.AssertAccessibleAsync(page);
        }, new ViewportSize { Width = 390, Height = 844 });
}
