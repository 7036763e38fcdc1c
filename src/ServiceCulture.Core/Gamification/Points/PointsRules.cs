namespace ServiceCulture.Gamification;

/// <summary>
/// How many points each activity earns (a moment, a recovery, giving a recognition), the daily caps and the
/// giving allowance. Admins change them on the settings page; defaults apply until they do.
/// </summary>
public sealed record PointsRules
{
    public int MonthlyAllowance { get; init; } = 100;
    public int MaxPointsPerRecognition { get; init; } = 50;
    public int MomentPoints { get; init; } = 10;
    public int MomentsCountedPerDay { get; init; } = 3;
    public int RecoveryPoints { get; init; } = 25;
    public int GivingPoints { get; init; } = 2;
    public int GivingsCountedPerDay { get; init; } = 5;

    public static readonly PointsRules Defaults = new();

    public static IReadOnlyList<(string Key, string Label, string Hint, int Min, int Max)> Fields =>
    [
        (nameof(MonthlyAllowance), "Monthly giving allowance", "Points each person can give away each month; unused points expire at month end.", 0, 10_000),
        (nameof(MaxPointsPerRecognition), "Most points in one recognition", "The most points one recognition can give each colleague.", 0, 1_000),
        (nameof(MomentPoints), "Points for logging a moment", "Earned by the author.", 0, 1_000),
        (nameof(MomentsCountedPerDay), "Moments counted per day", "Moments beyond this in one day earn no points (they are still logged).", 0, 100),
        (nameof(RecoveryPoints), "Points for a recovery", "Earned by the person who recovered the misery.", 0, 1_000),
        (nameof(GivingPoints), "Points for giving a recognition", "Rewards the giver, not only the receiver.", 0, 1_000),
        (nameof(GivingsCountedPerDay), "Recognitions given counted per day", "Giving beyond this in one day earns the giver no points.", 0, 100),
    ];

    public int Get(string key) => key switch
    {
        nameof(MonthlyAllowance) => MonthlyAllowance,
        nameof(MaxPointsPerRecognition) => MaxPointsPerRecognition,
        nameof(MomentPoints) => MomentPoints,
        nameof(MomentsCountedPerDay) => MomentsCountedPerDay,
        nameof(RecoveryPoints) => RecoveryPoints,
        nameof(GivingPoints) => GivingPoints,
        nameof(GivingsCountedPerDay) => GivingsCountedPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown points rule."),
    };
}
