using Microsoft.Data.Sqlite;
using ServiceCulture.Data;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// One portal host for the integration tests, on a SQLite file migrated and seeded exactly as in
/// production. <see cref="ResetAsync"/> puts the database back to the freshly seeded state.
/// </summary>
public sealed class AppFixture : PortalHost, IAsyncLifetime
{
    private readonly bool fakeClock;

    public AppFixture()
        : this(fakeClock: false)
    {
    }

    /// <summary>A host whose clock is <see cref="PortalFactory.Clock"/>, for tests that drive time.</summary>
    internal AppFixture(bool fakeClock) => this.fakeClock = fakeClock;

    public override DatabaseProvider Engine => DatabaseProvider.Sqlite;

    private readonly TestFolder folder = new();
    private string templatePath = "";

    public string DatabasePath => folder.File("portal.db");
    public string MailFolder => folder.File("mail");

    public Task InitializeAsync()
    {
        Factory = new PortalFactory(PortalFactory.SqliteSettings(DatabasePath)) { UseFakeClock = fakeClock };
        _ = Factory.Services; // builds the host: migrate and seed
        templatePath = folder.File("template.db");
        using var live = Open(DatabasePath);
        using var template = Open(templatePath);
        live.BackupDatabase(template);
        return Task.CompletedTask;
    }

    /// <summary>Restores the seeded database under the running host.</summary>
    public override Task ResetAsync()
    {
        using var template = Open(templatePath);
        using var live = Open(DatabasePath);
        template.BackupDatabase(live);
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }

        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        folder.Dispose();
    }

    private static SqliteConnection Open(string path)
    {
        var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection;
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

/// <summary>Base for tests on the shared host: each test starts from the seeded demo organisation.</summary>
[Collection(AppCollection.Name)]
public abstract class AppTest(AppFixture app) : IAsyncLifetime
{
    protected AppFixture App { get; } = app;

    public virtual Task InitializeAsync() => App.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;
}
