namespace ServiceCulture.Moments;

/// <summary>The words the portal uses for kinds, recovery steps, reactions and visibility.</summary>
public static class MomentCatalog
{
    public sealed record KindInfo(MomentKind Kind, string Name, string Meaning);

    public static readonly IReadOnlyList<KindInfo> Kinds =
    [
        new(MomentKind.Truth, "Moment of truth", "Any point where a customer, inside or outside, forms an impression of us."),
        new(MomentKind.Magic, "Moment of magic", "A moment of truth handled better than the customer expected."),
        new(MomentKind.Misery, "Moment of misery", "A moment of truth that went wrong. It stays open until its recovery is logged."),
        new(MomentKind.Recovery, "Recovery", "A misery turned around. Handled well, it can win more loyalty than getting it right first time."),
    ];

    public static KindInfo Kind(MomentKind kind) => Kinds.Single(k => k.Kind == kind);

    public sealed record StepInfo(int Number, string Title, string Prompt);

    public static readonly IReadOnlyList<StepInfo> RecoverySteps =
    [
        new(1, "Solve first, blame later", "We dealt with the problem before asking whose fault it was; nobody said \"not our problem\"."),
        new(2, "Own it and fix it fast", "One person took ownership and the fix came quickly."),
        new(3, "Fix it in the customer's favour", "Where there was doubt we decided for the customer, even at a cost to us."),
        new(4, "Find the cause and prevent a repeat", "We know why it happened and what now stops it happening again."),
        new(5, "Close graciously", "We acknowledged it, apologised where we erred, and said what changed."),
    ];

    public sealed record ReactionInfo(ReactionKind Kind, string Name);

    public static readonly IReadOnlyList<ReactionInfo> Reactions =
    [
        new(ReactionKind.Applause, "Applause"),
        new(ReactionKind.Heart, "Love this"),
        new(ReactionKind.Insight, "Insightful"),
        new(ReactionKind.Support, "Support"),
    ];

    public sealed record VisibilityInfo(Visibility Visibility, string Name, string Hint);

    public static readonly IReadOnlyList<VisibilityInfo> Visibilities =
    [
        new(Visibility.Everyone, "Everyone", "The whole company can read it and learn from it."),
        new(Visibility.MyTeam, "My team", "Your team and your manager."),
        new(Visibility.AuthorAndManager, "Only me and my manager", "For something sensitive you still want on record."),
    ];

    public static Visibility DefaultVisibility(MomentKind kind) => kind == MomentKind.Misery ? Visibility.MyTeam : Visibility.Everyone;
}
