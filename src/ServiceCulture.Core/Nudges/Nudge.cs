namespace ServiceCulture.Nudges;

/// <summary>The gaps a nudge points at.</summary>
public enum NudgeKind
{
    NoRecentMoment = 1,
    StreakEnding = 2,
    TeammateUnrecognised = 3,
    MiseryOpen = 4,
    ReviewDue = 5,
}

/// <summary>
/// A nudge given to one person: its (person, kind, period) is unique, so a rerun, a second node or a
/// resumed run never nudges twice. It shows on the feed until dismissed, in the bell, and by email.
/// </summary>
public sealed class Nudge
{
    public const int PeriodMaxLength = 60;
    public const int TextMaxLength = 300;

    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public NudgeKind Kind { get; set; }

    /// <summary>What makes it this nudge: the week, or the misery or teammate it is about.</summary>
    public string Period { get; set; } = "";

    /// <summary>Monday of the person's local week it was given in; the weekly cap counts these.</summary>
    public DateOnly Week { get; set; }

    public string Text { get; set; } = "";
    public string Tip { get; set; } = "";
    public string Link { get; set; } = "";
    public string LinkLabel { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? DismissedAt { get; set; }
}
