using ServiceCulture.People;

namespace ServiceCulture.Moments;

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
