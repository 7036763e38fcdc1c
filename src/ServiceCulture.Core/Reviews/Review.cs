using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Reviews;

/// <summary>A review period for some teams: one review per person, with its deadlines.</summary>
public sealed class ReviewCycle
{
    public const int NameMaxLength = 80;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public DateOnly SelfAssessmentDue { get; set; }
    public DateOnly ReviewDue { get; set; }
    public int CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Closed cycles are history: their reviews are read, not written.</summary>
    public DateTime? ClosedAt { get; set; }

    public List<ReviewCycleTeam> Teams { get; set; } = [];
    public List<Review> Reviews { get; set; } = [];

    public bool IsOpen => ClosedAt is null;
}

/// <summary>A team a cycle covers.</summary>
public sealed class ReviewCycleTeam
{
    public int CycleId { get; set; }
    public int TeamId { get; set; }
    public Team? Team { get; set; }
}

/// <summary>Where a review stands; it only moves forward, except through a logged reopen.</summary>
public enum ReviewState
{
    NotStarted = 1,
    SelfAssessed = 2,
    Draft = 3,
    Shared = 4,
    Acknowledged = 5,
}

/// <summary>Whose rating a rating row is.</summary>
public enum RatingSource
{
    Self = 1,
    Manager = 2,
}

/// <summary>One person's review in a cycle, by the manager they had when it was opened (or moved to).</summary>
public sealed class Review
{
    public const int TextMaxLength = 2000;
    public const int ActionMaxLength = 300;
    public const int MaxActions = 3;

    public long Id { get; set; }
    public int CycleId { get; set; }
    public ReviewCycle? Cycle { get; set; }
    public int EmployeeId { get; set; }
    public Employee? Employee { get; set; }
    public int ManagerId { get; set; }
    public Employee? Manager { get; set; }

    /// <summary>The team the person was in when the review was created.</summary>
    public int? TeamId { get; set; }

    public ReviewState State { get; set; } = ReviewState.NotStarted;

    /// <summary>Raised by one on every save; a save that started from an older value is refused.</summary>
    public int Version { get; set; }

    public DateTime? LastSavedAt { get; set; }
    public int? LastSavedById { get; set; }

    public DateTime? SelfAssessedAt { get; set; }
    public long? ProudMomentId { get; set; }
    public string? SelfComment { get; set; }

    public string? Strengths { get; set; }
    public ServiceElements? FocusElement { get; set; }
    public string? FocusAction1 { get; set; }
    public string? FocusAction2 { get; set; }
    public string? FocusAction3 { get; set; }
    public DateOnly? RevisitOn { get; set; }
    public string? Summary { get; set; }

    /// <summary>The manager's own notes; the employee never sees them.</summary>
    public string? ManagerNotes { get; set; }

    public DateTime? SharedAt { get; set; }
    public DateTime? AcknowledgedAt { get; set; }
    public string? EmployeeComment { get; set; }

    public List<ReviewRating> Ratings { get; set; } = [];
    public List<FeedbackRequest> FeedbackRequests { get; set; } = [];

    public IEnumerable<string> FocusActions => new[] { FocusAction1, FocusAction2, FocusAction3 }.Where(a => !string.IsNullOrWhiteSpace(a))!;
}

/// <summary>A 1–5 rating and comment on one element, by the employee or the manager.</summary>
public sealed class ReviewRating
{
    public long ReviewId { get; set; }
    public RatingSource Source { get; set; }
    public ServiceElements Element { get; set; }
    public int Rating { get; set; }
    public string? Comment { get; set; }
}

/// <summary>A colleague the person served, asked to say how it went, before a date.</summary>
public sealed class FeedbackRequest
{
    public const int MaxPerReview = 5;
    public const int MinForAggregate = 3;

    public long Id { get; set; }
    public long ReviewId { get; set; }
    public Review? Review { get; set; }
    public int GiverId { get; set; }
    public Employee? Giver { get; set; }
    public int RequestedById { get; set; }
    public DateTime RequestedAt { get; set; }

    /// <summary>The last day answers are taken, in the giver's time zone.</summary>
    public DateOnly DueOn { get; set; }

    public DateTime? RemindedAt { get; set; }
    public DateTime? AnsweredAt { get; set; }
    public List<FeedbackAnswer> Answers { get; set; } = [];
}

/// <summary>A feedback giver's 1–5 rating and comment on one element.</summary>
public sealed class FeedbackAnswer
{
    public long RequestId { get; set; }
    public ServiceElements Element { get; set; }
    public int Rating { get; set; }
    public string? Comment { get; set; }
}
