namespace ServiceCulture.Notifications;

public enum NotificationKind
{
    RecognitionReceived = 1,
    BadgeEarned = 2,
    LevelReached = 3,
    CommentOnMoment = 4,
    ReviewShared = 5,
    PairFlagged = 6,
    Nudge = 7,
}

/// <summary>Something the bell in the header tells one person; (person, key) is unique, so nothing is told twice.</summary>
public sealed class Notification
{
    public const int TextMaxLength = 300;

    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public NotificationKind Kind { get; set; }
    public string Text { get; set; } = "";
    public string? Link { get; set; }
    public string Key { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? ReadAt { get; set; }
}
