namespace ServiceCulture.Moments;

/// <summary>A reaction from the small fixed set.</summary>
public enum ReactionKind
{
    Applause = 1,
    Heart = 2,
    Insight = 3,
    Support = 4,
}

/// <summary>One person's reaction of one kind to a moment; toggled on and off.</summary>
public sealed class MomentReaction
{
    public long MomentId { get; set; }
    public int EmployeeId { get; set; }
    public ReactionKind Kind { get; set; }
    public DateTime At { get; set; }
}
