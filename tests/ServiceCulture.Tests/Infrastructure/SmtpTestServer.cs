using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>A real SMTP server on a loopback port, in this process; it keeps what it receives and can be stopped and started again.</summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly Store store = new();
    private SmtpServer.SmtpServer? server;
    private CancellationTokenSource? running;
    private Task? serving;

    public int Port { get; } = FreePort();

    /// <summary>Every message accepted, with the envelope recipients it was sent to.</summary>
    public IReadOnlyList<Received> Messages => [.. store.Messages];

    public bool IsRunning => server is not null;

    public static async Task<SmtpTestServer> StartAsync()
    {
        var smtp = new SmtpTestServer();
        await smtp.StartAgainAsync();
        return smtp;
    }

    public async Task StartAgainAsync()
    {
        var options = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(e => e.Endpoint(new IPEndPoint(IPAddress.Loopback, Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(store);
        server = new SmtpServer.SmtpServer(options, services);
        running = new CancellationTokenSource();
        serving = server.StartAsync(running.Token);
        // Ready when the port answers.
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new InvalidOperationException("The test SMTP server did not start.");
    }

    public async Task StopAsync()
    {
        if (server is null)
        {
            return;
        }

        server.Shutdown();
        await running!.CancelAsync();
        try
        {
            await serving!.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (OperationCanceledException)
        {
        }

        running.Dispose();
        server = null;
    }

    public void Clear() => store.Messages.Clear();

    /// <summary>
    /// Once <paramref name="accepted"/> messages are in, the next one is kept waiting for the server's
    /// answer until <see cref="Release"/>, and is then refused: it was never accepted. The task
    /// completes when a message is being held.
    /// </summary>
    public Task HoldAfter(int accepted) => store.HoldAfter(accepted);

    /// <summary>Lets a held message go, unaccepted, and takes messages normally again.</summary>
    public void Release() => store.Release();

    /// <summary>Settings that point the portal at this server.</summary>
    public void Configure(IDictionary<string, string?> settings)
    {
        settings["Email:Smtp:Host"] = "127.0.0.1";
        settings["Email:Smtp:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Email:Smtp:Security"] = "None";
        settings["Email:Smtp:TimeoutSeconds"] = "5";
        settings["Email:FromAddress"] = "portal@serviceculture.test";
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    public sealed record Received(IReadOnlyList<string> Recipients, MimeMessage Message);

    private sealed class Store : MessageStore
    {
        private readonly Lock gate = new();
        private int? holdAfter;
        private TaskCompletionSource holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private TaskCompletionSource released = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ConcurrentQueue<Received> Messages { get; } = new();

        public Task HoldAfter(int accepted)
        {
            lock (gate)
            {
                holdAfter = accepted;
                holding = new(TaskCreationOptions.RunContinuationsAsynchronously);
                released = new(TaskCreationOptions.RunContinuationsAsynchronously);
                return holding.Task;
            }
        }

        public void Release()
        {
            lock (gate)
            {
                holdAfter = null;
                released.TrySetResult();
            }
        }

        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            Task? wait = null;
            lock (gate)
            {
                if (holdAfter is { } limit && Messages.Count >= limit)
                {
                    holding.TrySetResult();
                    wait = released.Task;
                }
            }

            if (wait is not null)
            {
                await wait;
                return SmtpResponse.TransactionFailed;
            }

            await using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            Messages.Enqueue(new Received([.. transaction.To.Select(t => $"{t.User}@{t.Host}")], message));
            return SmtpResponse.Ok;
        }
    }
}
