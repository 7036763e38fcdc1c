using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;
using ServiceCulture.Data;
using ServiceCulture.Settings;

namespace ServiceCulture.Email;

/// <summary>
/// Hands composed messages to SMTP, or writes them to the pickup folder when no SMTP host is configured.
/// Every message leaves from the sender admins set at the settings page (or the configured one), read
/// from the database at most every <see cref="SenderCachedFor"/>, so a change reaches every node without a restart.
/// </summary>
public sealed class MailDelivery(IOptions<MailSettings> settings, MailPickupFolder pickup, IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan SenderCachedFor = TimeSpan.FromSeconds(30);

    private SenderSnapshot? sender;

    /// <summary>The sender as last read (the configured one before the first read), a new address each time.</summary>
    /// <remarks>
    /// Never one shared <see cref="MailboxAddress"/>: a message's address list listens to the
    /// addresses in it, so one cached address would keep every message it was added to alive (the
    /// dispatcher held some 12,000 sent messages, 800 MB, before this).
    /// </remarks>
    public MailboxAddress Sender => (sender ?? Configured).Address();

    private SenderSnapshot Configured => new(MailHeaders.Clean(settings.Value.FromName), settings.Value.FromAddress, DateTimeOffset.MinValue);

    /// <summary>The sender now: the admins' choice where they made one, otherwise the configuration.</summary>
    public async Task<MailboxAddress> CurrentSenderAsync(CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (sender is { } known && known.Until > now)
        {
            return known.Address();
        }

        await using var scope = scopes.CreateAsyncScope();
        var (name, address) = await SettingsStore.SenderOfAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), cancellationToken);
        sender = new SenderSnapshot(MailHeaders.Clean(name ?? settings.Value.FromName), address ?? settings.Value.FromAddress, now + SenderCachedFor);
        return sender.Address();
    }

    /// <summary>Forgets the sender read on this node, after an admin changed it here.</summary>
    public void ForgetSender() => sender = null;

    private sealed record SenderSnapshot(string Name, string Email, DateTimeOffset Until)
    {
        public MailboxAddress Address() => new(Name, Email);
    }

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
        var from = await CurrentSenderAsync(cancellationToken);
        if (!config.UsesSmtp)
        {
            return new MailSession(from, null, pickup);
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

            return new MailSession(from, client, pickup);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>An open way out for mail: an SMTP connection, or the pickup folder.</summary>
    public sealed class MailSession(MailboxAddress from, SmtpClient? client, MailPickupFolder pickup) : IAsyncDisposable
    {
        public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
        {
            // Whoever composed it, the portal's mail leaves from the portal's current sender.
            message.From.Clear();
            message.From.Add(from);

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
