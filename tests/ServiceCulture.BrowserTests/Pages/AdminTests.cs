using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class AdminTests(BrowserFixture browser)
{
    [Fact]
    public Task An_admin_creates_renames_and_moves_teams_and_a_move_into_its_own_sub_team_is_refused() =>
        browser.RunAsync(nameof(An_admin_creates_renames_and_moves_teams_and_a_move_into_its_own_sub_team_is_refused), async page =>
        {
            await new LoginPage(page).SignInAsync("admin@demo.test");
            var teams = new TeamsPage(page);
            await teams.GotoAsync();
            await BrowserFixture.AssertAccessibleAsync(page);

            await teams.CreateAsync("Browser Region");
            await teams.CreateAsync("Browser Branch", parent: "Browser Region");
            await Assertions.Expect(teams.Row("Browser Branch")).ToHaveAttributeAsync("data-depth", "1");

            await teams.OpenAsync("Browser Branch");
            await BrowserFixture.AssertAccessibleAsync(page);
            await teams.SaveAsync(name: "Browser Outpost");
            await Assertions.Expect(page.Locator("main h1")).ToHaveTextAsync("Browser Outpost");

            await teams.OpenAsync("Browser Region");
            await teams.SaveAsync(parent: "Browser Outpost");
            await Assertions.Expect(teams.ParentError).ToContainTextAsync("go round in a circle");
            await BrowserFixture.AssertAccessibleAsync(page);

            await teams.GotoAsync();
            await Assertions.Expect(teams.Row("Browser Region")).ToHaveAttributeAsync("data-depth", "0");
            await Assertions.Expect(teams.Row("Browser Outpost")).ToHaveAttributeAsync("data-depth", "1");
        });

    [Fact]
    public Task An_invited_person_opens_the_link_from_the_outbox_chooses_a_password_and_is_signed_in() =>
        browser.RunAsync(nameof(An_invited_person_opens_the_link_from_the_outbox_chooses_a_password_and_is_signed_in), async page =>
        {
            const string email = "browser.newcomer@demo.test";
            await new LoginPage(page).SignInAsync("admin@demo.test");
            await page.GotoAsync("/Admin/People/Invite");
            await BrowserFixture.AssertAccessibleAsync(page);
            var form = page.Locator("#invite-form");
            await form.GetByLabel("Name", new() { Exact = true }).FillAsync("Bea Newcomer");
            await form.GetByLabel("Email", new() { Exact = true }).FillAsync(email);
            await form.GetByRole(AriaRole.Button, new() { Name = "Send the invitation" }).ClickAsync();
            await page.WaitForURLAsync(url => !url.Contains("/Invite", StringComparison.Ordinal));
            await new AppShell(page).SignOutAsync();

            string link;
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var row = await db.OutboxMessages.AsNoTracking()
                    .Where(m => m.Kind == EmailKind.Invitation && db.Users.Any(u => u.Id == m.RecipientId && u.Email == email))
                    .SingleAsync();
                Assert.NotEqual(OutboxStatus.Pending, row.Status);
                var action = JsonDocument.Parse(row.Content).RootElement.GetProperty("action").GetProperty("path").GetString()!;
                link = new Uri(action).PathAndQuery;
            }

            await page.GotoAsync(link);
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GetByLabel("Choose a password").FillAsync("meadow lantern quietly hums");
            await page.GetByLabel("Type it again").FillAsync("meadow lantern quietly hums");
            await page.GetByRole(AriaRole.Button, new() { Name = "Join and sign in" }).ClickAsync();

            await page.WaitForURLAsync(url => url.EndsWith("/Welcome", StringComparison.Ordinal));
            await Assertions.Expect(page.GetByTestId("first-run-steps").Locator("> li")).ToHaveCountAsync(3);
            await Assertions.Expect(new AppShell(page).SignedInName).ToContainTextAsync("Bea");
            await BrowserFixture.AssertAccessibleAsync(page);
        });
}
