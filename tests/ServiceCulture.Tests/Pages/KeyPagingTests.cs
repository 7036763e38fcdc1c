using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Notifications;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Pages;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages;

/// <summary>
/// Lists paged by key resume after (time, id), so items that share a time on a page edge are
/// neither dropped nor shown twice. Run on both engines: PostgreSQL keeps microseconds, SQLite ticks.
/// </summary>
public sealed class KeyPagingTests(EnginesFixture engines) : EngineTest(engines)
{
    /// <summary>One instant for every item under test, newer than anything seeded.</summary>
    private static readonly DateTime SameInstant = new(2026, 11, 30, 12, 0, 0, 123, 456, DateTimeKind.Utc);

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_feed_shows_every_moment_and_recognition_once_when_many_share_a_time_across_page_edges(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        await app.WithDbAsync(async db =>
        {
            var moments = await db.Moments.Where(m => m.DeletedAt == null && m.HiddenAt == null).OrderBy(m => m.Id).Select(m => m.Id).Take(IndexModel.PageSize + 7).ToListAsync();
            await db.Moments.Where(m => moments.Contains(m.Id)).ExecuteUpdateAsync(s => s.SetProperty(m => m.CreatedAt, SameInstant));
            var recognitions = await db.Recognitions.Where(r => r.DeletedAt == null).OrderBy(r => r.Id).Select(r => r.Id).Take(IndexModel.PageSize + 3).ToListAsync();
            await db.Recognitions.Where(r => recognitions.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.CreatedAt, SameInstant));
        });
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);

        var seen = new List<string>();
        var page = await client.GetDocumentAsync("/");
        var pages = 1;
        while (true)
        {
            seen.AddRange(page.QuerySelectorAll("[data-testid=moment-card], [data-testid=recognition-card]").Select(c => c.Id!));
            if (page.QuerySelector("[data-testid=load-more]")?.GetAttribute("hx-get") is not { } more)
            {
                break;
            }

            page = await client.GetDocumentAsync(WebUtility.HtmlDecode(more));
            pages++;
        }

        var expected = await app.WithDbAsync(async db =>
            (await db.Moments.Where(m => m.DeletedAt == null && m.HiddenAt == null).Select(m => "moment-" + m.Id).ToListAsync())
            .Concat(await db.Recognitions.Where(r => r.DeletedAt == null).Select(r => "recognition-" + r.Id).ToListAsync())
            .ToList());
        Assert.True(pages > 2, "The shared instant should span more than one page edge.");
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task My_moments_show_every_moment_once_when_many_share_a_time_across_a_page_edge(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var emma = await M.PersonAsync(app, DemoOrganisation.EmployeeEmail);
        await GiveMomentsAtTheSameInstantAsync(app, emma, Web.Pages.Moments.MineModel.PageSize + 5);
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);

        var seen = await WalkAsync(client, "/Moments/Mine", "section[aria-labelledby=all-heading] [data-testid=moment-card]");

        var expected = await app.WithDbAsync(db => db.Moments.Where(m => m.AuthorId == emma && m.DeletedAt == null).Select(m => "moment-" + m.Id).ToListAsync());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_profile_pages_through_every_moment_once_when_many_share_a_time(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var emma = await M.PersonAsync(app, DemoOrganisation.EmployeeEmail);
        await GiveMomentsAtTheSameInstantAsync(app, emma, (Web.Pages.People.DetailsModel.RecentCount * 2) + 3);
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);

        var seen = await WalkAsync(client, $"/People/{emma}", "section[aria-labelledby=recent-heading] [data-testid=moment-card]");

        var expected = await app.WithDbAsync(db => db.Moments.Where(m => m.AuthorId == emma && m.DeletedAt == null && m.HiddenAt == null).Select(m => "moment-" + m.Id).ToListAsync());
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Notifications_show_every_notification_once_when_many_share_a_time_across_a_page_edge(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var emma = await M.PersonAsync(app, DemoOrganisation.EmployeeEmail);
        await app.WithDbAsync(async db =>
        {
            db.Notifications.AddRange(Enumerable.Range(1, Web.Pages.Notifications.IndexModel.PageSize + 4).Select(i => new Notification
            {
                EmployeeId = emma,
                Kind = NotificationKind.BadgeEarned,
                Text = $"Paging check {i}",
                Key = $"paging:{i}",
                CreatedAt = SameInstant,
            }));
            await db.SaveChangesAsync();
        });
        using var client = app.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);

        var seen = await WalkAsync(client, "/Notifications", "[data-testid=notification]", row => row.GetAttribute("data-id")!);

        var expected = (await app.WithDbAsync(db => db.Notifications.Where(n => n.EmployeeId == emma).Select(n => n.Id).ToListAsync()))
            .Select(id => id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Equal(expected.Order(), seen.Order());
    }

    [Theory]
    [InlineData("1_2")]
    [InlineData("638000000000000000_9223372036854775807")]
    public void A_page_key_reads_back_what_it_wrote(string text) =>
        Assert.Equal(text, PageKey.Parse(text)!.Value.ToString());

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("9223372036854775807")]
    [InlineData("9223372036854775807_1")]
    [InlineData("3155378976000000000_1")]
    [InlineData("0_1")]
    [InlineData("-1_1")]
    [InlineData("1_-1")]
    [InlineData("1_2_3")]
    [InlineData("1_")]
    [InlineData("_1")]
    [InlineData("abc_def")]
    [InlineData("+1_+1")]
    [InlineData("1 _1")]
    public void A_forged_or_out_of_range_page_key_reads_as_the_first_page(string? text) =>
        Assert.Null(PageKey.Parse(text));

    /// <summary>Makes the person the author of enough public moments, all logged at the same instant.</summary>
    private static Task GiveMomentsAtTheSameInstantAsync(IPortalHost app, int authorId, int count) =>
        app.WithDbAsync(async db =>
        {
            var ids = await db.Moments.Where(m => m.DeletedAt == null && m.HiddenAt == null && m.Visibility == ServiceCulture.Moments.Visibility.Everyone)
                .OrderBy(m => m.Id).Select(m => m.Id).Take(count).ToListAsync();
            Assert.Equal(count, ids.Count);
            await db.Moments.Where(m => ids.Contains(m.Id)).ExecuteUpdateAsync(s => s
                .SetProperty(m => m.AuthorId, authorId)
                .SetProperty(m => m.CreatedAt, SameInstant));
        });

    /// <summary>Follows the "older" links from the first page to the last, collecting the items.</summary>
    private static async Task<List<string>> WalkAsync(PortalClient client, string url, string itemSelector, Func<AngleSharp.Dom.IElement, string>? identify = null)
    {
        identify ??= e => e.Id!;
        var seen = new List<string>();
        var pages = 0;
        string? next = url;
        while (next is not null)
        {
            IHtmlDocument page = await client.GetDocumentAsync(next);
            pages++;
            seen.AddRange(page.QuerySelectorAll(itemSelector).Select(identify));
            var older = page.QuerySelector("[data-testid=older]")?.GetAttribute("href");
            next = older is null ? null : older.StartsWith('?') ? url.Split('?')[0] + older : older.Split('#')[0];
        }

        Assert.True(pages > 1, $"{url} should have more than one page.");
        return seen;
    }
}
