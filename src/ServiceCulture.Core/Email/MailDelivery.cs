using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceCulture.Email;

/// <summary>Hands a composed message to SMTP, or writes it to the pickup folder when no SMTP host is configured.</summary>
public sealed class MailDelivery(IOptions<MailSettings> settings, MailPickupFolder pickup)
{
    public MailboxAddress Sender => new(settings.Value.FromName, settings.Value.FromAddress);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        if (message.From.Count == 0)
        {
            message.From.Add(Sender);
        }

        var config = settings.Value;
        if (!config.UsesSmtp)
        {
            await pickup.WriteAsync(message, cancellationToken);
            return;
        }

        using var client = new SmtpClient();
        var security = Enum.TryParse<SecureSocketOptions>(config.Smtp.Security, ignoreCase: true, out var parsed)
            ? parsed
            : SecureSocketOptions.Auto;
        await client.ConnectAsync(config.Smtp.Host!, config.Smtp.Port, security, cancellationToken);
        if (!string.IsNullOrEmpty(config.Smtp.UserName))
        {
            await client.AuthenticateAsync(config.Smtp.UserName, config.Smtp.Password ?? "", cancellationToken);
        }

        await client.SendAsync(message, cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}

/// <summary>The folder where mail lands as <c>.eml</c> files when no SMTP server is configured.</summary>
public sealed class MailPickupFolder(string path, TimeProvider clock)
{
    public string Path { get; } = path;

    public async Task WriteAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path);
        var stamp = clock.GetUtcNow().ToString("yyyyMMdd-HHmmss-fff", System.Globalization.CultureInfo.InvariantCulture);
        var file = System.IO.Path.Combine(Path, $"{stamp}-{Guid.NewGuid():N}.eml");
        await message.WriteToAsync(file, cancellationToken);
    }
}
