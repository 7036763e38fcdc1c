using ServiceCulture.People;

namespace ServiceCulture.Recognitions;

/// <summary>One colleague a recognition thanks.</summary>
public sealed class RecognitionRecipient
{
    public long RecognitionId { get; set; }
    public int RecipientId { get; set; }
    public Employee? Recipient { get; set; }
}
