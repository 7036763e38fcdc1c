using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The six-element report: its charts, the tables beside them and their CSV downloads.</summary>
public sealed class ReportPage(IPage page)
{
    public ILocator Heading => page.Locator("main h1").First;
    public ILocator Period => page.GetByTestId("report-period");
    public ILocator Charts => page.Locator("canvas[data-chart]");
    public ILocator Radar => page.Locator("canvas[data-chart=radar]");
    public ILocator Figures => page.GetByTestId("figures");
    public ILocator Elements => page.GetByTestId("elements");
    public ILocator Trend => page.GetByTestId("trend");
    public ILocator Teams => page.GetByTestId("teams");

    /// <summary>A figure's value cell, by its key in the figure catalogue.</summary>
    public ILocator Figure(string key) => page.Locator($"[data-figure={key}] td").First;

    /// <summary>Whether Chart.js drew every chart on the page.</summary>
    public Task<bool> ChartsDrawnAsync() =>
        page.EvaluateAsync<bool>("() => { const all = [...document.querySelectorAll('canvas[data-chart]')]; return all.length > 0 && all.every(c => window.Chart && window.Chart.getChart(c)); }");

    /// <summary>Clicks a table's CSV link and returns the downloaded file's text.</summary>
    public async Task<(string Name, string Text)> DownloadCsvAsync(string testId)
    {
        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByTestId(testId).ClickAsync());
        var path = await download.PathAsync();
        return (download.SuggestedFilename, await File.ReadAllTextAsync(path!));
    }
}
