using Npgsql;
using ServiceCulture.Data;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The portal on a real PostgreSQL database, migrated and seeded at start; <see cref="ResetAsync"/>
/// recreates the database from a template copy of the seeded state.
/// </summary>
public sealed class PostgresAppFixture : PortalHost, IAsyncLifetime
{
    private readonly bool fakeClock;

    public PostgresAppFixture()
        : this(fakeClock: false)
    {
    }

    /// <summary>A host whose clock is <see cref="PortalFactory.Clock"/>, for tests that drive time.</summary>
    internal PostgresAppFixture(bool fakeClock) => this.fakeClock = fakeClock;

    private readonly TestFolder folder = new();
    private readonly string database = PostgresServer.NewDatabaseName("app");
    private string Template => database + "_t";

    public override DatabaseProvider Engine => DatabaseProvider.PostgreSql;

    public async Task InitializeAsync()
    {
        await PostgresServer.CreateDatabaseAsync(database);
        var settings = PortalFactory.SqliteSettings(folder.File("unused.db"));
        settings["Database:Provider"] = "PostgreSql";
        settings["ConnectionStrings:Default"] = PostgresServer.ConnectionStringFor(database);
        Factory = new PortalFactory(settings) { UseFakeClock = fakeClock };
        _ = Factory.Services;
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.CreateDatabaseAsync(Template, template: database);
    }

    public override async Task ResetAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.DropDatabaseAsync(database);
        await PostgresServer.CreateDatabaseAsync(database, template: Template);
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await PostgresServer.DropDatabaseAsync(database);
        await PostgresServer.DropDatabaseAsync(Template);
        folder.Dispose();
    }
}
