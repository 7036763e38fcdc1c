using System.Net;
using System.Net.Http.Headers;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Admin;

/// <summary>Recording outcome measures by form and by CSV upload, with a preview, per-row errors and idempotent re-uploads.</summary>
public sealed class OutcomesTests(AppFixture app) : AppTest(app)
{
    private const string Header = "team,month,csat,nps,retention,referrals,complaints\n";

    private async Task<(HttpStatusCode Status, IHtmlDocument Page)> UploadAsync(PortalClient admin, string csv)
    {
        var page = await admin.GetDocumentAsync("/Admin/Outcomes");
        var token = page.QuerySelector("#upload-form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new MultipartFormDataContent();
        content.Add(new StringContent(token), "__RequestVerificationToken");
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        content.Add(file, "upload", "outcomes.csv");
        using var response = await admin.Http.PostAsync(new Uri("/Admin/Outcomes?handler=Preview", UriKind.Relative), content);
        return (response.StatusCode, PortalClient.Parse(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_csv_upload_is_previewed_then_recorded_once_however_often_it_is_uploaded()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        // September 2025 lies before the demo's year of recorded figures, so only this upload fills it.
        var csv = Header + "Customer Care,2025-09,82.5,31,91,4,7\n\"Sales\",2025-09,,12,,9,\n";
        var september = new DateOnly(2025, 9, 1);
        var seeded = await App.WithDbAsync(db => db.OutcomeMeasures.CountAsync());

        for (var round = 0; round < 2; round++)
        {
            var (status, preview) = await UploadAsync(admin, csv);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal(2, preview.QuerySelectorAll("[data-testid=upload-preview] tbody tr").Length);
            Assert.Equal(round * 2, await App.WithDbAsync(db => db.OutcomeMeasures.CountAsync(o => o.Month == september)));
            using var saved = await admin.PostFormAsync((IHtmlFormElement)preview.QuerySelector("#import-form")!, "/Admin/Outcomes", []);
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        Assert.Equal(seeded + 2, await App.WithDbAsync(db => db.OutcomeMeasures.CountAsync()));
        var rows = await App.WithDbAsync(db => db.OutcomeMeasures.Where(o => o.Month == september).OrderBy(o => o.Nps).ToListAsync());
        Assert.Equal(2, rows.Count);
        Assert.Equal((12, null, 9), (rows[0].Nps!.Value, rows[0].Csat, rows[0].Referrals!.Value));
        Assert.Equal((82.5, 31, 7), (rows[1].Csat!.Value, rows[1].Nps!.Value, rows[1].Complaints!.Value));
    }

    [Fact]
    public async Task A_malformed_file_is_refused_line_by_line_and_nothing_is_saved()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var before = await App.WithDbAsync(db => db.OutcomeMeasures.Select(o => new { o.TeamId, o.Month, o.Csat, o.Nps }).OrderBy(o => o.TeamId).ThenBy(o => o.Month).ToListAsync());
        var cases = new (string Csv, string Message)[]
        {
            ("team,month,csat\nSales,2026-09,80\n", "The columns must be exactly"),
            (Header + "Sales,2026-09,eighty,,,,\n", "Line 2: CSAT “eighty” must be a number"),
            (Header + "Sales,2026-09,,250,,,\n", "Line 2: NPS “250” must be a whole number"),
            (Header + "Sales,2026-09,,,,-3,\n", "Line 2: referrals “-3”"),
            (Header + "Nowhere,2026-09,80,,,,\n", "Line 2: there is no team called “Nowhere”"),
            (Header + "Sales,September,80,,,,\n", "Line 2: “September” is not a month"),
            (Header + "Sales,2026-09,80,,,,\nSales,2026-09,81,,,,\n", "Line 3: Sales 2026-09 is already on line 2"),
            (Header + "Sales,2026-09,,,,,\n", "enter at least one figure"),
            (Header + "Sales,2026-09,80\n", "expected 7 values, found 3"),
            ("", "Choose a CSV file"),
        };
        foreach (var (csv, message) in cases)
        {
            var (status, page) = await UploadAsync(admin, csv);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            var shown = (page.QuerySelector("[data-testid=upload-problems]")?.TextContent ?? "") + (page.QuerySelector("[data-testid=upload-error]")?.TextContent ?? "");
            Assert.Contains(message, shown, StringComparison.Ordinal);
            Assert.Null(page.QuerySelector("#import-form"));
        }

        // A forged import of a bad file is checked again on the server.
        var token = (await admin.GetDocumentAsync("/Admin/Outcomes")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var forged = await admin.PostAsync("/Admin/Outcomes?handler=Import", new Dictionary<string, string> { ["__RequestVerificationToken"] = token, ["CsvText"] = Header + "Nowhere,2026-09,80,,,,\n" });
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(before, await App.WithDbAsync(db => db.OutcomeMeasures.Select(o => new { o.TeamId, o.Month, o.Csat, o.Nps }).OrderBy(o => o.TeamId).ThenBy(o => o.Month).ToListAsync()));
    }

    [Fact]
    public async Task The_form_records_one_month_and_refuses_numbers_out_of_range()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var sales = await App.WithDbAsync(db => db.Teams.Where(t => t.Name == "Sales").Select(t => t.Id).SingleAsync());
        var form = new Dictionary<string, string> { ["Form.TeamId"] = sales.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Form.Month"] = "2026-10-15", ["Form.Csat"] = "140" };
        using (var refused = await admin.SubmitFormAsync("/Admin/Outcomes", form, "#outcome-form"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("CSAT is a percentage", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        form["Form.Csat"] = "78";
        using var saved = await admin.SubmitFormAsync("/Admin/Outcomes", form, "#outcome-form");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        // October's figures for Sales replace what the demo recorded for that month.
        var october = new DateOnly(2026, 10, 1);
        var row = await App.WithDbAsync(db => db.OutcomeMeasures.SingleAsync(o => o.TeamId == sales && o.Month == october));
        Assert.Equal((october, 78.0, null), (row.Month, row.Csat!.Value, row.Nps));

        using var employee = App.CreateClient();
        await employee.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var denied = await employee.GetAsync("/Admin/Outcomes");
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
    }
}
