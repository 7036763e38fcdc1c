using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Notifications;

/// <summary>Tells people things through the bell in the header; each (person, key) is told once.</summary>
public sealed class NotificationCenter(AppDbContext db, TimeProvider clock)
{
    /// <summary>Adds a notification to the current unit of work; use for keys that are new by construction.</summary>
    public void Queue(int employeeId, NotificationKind kind, string text, long? subjectId, string key) =>
        db.Notifications.Add(Create(employeeId, kind, text, subjectId, key));

    /// <summary>Saves a notification unless that person was already told; safe when two requests race.</summary>
    public async Task<bool> NotifyOnceAsync(int employeeId, NotificationKind kind, string text, long? subjectId, string key, CancellationToken cancellationToken)
    {
        if (await db.Notifications.AnyAsync(n => n.EmployeeId == employeeId && n.Key == key, cancellationToken))
        {
            return false;
        }

        var notification = Create(employeeId, kind, text, subjectId, key);
        db.Notifications.Add(notification);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(notification).State = EntityState.Detached;
            return false;
        }
    }

    public Task<int> UnreadCountAsync(int employeeId, CancellationToken cancellationToken) =>
        db.Notifications.CountAsync(n => n.EmployeeId == employeeId && n.ReadAt == null, cancellationToken);

    public Task<int> MarkAllReadAsync(int employeeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return db.Notifications.Where(n => n.EmployeeId == employeeId && n.ReadAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
    }

    /// <summary>Marks one of the person's notifications read; false when it is not theirs or does not exist.</summary>
    public async Task<bool> MarkReadAsync(int employeeId, long notificationId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var mine = db.Notifications.Where(n => n.Id == notificationId && n.EmployeeId == employeeId);
        await mine.Where(n => n.ReadAt == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAt, now), cancellationToken);
        return await mine.AnyAsync(cancellationToken);
    }

    private Notification Create(int employeeId, NotificationKind kind, string text, long? subjectId, string key) => new()
    {
        EmployeeId = employeeId,
        Kind = kind,
        Text = text.Length > Notification.TextMaxLength ? text[..(Notification.TextMaxLength - 1)] + "…" : text,
        SubjectId = subjectId,
        Key = key,
        CreatedAt = clock.GetUtcNow().UtcDateTime,
    };
}
