using ServiceCulture.Moments;

namespace ServiceCulture.Recognitions;

/// <summary>What someone entered to recognise colleagues.</summary>
public sealed record RecognitionDraft
{
    public IReadOnlyList<int> RecipientIds { get; init; } = [];
    public string Message { get; init; } = "";
    public ServiceElements Elements { get; init; }
    public int Points { get; init; }
    public long? RelatedMomentId { get; init; }
    public bool IsQuiet { get; init; }
    public Guid RequestId { get; init; }
}
