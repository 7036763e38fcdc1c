using Microsoft.AspNetCore.Identity.UI.Services;
using MimeKit;
using ServiceCulture.Email;

namespace ServiceCulture.Web.Identity;

/// <summary>Sends Identity's account mail (password reset) through the portal's mail delivery.</summary>
public sealed class IdentityEmailSender(MailDelivery delivery, ILogger<IdentityEmailSender> logger) : IEmailSender
{
    public async Task SendEmailAsync(string email, string subject, string htmlMessage)
    {
        var message = new MimeMessage();
        message.To.Add(MailboxAddress.Parse(email));
        message.Subject = subject;
        message.Body = new BodyBuilder { HtmlBody = htmlMessage, TextBody = HtmlToText(htmlMessage) }.ToMessageBody();
        try
        {
            await delivery.SendAsync(message, CancellationToken.None);
        }
        catch (Exception error)
        {
            // The page must not reveal whether the address exists, so a failed send is only logged.
            logger.LogError(error, "Could not send account mail {Subject}", subject);
        }
    }

    private static string HtmlToText(string html) =>
        System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Replace(html, "<[^>]+>", " ")).Trim();
}
