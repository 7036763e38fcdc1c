namespace ServiceCulture.Auditing;

/// <summary>One recorded admin or review action: who did what to which record, and when.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public DateTime At { get; set; }
    public int? ActorId { get; set; }
    public string Action { get; set; } = "";
    public string Subject { get; set; } = "";
    public string? SubjectId { get; set; }
    public string? Detail { get; set; }

    /// <summary>The changed values as they were, as text (for example <c>team=Sales; manager=Ana</c>).</summary>
    public string? Before { get; set; }

    /// <summary>The changed values as they became.</summary>
    public string? After { get; set; }
}
