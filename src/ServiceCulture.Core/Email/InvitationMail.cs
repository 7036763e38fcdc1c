using System.Net;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace ServiceCulture.Email;

/// <summary>
/// The invitation email, composed and sent in one place. It goes out through <see cref="MailDelivery"/>
/// (the same path as the password reset) until the outbox takes over: then only <see cref="SendAsync"/> changes.
/// </summary>
public sealed class InvitationMail(MailDelivery delivery, ILogger<InvitationMail> logger)
{
    public static MimeMessage Compose(string name, string email, string? inviterName, string acceptUrl, DateTime expiresAtUtc)
    {
        var message = new MimeMessage();
        message.To.Add(new MailboxAddress(name, email));
        message.Subject = "You are invited to ServiceCulture";
        var who = string.IsNullOrWhiteSpace(inviterName) ? "Your admin" : inviterName;
        var until = expiresAtUtc.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        var text = $"""
            Hello {name},

            {who} invited you to ServiceCulture, where colleagues log the service moments they live and thank each other for service well given.

            Choose your password here (the link works once, until {until}):
            {acceptUrl}

            If you did not expect this invitation, you can ignore this email.
            """;
        var html = $"""
            <p>Hello {WebUtility.HtmlEncode(name)},</p>
            <p>{WebUtility.HtmlEncode(who)} invited you to ServiceCulture, where colleagues log the service moments they live and thank each other for service well given.</p>
            <p><a href="{WebUtility.HtmlEncode(acceptUrl)}">Choose your password</a> (the link works once, until {WebUtility.HtmlEncode(until)}).</p>
            <p>If you did not expect this invitation, you can ignore this email.</p>
            """;
        message.Body = new BodyBuilder { TextBody = text, HtmlBody = html }.ToMessageBody();
        return message;
    }

    /// <summary>Sends the invitation; a failed send is logged and the admin can resend.</summary>
    public async Task<bool> SendAsync(string name, string email, string? inviterName, string acceptUrl, DateTime expiresAtUtc, CancellationToken cancellationToken)
    {
        try
        {
            await delivery.SendAsync(Compose(name, email, inviterName, acceptUrl, expiresAtUtc), cancellationToken);
            return true;
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "Could not send the invitation to {Email}", email);
            return false;
        }
    }
}
