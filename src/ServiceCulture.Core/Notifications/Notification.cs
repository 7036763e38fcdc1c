namespace ServiceCulture.Notifications;

/// <summary>What a notification is about; with <see cref="Notification.SubjectId"/> it says what the bell links to.</summary>
public enum NotificationKind
{
    /// <summary>Someone recognised the person; the subject is the recognition.</summary>
    RecognitionReceived = 1,

    /// <summary>The person earned a badge; the subject is the person themself.</summary>
    BadgeEarned = 2,

    /// <summary>The person's points reached a new level; the subject is the person themself.</summary>
    LevelReached = 3,

    /// <summary>Someone commented on the person's moment; the subject is the moment.</summary>
    CommentOnMoment = 4,

    /// <summary>A review opened or was shared with the person; the subject is the review.</summary>
    ReviewShared = 5,

    /// <summary>A month closed and its six-element report is ready; the subject is the team, or none for the organisation.</summary>
    MonthlyReport = 7,

    /// <summary>The person was asked for feedback on a colleague's service; the subject is the feedback request.</summary>
    FeedbackRequested = 20,

    /// <summary>A reminder of a feedback request still unanswered; the subject is the feedback request.</summary>
    FeedbackReminder = 21,

    /// <summary>An employee acknowledged the review their manager shared; the subject is the review.</summary>
    ReviewAcknowledged = 22,

    /// <summary>The manager reopened a shared review; the subject is the review.</summary>
    ReviewReopened = 23,

    /// <summary>A nudge about a gap in the person's habit; the subject is the nudge.</summary>
    Nudge = 8,
}

/// <summary>Something the bell in the header tells one person; (person, key) is unique, so nothing is told twice.</summary>
public sealed class Notification
{
    public const int TextMaxLength = 300;

    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public NotificationKind Kind { get; set; }
    public string Text { get; set; } = "";

    /// <summary>The id of what it is about (a recognition, a moment), as <see cref="Kind"/> says; null when it is about the person.</summary>
    public long? SubjectId { get; set; }

    public string Key { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
