using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace ServiceCulture.Email;

/// <summary>Hands composed messages to SMTP, or writes them to the pickup folder when no SMTP host is configured.</summary>
public sealed class MailDelivery(IOptions<MailSettings> settings, MailPickupFolder pickup)
{
    public MailboxAddress Sender => new(MailHeaders.Clean(settings.Value.FromName), settings.Value.FromAddress);

    public bool UsesSmtp => settings.Value.UsesSmtp;

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        await using var session = await OpenAsync(cancellationToken);
        await session.SendAsync(message, cancellationToken);
    }

    /// <summary>Opens one SMTP connection (or the pickup folder) for several messages.</summary>
    public async Task<MailSession> OpenAsync(CancellationToken cancellationToken)
    {
        var config = settings.Value;
        if (!config.UsesSmtp)
        {
            return new MailSession(this, null, pickup);
        }

        var client = new SmtpClient { Timeout = Math.Max(1, config.Smtp.TimeoutSeconds) * 1000 };
        try
        {
            var security = Enum.TryParse<SecureSocketOptions>(config.Smtp.Security, ignoreCase: true, out var parsed)
                ? parsed
                : SecureSocketOptions.Auto;
            // Our own socket, without Nagle's delay: each SMTP command is small and waits for its answer.
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            try
            {
                using var connecting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                connecting.CancelAfter(client.Timeout);
                await socket.ConnectAsync(config.Smtp.Host!, config.Smtp.Port, connecting.Token);
            }
            catch
            {
                socket.Dispose();
                throw;
            }

            await client.ConnectAsync(socket, config.Smtp.Host!, config.Smtp.Port, security, cancellationToken);
            if (!string.IsNullOrEmpty(config.Smtp.UserName))
            {
                await client.AuthenticateAsync(config.Smtp.UserName, config.Smtp.Password ?? "", cancellationToken);
            }

            return new MailSession(this, client, pickup);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An open way out for mail: an SMTP connection, or the pickup folder.</summary>
    public sealed class MailSession(MailDelivery delivery, SmtpClient? client, MailPickupFolder pickup) : IAsyncDisposable
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            if (message.From.Count == 0)
            {
                message.From.Add(delivery.Sender);
            }

            if (client is null)
            {
                await pickup.WriteAsync(message, cancellationToken);
            }
            else
            {
                await client.SendAsync(message, cancellationToken);
            }
        }

        public async ValueTask DisposeAsync()
        {
            if (client is null)
            {
                return;
            }

            try
            {
                if (client.IsConnected)
                {
                    await client.DisconnectAsync(quit: true, CancellationToken.None);
                }
            }
            catch (Exception error) when (error is IOException or MailKit.ProtocolException or SmtpCommandException or OperationCanceledException)
            {
                // The messages are already accepted or already failed; a broken goodbye changes neither.
            }
            finally
            {
                client.Dispose();
            }
        }
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
        try
        {
            await message.WriteToAsync(file, cancellationToken);
        }
        catch
        {
            // A half-written file (disk full) would be picked up as a broken mail.
            File.Delete(file);
            throw;
        }
    }
}
