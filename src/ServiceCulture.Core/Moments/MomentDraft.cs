namespace ServiceCulture.Moments;

/// <summary>What someone entered for a moment, before the rules accept it.</summary>
public sealed record MomentDraft
{
    public MomentKind Kind { get; init; }
    public string Title { get; init; } = "";
    public string Story { get; init; } = "";
    public DateOnly OccurredOn { get; init; }
    public CustomerKind CustomerKind { get; init; }
    public string? ExternalCustomer { get; init; }
    public int? CustomerEmployeeId { get; init; }
    public int? CustomerTeamId { get; init; }
    public ServiceElements Elements { get; init; }
    public string? Lesson { get; init; }
    public Visibility Visibility { get; init; }
    public long? RecoversMomentId { get; init; }
    public int? RecoveredById { get; init; }
    public IReadOnlyList<StepDraft> Steps { get; init; } = [];
}

public sealed record StepDraft(int Number, bool Done, string? Note);
