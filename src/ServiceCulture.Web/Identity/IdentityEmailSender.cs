using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity.UI.Services;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.Web.Identity;

/// <summary>
/// Sends Identity's account mail (password reset) through the outbox, and tries to send it at once so
/// nobody waits for the next dispatch run; when that fails the dispatcher retries it.
/// </summary>
public sealed partial class IdentityEmailSender(AppDbContext db, Outbox outbox, OutboxDispatcher dispatcher, TimeProvider clock, ILogger<IdentityEmailSender> logger) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var normalised = email.ToUpperInvariant();
        var recipient = await db.Users.Where(u => u.NormalizedEmail == normalised).Select(u => (int?)u.Id).FirstOrDefaultAsync();
        if (recipient is null)
        {
            return;
        }

        var link = WebUtility.HtmlDecode(LinkPattern().Match(htmlMessage).Groups["url"].Value);
        var content = new EmailContent
        {
            Subject = "Reset your ServiceCulture password",
            Preheader = "Someone asked to reset the password of your account.",
            Heading = "Reset your password",
            Paragraphs =
            [
                "Someone (we hope you) asked to reset the password of your ServiceCulture account.",
                "The link works once and for a limited time. If you did not ask for it, ignore this email: your password stays as it is.",
            ],
            Action = link.Length > 0 ? new EmailLink("Choose a new password", link) : null,
        };
        var message = outbox.Enqueue(recipient.Value, EmailKind.PasswordReset, $"{clock.GetUtcNow().UtcTicks}:{Guid.NewGuid():N}", content);
        await db.SaveChangesAsync();
        try
        {
            await dispatcher.SendNowAsync(message.Id, CancellationToken.None);
        }
        catch (Exception error)
        {
            // The page must not reveal whether the address exists; the outbox keeps the mail for a retry.
            logger.LogError(error, "Could not send account mail {Subject} at once", subject);
        }
    }

    [GeneratedRegex("href=['\"](?<url>[^'\"]+)['\"]")]
    private static partial Regex LinkPattern();
}
