using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Email;

/// <summary>
/// Queues email in the caller's unit of work, so it is saved (or not) together with the change that
/// caused it. Every feature that sends mail calls <see cref="Enqueue"/>; the dispatcher sends it.
/// </summary>
public sealed class Outbox(AppDbContext db, TimeProvider clock)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The unique key: kind, recipient, and the period or source that makes it this email.</summary>
    public static string KeyOf(EmailKind kind, int recipientId, string periodOrSource) =>
        $"{kind}:{recipientId}:{periodOrSource}";

    /// <summary>
    /// Adds an email to the current unit of work (sent after the caller's <c>SaveChanges</c>).
    /// <paramref name="periodOrSource"/> makes it unique, e.g. <c>review:42:shared</c> or <c>2026-W48</c>;
    /// the same key twice fails the save, so pass keys that are new by construction or use <see cref="EnqueueOnceAsync"/>.
    /// </summary>
    public OutboxMessage Enqueue(int recipientId, EmailKind kind, string periodOrSource, EmailContent content, EmailTopic? topic = null, DateTime? notBefore = null)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var message = new OutboxMessage
        {
            Key = Trim(KeyOf(kind, recipientId, periodOrSource), OutboxMessage.KeyMaxLength),
            Kind = kind,
            Topic = topic ?? EmailTopics.Of(kind),
            RecipientId = recipientId,
            Subject = Trim(MailHeaders.Clean(content.Subject), OutboxMessage.SubjectMaxLength),
            Content = JsonSerializer.Serialize(content, Json),
            Status = OutboxStatus.Pending,
            CreatedAt = now,
            DueAt = notBefore is { } due && due > now ? due : now,
        };
        db.OutboxMessages.Add(message);
        return message;
    }

    /// <summary>Queues and saves unless an email with the same key exists; safe when two nodes race.</summary>
    public async Task<bool> EnqueueOnceAsync(int recipientId, EmailKind kind, string periodOrSource, EmailContent content, CancellationToken cancellationToken, EmailTopic? topic = null)
    {
        var key = KeyOf(kind, recipientId, periodOrSource);
        if (await db.OutboxMessages.AnyAsync(m => m.Key == key, cancellationToken))
        {
            return false;
        }

        var message = Enqueue(recipientId, kind, periodOrSource, content, topic);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            db.Entry(message).State = EntityState.Detached;
            return false;
        }
    }

    public static EmailContent Read(OutboxMessage message) =>
        JsonSerializer.Deserialize<EmailContent>(message.Content, Json) ?? new EmailContent { Subject = message.Subject };

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..max];
}

/// <summary>Header text with no way to smuggle in another header: control characters and line breaks become spaces.</summary>
public static class MailHeaders
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return "";
        }

        var chars = text.Select(c => char.IsControl(c) || c is '\u2028' or '\u2029' ? ' ' : c).ToArray();
        return string.Join(' ', new string(chars).Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
