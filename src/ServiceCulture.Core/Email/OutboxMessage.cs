namespace ServiceCulture.Email;

/// <summary>What an email is about; decides its template and which preference can turn it off.</summary>
public enum EmailKind
{
    PasswordReset = 1,
    RecognitionReceived = 2,
    BadgeEarned = 3,
    CommentOnMoment = 4,
    Nudge = 5,
    WeeklyDigest = 6,
    ReviewShared = 10,
    SelfAssessmentRequested = 11,
    FeedbackRequested = 12,
    ReviewAcknowledged = 13,
    FeedbackReminder = 14,
    ReviewReopened = 15,
    MonthlyReport = 20,

    /// <summary>The link a new person opens to choose a password; queued with the invitation.</summary>
    Invitation = 21,
}

/// <summary>The preference an email falls under; account mail cannot be turned off.</summary>
public enum EmailTopic
{
    Account = 0,
    Recognition = 1,
    Nudges = 2,
    WeeklyDigest = 3,
    ManagerReports = 4,
}

public enum OutboxStatus
{
    Pending = 0,
    Sending = 1,
    Sent = 2,
    DeadLettered = 3,

    /// <summary>Not sent because the recipient turned its topic off, has no address, or it was merged into another email.</summary>
    Skipped = 4,
}

/// <summary>
/// One email waiting to leave, written in the same unit of work as the change that caused it. The key
/// (kind, recipient and the period or source) is unique, so the same email is never queued twice.
/// </summary>
public sealed class OutboxMessage
{
    public const int KeyMaxLength = 200;
    public const int SubjectMaxLength = 200;
    public const int ErrorMaxLength = 1000;

    public long Id { get; set; }
    public string Key { get; set; } = "";
    public EmailKind Kind { get; set; }
    public EmailTopic Topic { get; set; }

    /// <summary>The person it goes to; the address is read when it is sent, so a changed address is honoured.</summary>
    public int RecipientId { get; set; }

    public string Subject { get; set; } = "";

    /// <summary>The <see cref="EmailContent"/> as JSON; rendered when sent and when previewed.</summary>
    public string Content { get; set; } = "";

    public OutboxStatus Status { get; set; }
    public int Attempts { get; set; }
    public DateTime CreatedAt { get; set; }

    /// <summary>Not sent before this instant: batching windows and retry back-off.</summary>
    public DateTime DueAt { get; set; }

    /// <summary>Which dispatcher run holds the row while it sends, and until when.</summary>
    public Guid? LeaseId { get; set; }
    public DateTime? LeaseUntil { get; set; }

    public DateTime? SentAt { get; set; }
    public string? LastError { get; set; }

    /// <summary>Set when this email went out as part of another (recognitions arriving within minutes).</summary>
    public long? MergedIntoId { get; set; }
}

/// <summary>A person's "no" to one topic of email; absence means yes.</summary>
public sealed class EmailOptOut
{
    public int EmployeeId { get; set; }
    public EmailTopic Topic { get; set; }
    public DateTime At { get; set; }
}
