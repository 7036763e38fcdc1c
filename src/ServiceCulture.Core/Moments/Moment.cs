using ServiceCulture.People;

namespace ServiceCulture.Moments;

/// <summary>The four kinds of service moment.</summary>
public enum MomentKind
{
    Truth = 1,
    Magic = 2,
    Misery = 3,
    Recovery = 4,
}

/// <summary>Who may see a moment.</summary>
public enum Visibility
{
    Everyone = 1,
    MyTeam = 2,
    AuthorAndManager = 3,
}

/// <summary>Whom the moment served: an external customer, or a colleague or team inside the company.</summary>
public enum CustomerKind
{
    External = 1,
    Colleague = 2,
    Team = 3,
}

/// <summary>A short story from work, tagged with service elements; a misery stays open until recovered.</summary>
public sealed class Moment
{
    public const int TitleMaxLength = 120;
    public const int StoryMaxLength = 4000;
    public const int LessonMaxLength = 1000;
    public const int CustomerNameMaxLength = 120;
    public const int HiddenReasonMaxLength = 300;

    public long Id { get; set; }
    public MomentKind Kind { get; set; }
    public string Title { get; set; } = "";
    public string Story { get; set; } = "";
    public DateOnly OccurredOn { get; set; }
    public CustomerKind CustomerKind { get; set; }
    public string? ExternalCustomer { get; set; }
    public int? CustomerEmployeeId { get; set; }
    public Employee? CustomerEmployee { get; set; }
    public int? CustomerTeamId { get; set; }
    public Team? CustomerTeam { get; set; }
    public ServiceElements Elements { get; set; }
    public string? Lesson { get; set; }
    public Visibility Visibility { get; set; }

    public int AuthorId { get; set; }
    public Employee? Author { get; set; }

    /// <summary>The author's team when the moment was logged: "My team" means that team.</summary>
    public int? AuthorTeamId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? EditedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    public DateTime? HiddenAt { get; set; }
    public int? HiddenById { get; set; }
    public string? HiddenReason { get; set; }

    /// <summary>On a recovery: the misery it recovers.</summary>
    public long? RecoversMomentId { get; set; }
    public Moment? RecoversMoment { get; set; }

    /// <summary>On a recovery: who turned the misery around (the author or a colleague).</summary>
    public int? RecoveredById { get; set; }
    public Employee? RecoveredBy { get; set; }

    /// <summary>On a misery: the recovery that closed it, and when.</summary>
    public long? RecoveryId { get; set; }
    public DateTime? RecoveredAt { get; set; }

    public List<RecoveryStep> Steps { get; set; } = [];
    public List<MomentReaction> Reactions { get; set; } = [];
    public List<MomentComment> Comments { get; set; } = [];

    public bool IsOpenMisery => Kind == MomentKind.Misery && RecoveryId is null && DeletedAt is null;
}

/// <summary>One of the five recovery steps, checked off with a note.</summary>
public sealed class RecoveryStep
{
    public const int NoteMaxLength = 500;

    public long MomentId { get; set; }
    public int Number { get; set; }
    public bool Done { get; set; }
    public string? Note { get; set; }
}

/// <summary>A reaction from the small fixed set.</summary>
public enum ReactionKind
{
    Applause = 1,
    Heart = 2,
    Insight = 3,
    Support = 4,
}

public sealed class MomentReaction
{
    public long MomentId { get; set; }
    public int EmployeeId { get; set; }
    public ReactionKind Kind { get; set; }
    public DateTime At { get; set; }
}

public sealed class MomentComment
{
    public const int BodyMaxLength = 1000;

    public long Id { get; set; }
    public long MomentId { get; set; }
    public int AuthorId { get; set; }
    public Employee? Author { get; set; }
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
}

/// <summary>A recovery shared, anonymised, for the whole company to learn from.</summary>
public sealed class CaseStudy
{
    public const int TitleMaxLength = 120;
    public const int TextMaxLength = 6000;

    public long Id { get; set; }
    public long RecoveryMomentId { get; set; }
    public Moment? RecoveryMoment { get; set; }
    public string Title { get; set; } = "";
    public string WhatWentWrong { get; set; } = "";
    public string HowItWasRecovered { get; set; } = "";
    public string? Lesson { get; set; }
    public ServiceElements Elements { get; set; }
    public int SharedById { get; set; }
    public DateTime SharedAt { get; set; }
    public List<CaseStudyComment> Comments { get; set; } = [];
}

public sealed class CaseStudyComment
{
    public long Id { get; set; }
    public long CaseStudyId { get; set; }
    public int AuthorId { get; set; }
    public Employee? Author { get; set; }
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
