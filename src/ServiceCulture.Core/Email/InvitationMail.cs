using System.Globalization;

namespace ServiceCulture.Email;

/// <summary>
/// What the invitation email says. It is queued in the outbox with the invitation itself, so an
/// invitation is never saved without its email, nor an email queued for an invitation that was not saved.
/// </summary>
public static class InvitationMail
{
    public const string Subject = "You are invited to ServiceCulture";

    /// <summary>The outbox source of the <paramref name="sendNumber"/>-th invitation to one person: the first, then each resend.</summary>
    public static string SourceOf(int sendNumber) => $"invitation:{sendNumber}";

    public static EmailContent Content(string? inviterName, string acceptUrl, DateTime expiresAtUtc)
    {
        var who = string.IsNullOrWhiteSpace(inviterName) ? "Your admin" : inviterName;
        var until = expiresAtUtc.ToString("dddd d MMMM yyyy, HH:mm 'UTC'", CultureInfo.InvariantCulture);
        return new EmailContent
        {
            Subject = Subject,
            Preheader = $"{who} invited you. Choose your password to get started.",
            Heading = "Welcome to ServiceCulture",
            Paragraphs =
            [
                $"{who} invited you to ServiceCulture, where colleagues log the service moments they live and thank each other for service well given.",
                $"The link below lets you choose your password. It works once, until {until}.",
                "If you did not expect this invitation, you can ignore this email.",
            ],
            Action = new EmailLink("Choose your password", acceptUrl),
        };
    }
}
