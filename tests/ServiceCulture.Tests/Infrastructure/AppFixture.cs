using ServiceCulture.Data;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// One portal host for the integration tests, on a SQLite file migrated and seeded exactly as in
/// production. <see cref="ResetAsync"/> puts the database back to the freshly seeded state.
/// </summary>
public sealed class AppFixture : PortalHost, IAsyncLifetime
{
    public override DatabaseProvider Engine => DatabaseProvider.Sqlite;

    private readonly TestFolder folder = new();
    private string templatePath = "";

    public string DatabasePath => folder.File("portal.db");
    public string MailFolder => folder.File("mail");

    public Task InitializeAsync()
    {
        Factory = new PortalFactory(PortalFactory.SqliteSettings(DatabasePath));
        _ = Factory.Services; // builds the host: migrate and seed
        templatePath = folder.File("template.db");
        SqliteFiles.Copy(DatabasePath, templatePath);
        return Task.CompletedTask;
    }

    /// <summary>Restores the seeded database under the running host.</summary>
    public override Task ResetAsync()
    {
        SqliteFiles.Copy(templatePath, DatabasePath);
        if (Directory.Exists(MailFolder))
        {
            Directory.Delete(MailFolder, recursive: true);
        }

        ResetProcessState();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        folder.Dispose();
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
