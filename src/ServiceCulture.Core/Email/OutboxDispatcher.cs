using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceCulture.Data;

namespace ServiceCulture.Email;

/// <summary>What one dispatch run did.</summary>
public sealed record DispatchResult(int Sent, int Failed, int DeadLettered, int Skipped);

/// <summary>
/// Sends pending outbox rows. A run claims rows with one conditional update (pending and due, or
/// held by a run whose lease ran out), so two nodes running at once never send the same row. A batch
/// goes over one SMTP connection, and each email is marked sent as soon as the server accepts it,
/// before the next is sent, so a process killed mid-run resends nothing the server had accepted.
/// Failures wait with exponential back-off and are dead-lettered after <see cref="MailSettings.MaxAttempts"/>.
/// </summary>
public sealed class OutboxDispatcher(
    AppDbContext db,
    MailDelivery delivery,
    IEmailTemplates templates,
    UnsubscribeTokens tokens,
    IOptions<MailSettings> settings,
    TimeProvider clock,
    ILogger<OutboxDispatcher> logger)
{
    public const int BatchSize = 100;
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan LongestWait = TimeSpan.FromHours(6);

    public Task<DispatchResult> RunAsync(CancellationToken cancellationToken) =>
        DispatchAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>Sends everything due at <paramref name="now"/>, batch after batch, until nothing is left to claim.</summary>
    public async Task<DispatchResult> DispatchAsync(DateTime now, CancellationToken cancellationToken)
    {
        var total = new DispatchResult(0, 0, 0, 0);
        for (var round = 0; round < 1000; round++)
        {
            var candidates = await db.OutboxMessages.AsNoTracking()
                .Where(m => (m.Status == OutboxStatus.Pending && m.DueAt <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntil < now))
                .OrderBy(m => m.DueAt).ThenBy(m => m.Id)
                .Select(m => m.Id).Take(BatchSize).ToListAsync(cancellationToken);
            if (candidates.Count == 0)
            {
                break;
            }

            var lease = await ClaimAsync(candidates, now, cancellationToken);
            if (lease is null)
            {
                continue; // another node claimed them first
            }

            var result = await SendClaimedAsync(lease.Value, now, cancellationToken);
            total = new(total.Sent + result.Sent, total.Failed + result.Failed, total.DeadLettered + result.DeadLettered, total.Skipped + result.Skipped);
        }

        return total;
    }

    /// <summary>Sends one row now if it is still pending (the password reset should not wait for the next run).</summary>
    public async Task<DispatchResult> SendNowAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var lease = await ClaimAsync([id], now, cancellationToken);
        return lease is null ? new(0, 0, 0, 0) : await SendClaimedAsync(lease.Value, now, cancellationToken);
    }

    /// <summary>Renders a row as it would be sent, for the admin preview.</summary>
    public async Task<RenderedEmail?> PreviewAsync(long id, CancellationToken cancellationToken)
    {
        var row = await db.OutboxMessages.AsNoTracking().SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var name = await db.Users.Where(u => u.Id == row.RecipientId).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) ?? "";
        var merged = await db.OutboxMessages.AsNoTracking().Where(m => m.MergedIntoId == id).OrderBy(m => m.Id).ToListAsync(cancellationToken);
        return await templates.RenderAsync(ViewOf([row, .. merged], name), cancellationToken);
    }

    /// <summary>Puts a dead-lettered or failing row back in the queue, due now, with a fresh count of attempts.</summary>
    public async Task<bool> RetryAsync(long id, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return await db.OutboxMessages
            .Where(m => m.Id == id && (m.Status == OutboxStatus.DeadLettered || m.Status == OutboxStatus.Pending))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Pending)
                .SetProperty(m => m.Attempts, 0)
                .SetProperty(m => m.DueAt, now), cancellationToken) == 1;
    }

    private async Task<Guid?> ClaimAsync(IReadOnlyCollection<long> ids, DateTime now, CancellationToken cancellationToken)
    {
        var lease = Guid.NewGuid();
        var until = now + Lease;
        // The condition is evaluated again on each row under its lock, so a row claimed by another
        // node in the meantime is left alone.
        var claimed = await db.OutboxMessages
            .Where(m => ids.Contains(m.Id)
                && ((m.Status == OutboxStatus.Pending && m.DueAt <= now) || (m.Status == OutboxStatus.Sending && m.LeaseUntil < now)))
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, OutboxStatus.Sending)
                .SetProperty(m => m.LeaseId, lease)
                .SetProperty(m => m.LeaseUntil, until)
                .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        if (claimed == 0)
        {
            return null;
        }

        // Recognitions that arrived for the same people within the batching window go out with them.
        var recognised = await db.OutboxMessages.AsNoTracking()
            .Where(m => m.LeaseId == lease && m.Kind == EmailKind.RecognitionReceived)
            .Select(m => m.RecipientId).Distinct().ToListAsync(cancellationToken);
        if (recognised.Count > 0)
        {
            await db.OutboxMessages
                .Where(m => m.Kind == EmailKind.RecognitionReceived && m.Status == OutboxStatus.Pending && recognised.Contains(m.RecipientId))
                .ExecuteUpdateAsync(s => s
                    .SetProperty(m => m.Status, OutboxStatus.Sending)
                    .SetProperty(m => m.LeaseId, lease)
                    .SetProperty(m => m.LeaseUntil, until)
                    .SetProperty(m => m.Attempts, m => m.Attempts + 1), cancellationToken);
        }

        return lease;
    }

    private async Task<DispatchResult> SendClaimedAsync(Guid lease, DateTime now, CancellationToken cancellationToken)
    {
        var rows = await db.OutboxMessages.AsNoTracking().Where(m => m.LeaseId == lease && m.Status == OutboxStatus.Sending)
            .OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var recipientIds = rows.Select(r => r.RecipientId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => recipientIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Email, u.DisplayName, u.IsActive }).ToDictionaryAsync(u => u.Id, cancellationToken);
        var optOuts = (await db.EmailOptOuts.AsNoTracking().Where(o => recipientIds.Contains(o.EmployeeId))
            .Select(o => new { o.EmployeeId, o.Topic }).ToListAsync(cancellationToken))
            .Select(o => (o.EmployeeId, o.Topic)).ToHashSet();

        // One email per row, except recognitions for one person, which share the first row's email.
        var emails = rows.GroupBy(r => r.Kind == EmailKind.RecognitionReceived ? $"r:{r.RecipientId}" : $"m:{r.Id}")
            .Select(g => g.ToList()).ToList();
        int sent = 0, failed = 0, dead = 0, skipped = 0;
        var toSend = new List<(List<OutboxMessage> Rows, MimeMessage Message)>();
        foreach (var group in emails)
        {
            var first = group[0];
            var reason = !people.TryGetValue(first.RecipientId, out var person) ? "The recipient no longer exists."
                : string.IsNullOrWhiteSpace(person.Email) ? "The recipient has no email address."
                : first.Topic != EmailTopic.Account && !person.IsActive ? "The recipient is deactivated."
                : first.Topic != EmailTopic.Account && optOuts.Contains((first.RecipientId, first.Topic)) ? $"The recipient turned off {EmailTopics.Label(first.Topic).ToLowerInvariant()}."
                : null;
            if (reason is not null)
            {
                await FinishAsync(group, lease, OutboxStatus.Skipped, now, reason);
                skipped += group.Count;
                continue;
            }

            try
            {
                var rendered = await templates.RenderAsync(ViewOf(group, person!.DisplayName), cancellationToken);
                toSend.Add((group, Compose(first, group, person.Email!, person.DisplayName, rendered)));
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                var outcome = await FailAsync(group, lease, now, error);
                failed += outcome ? 0 : group.Count;
                dead += outcome ? group.Count : 0;
            }
        }

        if (toSend.Count == 0)
        {
            return new(sent, failed, dead, skipped);
        }

        MailDelivery.MailSession session;
        try
        {
            session = await delivery.OpenAsync(cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(error, "Mail server unreachable; {Count} email(s) wait for the next attempt", toSend.Count);
            foreach (var (group, _) in toSend)
            {
                if (await FailAsync(group, lease, now, error))
                {
                    dead += group.Count;
                }
                else
                {
                    failed += group.Count;
                }
            }

            return new(sent, failed, dead, skipped);
        }

        await using (session)
        {
            foreach (var (group, message) in toSend)
            {
                try
                {
                    await session.SendAsync(message, cancellationToken);
                }
                catch (Exception error) when (error is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
                {
                    logger.LogWarning(error, "Could not send outbox email {Id}", group[0].Id);
                    if (await FailAsync(group, lease, now, error))
                    {
                        dead += group.Count;
                    }
                    else
                    {
                        failed += group.Count;
                    }

                    continue;
                }

                // Recorded before the next email goes: only a crash in the moment between the
                // server's acceptance and this statement can resend one, with the same Message-ID.
                await FinishAsync(group, lease, OutboxStatus.Sent, now, null);
                sent += group.Count;
            }
        }

        return new(sent, failed, dead, skipped);
    }

    private EmailView ViewOf(IReadOnlyList<OutboxMessage> group, string recipientName)
    {
        var first = group[0];
        var content = Outbox.Read(first);
        if (group.Count > 1)
        {
            var items = group.SelectMany(r => Outbox.Read(r).Sections.SelectMany(s => s.Items)).ToList();
            content = content with
            {
                Subject = $"You were recognised {group.Count} times",
                Preheader = $"{group.Count} colleagues thanked you for the service you gave.",
                Paragraphs = ["Colleagues thanked you for the service you gave them:"],
                Sections = [new EmailSection("Recognitions", items)],
            };
        }

        var token = first.Topic == EmailTopic.Account ? null : tokens.Create(first.RecipientId, first.Topic);
        return new EmailView(content, recipientName, first.Topic, token);
    }

    private MimeMessage Compose(OutboxMessage first, IReadOnlyList<OutboxMessage> group, string address, string name, RenderedEmail rendered)
    {
        var content = group.Count > 1 ? null : Outbox.Read(first);
        var message = new MimeMessage();
        message.From.Add(delivery.Sender);
        message.To.Add(new MailboxAddress(MailHeaders.Clean(name), address));
        message.Subject = MailHeaders.Clean(content?.Subject ?? $"You were recognised {group.Count} times");
        message.Date = clock.GetUtcNow();
        // Stable per row: a receiver can tell a resend after a crash from a new email.
        var domain = settings.Value.FromAddress.Split('@') is [_, var d] && d.Length > 0 ? d : "serviceculture.local";
        message.MessageId = $"outbox-{first.Id}@{domain}";
        message.Headers.Add("X-ServiceCulture-Kind", first.Kind.ToString());
        if (rendered.UnsubscribeUrl is { } unsubscribe)
        {
            message.Headers.Add("List-Unsubscribe", $"<{unsubscribe}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }

        message.Body = new BodyBuilder { HtmlBody = rendered.Html, TextBody = rendered.Text }.ToMessageBody();
        return message;
    }

    private async Task FinishAsync(IReadOnlyList<OutboxMessage> group, Guid lease, OutboxStatus status, DateTime now, string? reason)
    {
        var first = group[0].Id;
        var ids = group.Select(r => r.Id).ToList();
        // Not cancellable: once the server has the mail, the row must say so.
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LeaseId == lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, status)
                .SetProperty(m => m.SentAt, status == OutboxStatus.Sent ? now : null)
                .SetProperty(m => m.LastError, reason)
                .SetProperty(m => m.LeaseId, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null)
                .SetProperty(m => m.MergedIntoId, m => m.Id == first ? (long?)null : first), CancellationToken.None);
    }

    /// <summary>Records a failure; true when the row has used its attempts and is dead-lettered.</summary>
    private async Task<bool> FailAsync(IReadOnlyList<OutboxMessage> group, Guid lease, DateTime now, Exception error)
    {
        var config = settings.Value;
        var attempts = group.Max(r => r.Attempts);
        var dead = attempts >= Math.Max(1, config.MaxAttempts);
        var wait = TimeSpan.FromSeconds(Math.Max(1, config.RetryAfterSeconds) * Math.Pow(2, Math.Min(20, attempts - 1)));
        if (wait > LongestWait)
        {
            wait = LongestWait;
        }

        var text = $"{error.GetType().Name}: {error.Message}";
        if (text.Length > OutboxMessage.ErrorMaxLength)
        {
            text = text[..OutboxMessage.ErrorMaxLength];
        }

        var ids = group.Select(r => r.Id).ToList();
        var due = now + wait;
        await db.OutboxMessages.Where(m => ids.Contains(m.Id) && m.LeaseId == lease)
            .ExecuteUpdateAsync(s => s
                .SetProperty(m => m.Status, dead ? OutboxStatus.DeadLettered : OutboxStatus.Pending)
                .SetProperty(m => m.DueAt, due)
                .SetProperty(m => m.LastError, text)
                .SetProperty(m => m.LeaseId, (Guid?)null)
                .SetProperty(m => m.LeaseUntil, (DateTime?)null), CancellationToken.None);
        return dead;
    }
}
