using ServiceCulture.Moments;

namespace ServiceCulture.Reviews;

/// <summary>A 1–5 rating and an optional comment on one element, as entered.</summary>
public sealed record ElementRatingDraft(ServiceElements Element, int? Rating, string? Comment);

/// <summary>The employee's own view of the period.</summary>
public sealed record SelfAssessmentDraft
{
    public IReadOnlyList<ElementRatingDraft> Ratings { get; init; } = [];
    public long? ProudMomentId { get; init; }
    public string? Comment { get; init; }
}

/// <summary>The manager's assessment.</summary>
public sealed record AssessmentDraft
{
    public IReadOnlyList<ElementRatingDraft> Ratings { get; init; } = [];
    public string? Strengths { get; init; }
    public ServiceElements? FocusElement { get; init; }
    public IReadOnlyList<string?> Actions { get; init; } = [];
    public DateOnly? RevisitOn { get; init; }
    public string? Summary { get; init; }
    public string? ManagerNotes { get; init; }
}

/// <summary>A new cycle: its name, period, deadlines and the teams it covers.</summary>
public sealed record CycleDraft
{
    public string Name { get; init; } = "";
    public DateOnly PeriodStart { get; init; }
    public DateOnly PeriodEnd { get; init; }
    public DateOnly SelfAssessmentDue { get; init; }
    public DateOnly ReviewDue { get; init; }
    public IReadOnlyList<int> TeamIds { get; init; } = [];
}

/// <summary>How the person looking at a review stands to it; decides what they see and may do.</summary>
public enum ReviewRole
{
    None = 0,
    Employee = 1,
    Manager = 2,
    ManagersManager = 3,
    Admin = 4,
}

/// <summary>Everything one can do to a review; <see cref="ReviewRules.Allows"/> says who may, when.</summary>
public enum ReviewAction
{
    View = 1,
    SelfAssess = 2,
    Assess = 3,
    Share = 4,
    Reopen = 5,
    Acknowledge = 6,
    AskFeedback = 7,
    SeeManagerNotes = 8,
    SeeFeedbackNames = 9,
}
