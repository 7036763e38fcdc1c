using ServiceCulture.Data;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The portal on each engine the tests can run here: a SQLite file and a real PostgreSQL server.
/// Tests in the engines collection take the engine as a theory argument and run once per engine.
/// </summary>
public class EnginesFixture : IAsyncLifetime
{
    private readonly AppFixture sqlite;
    private readonly PostgresAppFixture postgres;

    public EnginesFixture()
        : this(fakeClock: false)
    {
    }

    protected EnginesFixture(bool fakeClock)
    {
        sqlite = new AppFixture(fakeClock);
        postgres = new PostgresAppFixture(fakeClock);
    }

    public static TheoryData<DatabaseProvider> All => new() { DatabaseProvider.Sqlite, DatabaseProvider.PostgreSql };

    public async Task InitializeAsync()
    {
        await sqlite.InitializeAsync();
        await postgres.InitializeAsync();
    }

    public async Task<IPortalHost> HostAsync(DatabaseProvider engine)
    {
        IPortalHost host = engine switch
        {
            DatabaseProvider.Sqlite => sqlite,
            DatabaseProvider.PostgreSql => postgres,
            _ => throw new ArgumentOutOfRangeException(nameof(engine), engine, "SQL Server cannot run here; its model and script are tested offline."),
        };
        await host.ResetAsync();
        return host;
    }

    public async Task DisposeAsync()
    {
        await sqlite.DisposeAsync();
        await postgres.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class EnginesCollection : ICollectionFixture<EnginesFixture>
{
    public const string Name = "engines";
}

/// <summary>Base for tests that run once per engine.</summary>
[Collection(EnginesCollection.Name)]
public abstract class EngineTest(EnginesFixture engines)
{
    protected EnginesFixture Engines { get; } = engines;
}

/// <summary>The portal on each engine with the fake clock (<see cref="PortalFactory.Clock"/>) as its time.</summary>
public sealed class ClockedEnginesFixture() : EnginesFixture(fakeClock: true);

[CollectionDefinition(Name)]
public sealed class ClockedEnginesCollection : ICollectionFixture<ClockedEnginesFixture>
{
    public const string Name = "engines-clocked";
}

/// <summary>Base for tests that run once per engine and drive time with the fake clock.</summary>
[Collection(ClockedEnginesCollection.Name)]
public abstract class ClockedEngineTest(ClockedEnginesFixture engines)
{
    protected ClockedEnginesFixture Engines { get; } = engines;
}
