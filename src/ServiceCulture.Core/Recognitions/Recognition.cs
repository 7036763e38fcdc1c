using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Recognitions;

/// <summary>A colleague thanking one to five colleagues for the service they gave, with points from their allowance.</summary>
public sealed class Recognition
{
    public const int MessageMinLength = 20;
    public const int MessageMaxLength = 1000;
    public const int MaxRecipients = 5;

    public long Id { get; set; }
    public int GiverId { get; set; }
    public Employee? Giver { get; set; }
    public string Message { get; set; } = "";

    /// <summary>
    /// A digest of the message's words ignoring case and spacing (<see cref="RecognitionRules.MessageKeyOf"/>),
    /// set whenever the recognition is saved: the 30-day duplicate check looks it up instead of
    /// reading every message the giver sent. Null on recognitions saved before it existed.
    /// </summary>
    public string? MessageKey { get; set; }
    public ServiceElements Elements { get; set; }

    /// <summary>Points each recipient receives; the giver's allowance pays this times the number of recipients.</summary>
    public int Points { get; set; }

    public long? RelatedMomentId { get; set; }
    public Moment? RelatedMoment { get; set; }

    /// <summary>Quiet recognitions appear in the feed and on profiles but not on leaderboards.</summary>
    public bool IsQuiet { get; set; }

    /// <summary>Identifies the form submission, so a double submit creates one recognition.</summary>
    public Guid RequestId { get; set; }

    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }

    public List<RecognitionRecipient> Recipients { get; set; } = [];
}
