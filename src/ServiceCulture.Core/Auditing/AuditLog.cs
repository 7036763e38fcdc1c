using ServiceCulture.Data;

namespace ServiceCulture.Auditing;

/// <summary>Adds audit entries to the current unit of work, so they are saved with the change they describe.</summary>
public sealed class AuditLog(AppDbContext db, TimeProvider clock)
{
    public void Record(int? actorId, string action, string subject, object? subjectId, string? detail = null) =>
        db.AuditEntries.Add(new AuditEntry
        {
            At = clock.GetUtcNow().UtcDateTime,
            ActorId = actorId,
            Action = action,
            Subject = subject,
            SubjectId = subjectId?.ToString(),
            Detail = detail is { Length: > 2000 } ? detail[..2000] : detail,
        });
}
