using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;
using ServiceCulture.Data;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed partial class ReportsTests(BrowserFixture browser)
{
    private static readonly string[] Raters = ["daniel.kim@demo.test", "olivia.brown@demo.test", "mateo.garcia@demo.test"];
    private static readonly string[] RaterNames = ["Daniel Kim", "Olivia Brown", "Mateo Garcia"];

    [Fact]
    public Task A_team_rated_by_three_people_shows_its_satisfaction_and_its_manager_reads_the_report_with_charts_and_csv() =>
        browser.RunAsync(nameof(A_team_rated_by_three_people_shows_its_satisfaction_and_its_manager_reads_the_report_with_charts_and_csv), async page =>
        {
            int care;
            using (var scope = browser.Server.Services.CreateScope())
            {
                care = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Teams.Where(t => t.Name == "Customer Care").Select(t => t.Id).SingleAsync();
            }

            var today = browser.Server.Services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var month = today.ToString("yyyy-MM", CultureInfo.InvariantCulture);
            var team = new TeamPage(page);

            // Three people from Sales rate the service Customer Care gave them; the month's figure appears with the third.
            for (var i = 0; i < Raters.Length; i++)
            {
                var shell = await new LoginPage(page).SignInAsync(Raters[i]);
                await team.RateAsync(care, $"Browser rating {i + 1}: called back the same day.", (0, 4), (3, 3 + i));
                if (i == 0)
                {
                    await BrowserFixture.AssertAccessibleAsync(page);
                }

                if (i < Raters.Length - 1)
                {
                    await Assertions.Expect(team.Month(month)).ToHaveTextAsync("Not enough ratings yet");
                    await Assertions.Expect(page.GetByText("Browser rating", new() { Exact = false })).ToHaveCountAsync(0);
                }
                else
                {
                    // (4 + 3) + (4 + 4) + (4 + 5) over six scores.
                    await Assertions.Expect(team.Month(month)).ToHaveTextAsync("4.00");
                    await Assertions.Expect(team.Comments).ToContainTextAsync("Browser rating 3");
                    foreach (var rater in RaterNames)
                    {
                        await Assertions.Expect(page.Locator("#ratings-heading").Locator("..")).Not.ToContainTextAsync(rater);
                    }

                    await BrowserFixture.AssertAccessibleAsync(page);
                }

                await shell.SignOutAsync();
            }

            // The manager opens the team's report: the charts are drawn and their tables are beside them.
            var manager = await new LoginPage(page).SignInAsync("manager@demo.test");
            await manager.OpenAsync("Reports");
            var report = new ReportPage(page);
            await Assertions.Expect(report.Heading).ToHaveTextAsync("Reports: Customer Care");
            await Assertions.Expect(report.Figure("satisfaction-received")).ToHaveTextAsync("4.00 from 3 people");
            await Assertions.Expect(report.Radar).ToBeVisibleAsync();
            Assert.True(await report.ChartsDrawnAsync(), "Chart.js drew every chart");
            await Assertions.Expect(report.Elements.Locator("tbody tr")).ToHaveCountAsync(6);
            await Assertions.Expect(report.Trend.Locator("tbody tr")).ToHaveCountAsync(12);
            await Assertions.Expect(page.Locator("canvas[data-chart][role=img][aria-label]")).ToHaveCountAsync(await report.Charts.CountAsync());
            await BrowserFixture.AssertAccessibleAsync(page);

            // The figures download as CSV: the same numbers, cells a spreadsheet would run as formulas neutralised, no raters.
            var (name, csv) = await report.DownloadCsvAsync("csv-figures");
            Assert.Equal($"report-team-{care}-{month}-01-figures.csv", name);
            csv = csv.TrimStart('\uFEFF');
            Assert.StartsWith("Figure,Value,Previous period,Change,Definition", csv, StringComparison.Ordinal);
            Assert.Contains("Internal satisfaction received,4.00 from 3 people,", csv, StringComparison.Ordinal);
            Assert.Matches(NeutralisedCell(), csv);
            Assert.DoesNotMatch(FormulaCell(), csv);
            Assert.All(RaterNames, n => Assert.DoesNotContain(n, csv, StringComparison.Ordinal));
            Assert.DoesNotContain("Browser rating", csv, StringComparison.Ordinal);

            // Last month, from its snapshot: the screenshot the README shows.
            var last = today.AddMonths(-1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
            await page.GotoAsync($"/Reports?team={care}&period=month&month={last}");
            await Assertions.Expect(report.Period).ToContainTextAsync("from the snapshot");
            Assert.True(await report.ChartsDrawnAsync(), "Chart.js drew every chart");
            var folder = Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, "report.png"), FullPage = true });
            await manager.SignOutAsync();

            // The admin opens the organisation's report: every team side by side, with its chart and table.
            var admin = await new LoginPage(page).SignInAsync("admin@demo.test");
            await admin.OpenAsync("Reports");
            await Assertions.Expect(report.Heading).ToHaveTextAsync("Reports: Whole organisation");
            await Assertions.Expect(report.Teams.Locator("tbody tr")).ToHaveCountAsync(5);
            await Assertions.Expect(report.Teams.Locator("tbody tr").Filter(new() { HasText = "Customer Care" })).ToContainTextAsync("4.00");
            Assert.True(await report.ChartsDrawnAsync(), "Chart.js drew every chart");
            await BrowserFixture.AssertAccessibleAsync(page);
            var (_, teams) = await report.DownloadCsvAsync("csv-teams");
            Assert.StartsWith("Team,People,Moments,Recognitions", teams.TrimStart('\uFEFF'), StringComparison.Ordinal);
            Assert.Contains("Customer Care,", teams, StringComparison.Ordinal);
        });

    // A change such as "-12" or "+3" is written as '-12 / '+3, so a spreadsheet shows it as text.
    [GeneratedRegex(@"(^|,)'[-+]", RegexOptions.Multiline)]
    private static partial Regex NeutralisedCell();

    [GeneratedRegex(@"(^|,)[=+\-@]", RegexOptions.Multiline)]
    private static partial Regex FormulaCell();
}
