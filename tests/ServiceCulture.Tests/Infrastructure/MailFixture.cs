using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The portal on a SQLite file with the fake clock, sending to a real SMTP server on loopback. The
/// demo's own queued mail counts as sent in the template, so each test sees only what it causes.
/// </summary>
public sealed class MailFixture : PortalHost, IAsyncLifetime
{
    private readonly TestFolder folder = new();
    private string templatePath = "";

    public override DatabaseProvider Engine => DatabaseProvider.Sqlite;

    public SmtpTestServer Smtp { get; private set; } = null!;

    public string DatabasePath => folder.File("mail.db");

    public async Task InitializeAsync()
    {
        Smtp = await SmtpTestServer.StartAsync();
        var settings = PortalFactory.SqliteSettings(DatabasePath);
        Smtp.Configure(settings);
        settings["App:BaseUrl"] = "https://portal.test";
        Factory = new PortalFactory(settings);
        _ = Factory.Services;
        await WithDbAsync(db => db.OutboxMessages.ExecuteUpdateAsync(s => s.SetProperty(m => m.Status, OutboxStatus.Sent)));
        templatePath = folder.File("template.db");
        SqliteFiles.Copy(DatabasePath, templatePath);
    }

    public override async Task ResetAsync()
    {
        SqliteFiles.Copy(templatePath, DatabasePath);

        if (!Smtp.IsRunning)
        {
            await Smtp.StartAgainAsync();
        }

        Smtp.Clear();
        // The sender is read from the settings table at most every half minute; the restored table may hold another.
        Factory.Services.GetRequiredService<MailDelivery>().ForgetSender();
    }

    public DateTime Now => Factory.Clock.GetUtcNow().UtcDateTime;

    /// <summary>Moves the fake clock on and runs the dispatcher at the new time.</summary>
    public async Task<DispatchResult> DispatchAsync(TimeSpan? after = null)
    {
        if (after is { } wait)
        {
            Factory.Clock.Advance(wait);
        }

        await using var scope = Scope();
        return await scope.ServiceProvider.GetRequiredService<OutboxDispatcher>().DispatchAsync(Now, CancellationToken.None);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Smtp.DisposeAsync();
        folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MailCollection : ICollectionFixture<MailFixture>
{
    public const string Name = "mail";
}

/// <summary>Base for tests on the mail host: each starts from the seeded demo with an empty SMTP server.</summary>
[Collection(MailCollection.Name)]
public abstract class MailTest(MailFixture mail) : IAsyncLifetime
{
    protected MailFixture Mail { get; } = mail;

    public virtual Task InitializeAsync() => Mail.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
