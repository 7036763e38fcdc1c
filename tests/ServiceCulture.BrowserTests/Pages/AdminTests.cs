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

    [Fact]
    public Task A_csv_with_a_bad_row_shows_its_error_and_the_fixed_file_applies_with_progress_to_the_end() =>
        browser.RunAsync(nameof(A_csv_with_a_bad_row_shows_its_error_and_the_fixed_file_applies_with_progress_to_the_end), async page =>
        {
            const string header = "name,email,team,manager email,role,time zone,job title\n";
            await new LoginPage(page).SignInAsync("admin@demo.test");
            await page.GotoAsync("/Admin/People/Import");
            await BrowserFixture.AssertAccessibleAsync(page);

            await UploadAsync(page, header + "Ada Import,ada.import@demo.test,Browser Imports,,Employee,Europe/Paris,Analyst\nBad Row,not-an-email,Browser Imports,,Employee,UTC,\n");
            await Assertions.Expect(page.GetByTestId("import-blocked")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("error-rows")).ToContainTextAsync("not-an-email");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GotoAsync("/Admin/People/Import");
            await UploadAsync(page, header + "Ada Import,ada.import@demo.test,Browser Imports,,Employee,Europe/Paris,Analyst\nBen Import,ben.import@demo.test,Browser Imports,,Employee,UTC,\n");
            await Assertions.Expect(page.GetByTestId("count-new")).ToContainTextAsync("2 new");
            await page.GetByRole(AriaRole.Button, new() { Name = "Apply the import" }).ClickAsync();
            await page.GetByTestId("import-progress").WaitForAsync();
            var id = long.Parse(page.Url[(page.Url.LastIndexOf('/') + 1)..].Split('?')[0], System.Globalization.CultureInfo.InvariantCulture);

            // The job server's part: the test host runs no job server, so the test runs the queued job.
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                await scope.ServiceProvider.GetRequiredService<ServiceCulture.People.Import.PeopleImportJob>().ApplyAsync(id, CancellationToken.None);
            }

            await Assertions.Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("data-status", "Completed", new() { Timeout = 20_000 });
            await Assertions.Expect(page.GetByTestId("import-progress")).ToContainTextAsync("2 rows applied");
            await page.ReloadAsync();
            await Assertions.Expect(page.GetByTestId("import-progress")).ToHaveAttributeAsync("data-status", "Completed");
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task A_deactivated_persons_open_session_is_refused_on_their_next_click() =>
        browser.RunAsync(nameof(A_deactivated_persons_open_session_is_refused_on_their_next_click), async page =>
        {
            await using var other = await browser.Browser.NewContextAsync(new() { BaseURL = browser.Server.BaseUrl });
            var leaver = await other.NewPageAsync();
            await new LoginPage(leaver).SignInAsync("isabel.torres@demo.test");
            await leaver.GotoAsync("/");
            await Assertions.Expect(new AppShell(leaver).SignedInName).ToBeVisibleAsync();

            await new LoginPage(page).SignInAsync("admin@demo.test");
            int id;
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == "isabel.torres@demo.test").Select(u => u.Id).SingleAsync();
            }

            await page.GotoAsync($"/Admin/People/Edit/{id}");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.Locator("#deactivate-form").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("person-status")).ToHaveTextAsync("deactivated");

            await leaver.GotoAsync("/Moments/New");
            await leaver.WaitForURLAsync(url => url.Contains("/Identity/Account/Login", StringComparison.OrdinalIgnoreCase));

            await page.Locator("#reactivate-form").GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("person-status")).ToHaveTextAsync("active");
        });

    [Fact]
    public Task A_person_downloads_their_own_data_from_their_profile() =>
        browser.RunAsync(nameof(A_person_downloads_their_own_data_from_their_profile), async page =>
        {
            await new LoginPage(page).SignInAsync("manager@demo.test");
            int id;
            await using (var scope = browser.Server.Services.CreateAsyncScope())
            {
                id = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.Where(u => u.Email == "manager@demo.test").Select(u => u.Id).SingleAsync();
            }

            await page.GotoAsync($"/People/{id}");
            await BrowserFixture.AssertAccessibleAsync(page);
            var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId("my-data").ClickAsync());
            Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
            await using var stream = await download.CreateReadStreamAsync();
            using var json = await JsonDocument.ParseAsync(stream);
            Assert.Equal("manager@demo.test", json.RootElement.GetProperty("profile").GetProperty("email").GetString());
            Assert.True(json.RootElement.GetProperty("reviews").GetProperty("asReviewer").GetArrayLength() > 0);
        });

    private static async Task UploadAsync(IPage page, string csv)
    {
        await page.Locator("#File").SetInputFilesAsync(new FilePayload { Name = "people.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(csv) });
        await page.GetByRole(AriaRole.Button, new() { Name = "Preview the import" }).ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/Admin/People/Import/Details/", StringComparison.Ordinal));
    }
}
