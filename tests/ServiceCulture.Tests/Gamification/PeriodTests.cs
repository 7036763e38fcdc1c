using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Gamification;

/// <summary>Leaderboard periods start at the viewer's local midnight, exactly, in every time zone.</summary>
public sealed class PeriodTests(AppFixture app) : AppTest(app)
{
    private static List<(string Name, int Score)> Leaders(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("[data-testid=leader]")
            .Select(l => (l.QuerySelector("a")!.TextContent.Trim(), int.Parse(l.QuerySelector("[data-testid=leader-score]")!.FirstChild!.TextContent.Trim(), CultureInfo.InvariantCulture)))
            .ToList();

    [Fact]
    public async Task This_month_starts_at_midnight_in_Sydney_and_in_Los_Angeles_across_the_daylight_saving_change()
    {
        // Los Angeles left daylight saving at 09:00 UTC on 1 November 2026, so its November began at
        // 07:00 UTC (midnight PDT); Sydney's began at 13:00 UTC on 31 October (midnight AEDT).
        var x = await OnlyTheseAsync("zoe.campbell@demo.test", 5000, Utc(2026, 10, 31, 14, 0));   // Sydney 1 Nov 01:00, LA 31 Oct 07:00
        var y = await OnlyTheseAsync("oscar.lindgren@demo.test", 4000, Utc(2026, 11, 1, 7, 30)); // Sydney 1 Nov 18:30, LA 1 Nov 00:30 PDT
        var z = await OnlyTheseAsync("laura.costa@demo.test", 3000, Utc(2026, 11, 1, 3, 0));     // Sydney 1 Nov 14:00, LA 31 Oct 20:00
        var w = await OnlyTheseAsync("ben.cohen@demo.test", 2000, Utc(2026, 10, 31, 12, 30));   // Sydney 31 Oct 23:30, LA 31 Oct 05:30

        using var sydney = await ViewerAsync("noah.okafor@demo.test", "Australia/Sydney");
        using var losAngeles = await ViewerAsync("liam.byrne@demo.test", "America/Los_Angeles");

        var inSydney = Leaders(await sydney.GetDocumentAsync("/Leaderboard?period=month&scope=organisation&measure=points"));
        Assert.Contains((x, 5000), inSydney);
        Assert.Contains((y, 4000), inSydney);
        Assert.Contains((z, 3000), inSydney);
        Assert.DoesNotContain(inSydney, l => l.Name == w);

        var inLosAngeles = Leaders(await losAngeles.GetDocumentAsync("/Leaderboard?period=month&scope=organisation&measure=points"));
        Assert.Contains((y, 4000), inLosAngeles);
        Assert.DoesNotContain(inLosAngeles, l => l.Name == x || l.Name == z || l.Name == w);

        // 30 November 14:00 UTC: December has begun in Sydney but not yet in Los Angeles.
        App.Factory.Clock.SetUtcNow(Utc(2026, 11, 30, 14, 0));
        await sydney.SignInOrFailAsync("noah.okafor@demo.test"); // the sign-in cookie lasts 10 hours
        await losAngeles.SignInOrFailAsync("liam.byrne@demo.test");
        var december = Leaders(await sydney.GetDocumentAsync("/Leaderboard?period=month"));
        Assert.DoesNotContain(december, l => l.Name == x || l.Name == y || l.Name == z);
        Assert.Contains((y, 4000), Leaders(await losAngeles.GetDocumentAsync("/Leaderboard?period=month")));
    }

    [Fact]
    public async Task A_quarter_that_began_before_the_clocks_changed_starts_at_the_old_offset()
    {
        // Sydney's fourth quarter began at midnight AEST (UTC+10), three days before daylight saving.
        var before = await OnlyTheseAsync("zoe.campbell@demo.test", 5000, Utc(2026, 9, 30, 13, 30)); // 30 Sep 23:30 AEST
        var after = await OnlyTheseAsync("oscar.lindgren@demo.test", 4000, Utc(2026, 9, 30, 14, 30)); // 1 Oct 00:30 AEST
        using var sydney = await ViewerAsync("noah.okafor@demo.test", "Australia/Sydney");

        var quarter = Leaders(await sydney.GetDocumentAsync("/Leaderboard?period=quarter"));
        Assert.Contains((after, 4000), quarter);
        Assert.DoesNotContain(quarter, l => l.Name == before);
    }

    [Theory]
    [InlineData("Australia/Sydney")]
    [InlineData("America/Los_Angeles")]
    [InlineData("Asia/Kolkata")]
    [InlineData("Asia/Kathmandu")]
    [InlineData("Australia/Adelaide")]
    [InlineData("America/St_Johns")]
    public async Task Points_by_period_equal_the_ledger_summed_from_the_local_midnight(string timeZone)
    {
        var now = App.Factory.Clock.UtcNow;
        var liam = await M.PersonAsync(App, "liam.byrne@demo.test");
        foreach (var period in new[] { LeaderboardPeriod.Week, LeaderboardPeriod.Month, LeaderboardPeriod.Quarter })
        {
            var start = LeaderboardQuery.PeriodStart(period, now, timeZone)!.Value;
            Assert.Equal(TimeOnly.MinValue, TimeOnly.FromDateTime(ServiceTimeZones.ToLocal(start, timeZone)));
            await RecordAsync(liam, 7, start.AddMinutes(-1), $"edge:{timeZone}:{period}:before");
            await RecordAsync(liam, 11, start, $"edge:{timeZone}:{period}:at");
        }

        foreach (var period in new[] { LeaderboardPeriod.Week, LeaderboardPeriod.Month, LeaderboardPeriod.Quarter })
        {
            var start = LeaderboardQuery.PeriodStart(period, now, timeZone)!.Value;
            foreach (var element in new ServiceElements?[] { null, ServiceElements.Focus })
            {
                await AssertBoardEqualsLedgerAsync(start, element);
            }
        }
    }

    [Fact]
    public async Task Points_from_any_instant_equal_the_ledger_whichever_month_boundary_is_nearer()
    {
        // Rows either side of month and day boundaries, then boards from instants early in a month
        // (months less days less hours), late in one (hours plus days plus later months) and on boundaries.
        var liam = await M.PersonAsync(App, "liam.byrne@demo.test");
        var rows = new[] { Utc(2026, 9, 30, 23, 59), Utc(2026, 10, 1, 0, 0), Utc(2026, 10, 2, 10, 0), Utc(2026, 10, 17, 12, 0), Utc(2026, 10, 30, 20, 0), Utc(2026, 10, 31, 23, 0), Utc(2026, 11, 1, 0, 30), Utc(2026, 11, 16, 6, 45) };
        for (var i = 0; i < rows.Length; i++)
        {
            await RecordAsync(liam, 3 + i, rows[i], $"instant:{i}");
        }

        var instants = new[]
        {
            Utc(2026, 9, 30, 18, 30), Utc(2026, 10, 1, 0, 0), Utc(2026, 10, 1, 5, 0), Utc(2026, 10, 2, 10, 0), Utc(2026, 10, 3, 0, 0),
            Utc(2026, 10, 16, 13, 45), Utc(2026, 10, 17, 12, 0), Utc(2026, 10, 30, 19, 0), Utc(2026, 10, 31, 23, 30), Utc(2026, 11, 1, 0, 30),
        };
        foreach (var from in instants)
        {
            foreach (var element in new ServiceElements?[] { null, ServiceElements.Focus, ServiceElements.Measured })
            {
                await AssertBoardEqualsLedgerAsync(from, element);
            }
        }
    }

    [Fact]
    public void A_day_whose_midnight_is_skipped_by_daylight_saving_starts_when_the_clocks_resume()
    {
        // Chile moved its clocks from 00:00 to 01:00 on 6 September 2026: that day began at 04:00 UTC.
        Assert.Equal(Utc(2026, 9, 6, 4, 0), ServiceTimeZones.StartOfDayUtc(new DateOnly(2026, 9, 6), "America/Santiago"));
        // Midnight in Los Angeles on the day the clocks go back happens once, at 07:00 UTC.
        Assert.Equal(Utc(2026, 11, 1, 7, 0), ServiceTimeZones.StartOfDayUtc(new DateOnly(2026, 11, 1), "America/Los_Angeles"));
        Assert.Equal(Utc(2026, 11, 2, 8, 0), ServiceTimeZones.StartOfDayUtc(new DateOnly(2026, 11, 2), "America/Los_Angeles"));
        Assert.Equal(Utc(2026, 11, 17, 18, 15), ServiceTimeZones.StartOfDayUtc(new DateOnly(2026, 11, 18), "Asia/Kathmandu"));
    }

    /// <summary>The board's points from an instant equal the ledger's rows from that instant on, person by person.</summary>
    private async Task AssertBoardEqualsLedgerAsync(DateTime from, ServiceElements? element)
    {
        await using var scope = App.Scope();
        var scores = await scope.ServiceProvider.GetRequiredService<PointsLedger>().LeaderboardPointsAsync(from, element, CancellationToken.None);
        var expected = await App.WithDbAsync(db => db.PointsLedger
            .Where(e => e.At >= from && e.OnLeaderboard && (element == null || (e.Elements & element.Value) == element.Value))
            .GroupBy(e => e.EmployeeId).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount) })
            .ToDictionaryAsync(g => g.Key, g => g.Sum));
        Assert.Equal(expected.Where(e => e.Value != 0).OrderBy(e => e.Key), scores.Where(s => s.Value != 0).OrderBy(s => s.Key));
    }

    private static DateTime Utc(int year, int month, int day, int hour, int minute) => new(year, month, day, hour, minute, 0, DateTimeKind.Utc);

    /// <summary>Leaves the person with a single ledger row, so their score on any board is known exactly.</summary>
    private async Task<string> OnlyTheseAsync(string email, int points, DateTime at)
    {
        var id = await M.PersonAsync(App, email);
        await App.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == id).ExecuteDeleteAsync());
        await RecordAsync(id, points, at, "test:" + email);
        await using var scope = App.Scope();
        await scope.ServiceProvider.GetRequiredService<PointsLedger>().RebuildRollupsAsync(CancellationToken.None);
        return await App.WithDbAsync(db => db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync());
    }

    private async Task RecordAsync(int employeeId, int points, DateTime at, string source)
    {
        await using var scope = App.Scope();
        await scope.ServiceProvider.GetRequiredService<PointsLedger>().RecordAsync(
            [new PointsEntry { EmployeeId = employeeId, Amount = points, Reason = PointsReason.Badge, Source = source, At = at, Elements = ServiceElements.Focus }],
            CancellationToken.None);
    }

    private async Task<PortalClient> ViewerAsync(string email, string timeZone)
    {
        await App.WithDbAsync(db => db.Users.Where(u => u.Email == email).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, timeZone)));
        var client = App.CreateClient();
        await client.SignInOrFailAsync(email);
        return client;
    }
}
