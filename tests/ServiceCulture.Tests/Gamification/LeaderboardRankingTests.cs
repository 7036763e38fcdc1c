using ServiceCulture.Gamification;
using ServiceCulture.People;

namespace ServiceCulture.Tests.Gamification;

/// <summary>The leaderboard's rules in Core, without a page: ranking with ties, opt-out, scope, periods.</summary>
public sealed class LeaderboardRankingTests
{
    private static readonly Dictionary<int, LeaderboardPerson> People = new()
    {
        [1] = new(1, "Ada", 10, "Care", OptedOut: false),
        [2] = new(2, "Ben", 10, "Care", OptedOut: false),
        [3] = new(3, "Cleo", 20, "Sales", OptedOut: false),
        [4] = new(4, "Dev", 20, "Sales", OptedOut: true),
        [5] = new(5, "Eve", 10, "Care", OptedOut: false),
        [6] = new(6, "Finn", 20, "Sales", OptedOut: false),
    };

    private static readonly Actor Viewer = new(1, 10);

    [Fact]
    public void Equal_scores_share_a_rank_and_the_next_rank_skips()
    {
        var scores = new Dictionary<int, int> { [1] = 30, [2] = 50, [3] = 30, [5] = 10, [6] = 30 };
        var rows = LeaderboardQuery.Rank(People, scores, LeaderboardScope.Organisation, Viewer);
        Assert.Equal([(1, "Ben"), (2, "Ada"), (2, "Cleo"), (2, "Finn"), (5, "Eve")], rows.Select(r => (r.Rank, r.Name)));
    }

    [Fact]
    public void People_who_opted_out_are_left_out_without_taking_a_rank()
    {
        var scores = new Dictionary<int, int> { [4] = 99, [2] = 50, [1] = 40 };
        var rows = LeaderboardQuery.Rank(People, scores, LeaderboardScope.Organisation, Viewer);
        Assert.DoesNotContain(rows, r => r.EmployeeId == 4);
        Assert.Equal([(1, "Ben"), (2, "Ada")], rows.Select(r => (r.Rank, r.Name)));
    }

    [Fact]
    public void Team_scope_ranks_only_the_viewers_team_and_nobody_scores_zero_or_is_unknown()
    {
        var scores = new Dictionary<int, int> { [1] = 5, [2] = 0, [3] = 70, [5] = 5, [99] = 100 };
        var rows = LeaderboardQuery.Rank(People, scores, LeaderboardScope.Team, Viewer);
        Assert.Equal([(1, "Ada"), (1, "Eve")], rows.Select(r => (r.Rank, r.Name)));
        Assert.Empty(LeaderboardQuery.Rank(People, scores, LeaderboardScope.Team, new Actor(7, null)));
    }

    [Theory]
    [InlineData(LeaderboardPeriod.Week, "Australia/Sydney", "2026-03-08T13:00:00Z")]
    [InlineData(LeaderboardPeriod.Month, "Australia/Sydney", "2026-02-28T13:00:00Z")]
    [InlineData(LeaderboardPeriod.Quarter, "America/Los_Angeles", "2026-01-01T08:00:00Z")]
    [InlineData(LeaderboardPeriod.Month, "UTC", "2026-03-01T00:00:00Z")]
    public void A_period_starts_at_local_midnight_in_the_viewers_time_zone(LeaderboardPeriod period, string timeZone, string expected)
    {
        // Tuesday 10 March 2026, 12:00 UTC: already Tuesday evening in Sydney, Tuesday morning in Los Angeles.
        var now = new DateTime(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);
        var start = LeaderboardQuery.PeriodStart(period, now, timeZone);
        Assert.Equal(DateTime.Parse(expected, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AdjustToUniversal), start);
    }

    [Fact]
    public void All_time_has_no_start()
    {
        Assert.Null(LeaderboardQuery.PeriodStart(LeaderboardPeriod.All, new DateTime(2026, 11, 18, 9, 30, 0, DateTimeKind.Utc), "UTC"));
    }
}
