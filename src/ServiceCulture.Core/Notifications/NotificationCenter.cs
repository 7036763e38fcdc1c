using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.Notifications;

/// <summary>
/// Tells people things through the bell in the header; each (person, key) is told once. Events that
/// also deserve an email (recognition, badges, comments) are queued in the outbox in the same unit of work.
/// </summary>
public sealed class NotificationCenter(AppDbContext db, TimeProvider clock, Outbox outbox, Microsoft.Extensions.Options.IOptions<MailSettings> mail, IPortalLinks links)
{
    /// <summary>Adds a notification to the current unit of work; use for keys that are new by construction.</summary>
    public void Queue(int employeeId, NotificationKind kind, string text, long? subjectId, string key)
    {
        db.Notifications.Add(Create(employeeId, kind, text, subjectId, key));
        if (EmailFor(kind, text, links.ForNotification(kind, subjectId, employeeId)) is { } email)
        {
            var batching = kind == NotificationKind.RecognitionReceived
                ? clock.GetUtcNow().UtcDateTime.AddMinutes(Math.Max(0, mail.Value.RecognitionBatchMinutes))
                : (DateTime?)null;
            outbox.Enqueue(employeeId, email.Kind, key, email.Content, notBefore: batching);
        }
    }

    /// <summary>The email that goes with a notification, if its kind has one.</summary>
    internal static (EmailKind Kind, EmailContent Content)? EmailFor(NotificationKind kind, string text, string? link) => kind switch
    {
        NotificationKind.RecognitionReceived => (EmailKind.RecognitionReceived, new EmailContent
        {
            Subject = "A colleague recognised you",
            Preheader = text,
            Heading = "You were recognised",
            Paragraphs = ["A colleague thanked you for the service you gave them:"],
            Sections = [new EmailSection("Recognitions", [new EmailItem("Recognition", text, link)])],
            Action = link is null ? null : new EmailLink("Open the recognition", link),
            Tip = "Pass it on: recognising someone who served you well is how the habit spreads.",
        }),
        NotificationKind.BadgeEarned => (EmailKind.BadgeEarned, new EmailContent
        {
            Subject = "You earned a badge",
            Preheader = text,
            Heading = "A new badge",
            Paragraphs = [text],
            Action = link is null ? null : new EmailLink("See your badges", link),
        }),
        NotificationKind.CommentOnMoment => (EmailKind.CommentOnMoment, new EmailContent
        {
            Subject = "A colleague commented on your moment",
            Preheader = text,
            Heading = "A new comment",
            Paragraphs = [text],
            Action = link is null ? null : new EmailLink("Read the comment", link),
            Tip = "Listen first: answer the question actually asked before adding your own.",
        }),
        _ => null,
    };

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
