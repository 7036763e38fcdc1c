using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.WebUtilities;

namespace ServiceCulture.Email;

/// <summary>Signed one-click unsubscribe tokens: who and which topic, readable only by the portal.</summary>
public sealed class UnsubscribeTokens(IDataProtectionProvider protection)
{
    private readonly IDataProtector protector = protection.CreateProtector("ServiceCulture.Email.Unsubscribe.v1");

    public string Create(int employeeId, EmailTopic topic) =>
        WebEncoders.Base64UrlEncode(protector.Protect(System.Text.Encoding.UTF8.GetBytes(
            string.Create(CultureInfo.InvariantCulture, $"{employeeId}:{(int)topic}"))));

    /// <summary>The person and topic a token names, or null when it is forged, truncated or for account mail.</summary>
    public (int EmployeeId, EmailTopic Topic)? Read(string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 1000)
        {
            return null;
        }

        try
        {
            var text = System.Text.Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(token)));
            var parts = text.Split(':');
            if (parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var topic)
                && Enum.IsDefined((EmailTopic)topic) && (EmailTopic)topic != EmailTopic.Account)
            {
                return (id, (EmailTopic)topic);
            }
        }
        catch (Exception error) when (error is CryptographicException or FormatException)
        {
        }

        return null;
    }
}
