using ServiceCulture.Moments;

namespace ServiceCulture.Gamification;

/// <summary>The stretch of time a leaderboard counts, in the viewer's time zone.</summary>
public enum LeaderboardPeriod
{
    Week = 1,
    Month = 2,
    Quarter = 3,
    All = 4,
}

/// <summary>What a leaderboard counts.</summary>
public enum LeaderboardMeasure
{
    /// <summary>Points that count on leaderboards (quiet recognitions left out).</summary>
    Points = 1,

    /// <summary>Recognitions given, quiet ones left out.</summary>
    Given = 2,

    /// <summary>Miseries recovered, counted for whoever recovered them.</summary>
    Recoveries = 3,
}

/// <summary>Whom a leaderboard compares the viewer with.</summary>
public enum LeaderboardScope
{
    Team = 1,
    Organisation = 2,
}

/// <summary>One leaderboard: period, scope, measure, and optionally one service element.</summary>
public sealed record LeaderboardChoice(
    LeaderboardPeriod Period = LeaderboardPeriod.Month,
    LeaderboardScope Scope = LeaderboardScope.Organisation,
    LeaderboardMeasure Measure = LeaderboardMeasure.Points,
    ServiceElements? Element = null);

/// <summary>The words for each choice, as pages, digests and reports show them.</summary>
public static class LeaderboardCatalog
{
    public static readonly IReadOnlyList<(LeaderboardPeriod Value, string Label)> Periods =
        [(LeaderboardPeriod.Week, "This week"), (LeaderboardPeriod.Month, "This month"), (LeaderboardPeriod.Quarter, "This quarter"), (LeaderboardPeriod.All, "All time")];

    public static readonly IReadOnlyList<(LeaderboardScope Value, string Label)> Scopes =
        [(LeaderboardScope.Team, "My team"), (LeaderboardScope.Organisation, "Whole organisation")];

    public static readonly IReadOnlyList<(LeaderboardMeasure Value, string Label, string Unit)> Measures =
        [(LeaderboardMeasure.Points, "Points", "points"), (LeaderboardMeasure.Given, "Recognitions given", "recognitions"), (LeaderboardMeasure.Recoveries, "Recoveries", "recoveries")];

    public static string Label(LeaderboardPeriod period) => Periods.Single(p => p.Value == period).Label;

    public static string Label(LeaderboardMeasure measure) => Measures.Single(m => m.Value == measure).Label;

    public static string Unit(LeaderboardMeasure measure) => Measures.Single(m => m.Value == measure).Unit;
}
