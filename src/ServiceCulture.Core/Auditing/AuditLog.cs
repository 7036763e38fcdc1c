using ServiceCulture.Data;

namespace ServiceCulture.Auditing;

/// <summary>Adds audit entries to the current unit of work, so they are saved with the change they describe.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    /// <summary>The kinds of audited action, by the prefix of their name (<c>team.created</c> is a team action).</summary>
    public static readonly IReadOnlyList<(string Prefix, string Label)> Kinds =
    [
        ("person", "People"),
        ("invitation", "Invitations"),
        ("people", "People imports"),
        ("team", "Teams"),
        ("settings", "Settings"),
        ("review", "Reviews"),
        ("review-cycle", "Review cycles"),
        ("moment", "Moments"),
        ("recognition", "Recognitions"),
        ("case-study", "Case studies"),
        ("pair-flag", "Recognition patterns"),
    ];

    public void Record(int? actorId, string action, string subject, object? subjectId, string? detail = null) =>
        Record(actorId, action, subject, subjectId, detail, before: null, after: null);

    /// <summary>Records a change with the values before and after it.</summary>
    public void Record(int? actorId, string action, string subject, object? subjectId, string? detail, string? before, string? after) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            Action = action,
            Subject = subject,
            SubjectId = subjectId?.ToString(),
            Detail = Cut(detail),
            Before = Cut(before),
            After = Cut(after),
        });

    private static string? Cut(string? text) => text is { Length: > 2000 } ? text[..2000] : text;
}
