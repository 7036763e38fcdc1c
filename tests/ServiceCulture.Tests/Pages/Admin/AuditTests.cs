using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Reporting;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Admin;

/// <summary>The audit log on both engines: filters by person, kind and dates, key paging, CSV export.</summary>
public sealed class AuditTests(EnginesFixture engines) : EngineTest(engines)
{
    private static async Task<PortalClient> AdminAsync(IPortalHost app)
    {
        var admin = app.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        return admin;
    }

    private static Task AddEntriesAsync(IPortalHost app, int count, string action, DateTime at, int? actorId = null, string? detail = null) =>
        app.WithDbAsync(async db =>
        {
            for (var i = 0; i < count; i++)
            {
                db.AuditEntries.Add(new AuditEntry { At = at.AddMinutes(i), ActorId = actorId, Action = action, Subject = "Test", SubjectId = i.ToString(CultureInfo.InvariantCulture), Detail = detail, Before = $"n={i}", After = $"n={i + 1}" });
            }

            await db.SaveChangesAsync();
        });

    private static List<string?> Ids(AngleSharp.Html.Dom.IHtmlDocument page) =>
        [.. page.QuerySelectorAll("[data-testid=audit-table] tbody tr td:nth-child(4)").Select(c => c.TextContent)];

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Pages_follow_each_other_by_key_with_no_entry_twice_and_keep_the_filters(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        var now = app.Factory.Clock.UtcNow;
        await app.WithDbAsync(db => db.AuditEntries.ExecuteDeleteAsync());
        await AddEntriesAsync(app, 120, "team.changed", now.AddDays(-1));
        await AddEntriesAsync(app, 5, "person.changed", now.AddDays(-1));

        var seen = new List<string?>();
        var url = "/Admin/Audit?Kind=team";
        for (var pages = 0; url is not null && pages < 10; pages++)
        {
            var page = await admin.GetDocumentAsync(url);
            Assert.All(page.QuerySelectorAll("[data-testid=audit-table] tbody tr"), r => Assert.Equal("team.changed", r.GetAttribute("data-action")));
            seen.AddRange(Ids(page));
            url = page.QuerySelector("[data-testid=audit-older]")?.GetAttribute("href");
            Assert.True(url is null || url.Contains("Kind=team", StringComparison.Ordinal));
        }

        Assert.Equal(120, seen.Count);
        Assert.Equal(120, seen.Distinct().Count());
        Assert.Equal("Test 119", seen[0]);
        Assert.Equal("Test 0", seen[^1]);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Filters_by_person_and_dates_show_what_the_person_did_and_what_was_done_to_them_with_before_and_after(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        var emma = await AdminPages.IdOfAsync(app, DemoOrganisation.EmployeeEmail);
        using (var changed = await admin.SubmitFormAsync($"/Admin/People/Edit/{emma}", new Dictionary<string, string> { ["Form.JobTitle"] = "Senior Support Specialist" }, "#person-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        }

        var today = DateOnly.FromDateTime(app.Factory.Clock.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await AddEntriesAsync(app, 3, "moment.hidden", app.Factory.Clock.UtcNow.AddDays(-40), actorId: emma);

        var aboutEmma = await admin.GetDocumentAsync($"/Admin/Audit?Person={Uri.EscapeDataString(DemoOrganisation.EmployeeEmail)}&From={today}&To={today}");
        var rows = aboutEmma.QuerySelectorAll("[data-testid=audit-table] tbody tr");
        Assert.DoesNotContain(rows, r => r.GetAttribute("data-action") == "moment.hidden");
        var row = Assert.Single(rows, r => r.GetAttribute("data-action") == "person.changed");
        Assert.Contains("Senior Support Specialist", row.QuerySelector("[data-testid=audit-after]")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Senior Support Specialist", row.QuerySelector("[data-testid=audit-before]")!.TextContent, StringComparison.Ordinal);

        var byEmma = await admin.GetDocumentAsync($"/Admin/Audit?Person={Uri.EscapeDataString(DemoOrganisation.EmployeeEmail)}&Kind=moment");
        Assert.Equal(3, byEmma.QuerySelectorAll("[data-testid=audit-table] tbody tr").Length);
        var nothing = await admin.GetDocumentAsync("/Admin/Audit?Kind=settings");
        Assert.NotNull(nothing.QuerySelector("[data-testid=audit-empty]"));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_csv_export_holds_the_filtered_entries_with_formulas_neutralised(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        await AddEntriesAsync(app, 2, "pair-flag.reviewed", app.Factory.Clock.UtcNow.AddHours(-2), detail: "=HYPERLINK(\"http://evil.test\")");
        await AddEntriesAsync(app, 4, "review.moved", app.Factory.Clock.UtcNow.AddHours(-2));

        var page = await admin.GetDocumentAsync("/Admin/Audit?Kind=pair-flag");
        var href = page.QuerySelector("[data-testid=audit-export]")!.GetAttribute("href")!;
        using var response = await admin.GetAsync(href);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = Csv.Read((await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF'));
        Assert.Equal(["When (UTC)", "Who", "Action", "Record", "Record id", "Detail", "Before", "After"], rows[0]);
        Assert.Equal(await app.WithDbAsync(db => db.AuditEntries.CountAsync(e => e.Action.StartsWith("pair-flag."))), rows.Count - 1);
        Assert.All(rows.Skip(1), r =>
        {
            Assert.Equal("pair-flag.reviewed", r[2]);
        });
        var ours = rows.Skip(1).Where(r => r[3] == "Test").ToList();
        Assert.Equal(2, ours.Count);
        Assert.All(ours, r => Assert.StartsWith("'=HYPERLINK", r[5], StringComparison.Ordinal));
        Assert.Equal(["n=1", "n=2"], ours.Select(r => r[7]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Filters_that_make_no_sense_get_a_message_beside_them_and_a_400(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var admin = await AdminAsync(app);
        foreach (var (url, field, message) in new[]
        {
            ("/Admin/Audit?Person=nobody@nowhere.test", "Query.Person", "Nobody in the portal"),
            ("/Admin/Audit?Kind=drop-table", "Query.Kind", "Choose a kind"),
            ("/Admin/Audit?From=2026-05-02&To=2026-05-01", "Query.To", "on or after the first day"),
            ("/Admin/Audit?From=yesterday", "Query.From", "Enter a date"),
            ("/Admin/Audit?handler=Csv&Kind=drop-table", "Query.Kind", "Choose a kind"),
        })
        {
            var page = await admin.GetDocumentAsync(url, HttpStatusCode.BadRequest);
            Assert.Contains(message, page.QuerySelector($"[data-valmsg-for='{field}']")!.TextContent, StringComparison.Ordinal);
        }
    }
}
