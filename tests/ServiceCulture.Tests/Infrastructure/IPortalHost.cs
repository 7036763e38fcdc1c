using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>A running portal on one database engine whose data can be reset to the seeded demo organisation.</summary>
public interface IPortalHost
{
    DatabaseProvider Engine { get; }

    PortalFactory Factory { get; }

    Task ResetAsync();

    PortalClient CreateClient();

    AsyncServiceScope Scope();

    Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work);

    Task WithDbAsync(Func<AppDbContext, Task> work);
}

/// <summary>What every portal host shares: its clients, scopes and database access.</summary>
public abstract class PortalHost : IPortalHost
{
    public abstract DatabaseProvider Engine { get; }

    public PortalFactory Factory { get; protected set; } = null!;

    public abstract Task ResetAsync();

    /// <summary>
    /// What a reset does besides the database: the clock goes back to its start and in-process
    /// caches (participation, teams) forget what they read from the previous test's data.
    /// </summary>
    protected void ResetProcessState()
    {
        Factory.Clock.Reset();
        if (Factory.Services.GetRequiredService<IMemoryCache>() is MemoryCache cache)
        {
            cache.Clear();
        }
    }

    public PortalClient CreateClient() => Factory.CreatePortalClient();

    public AsyncServiceScope Scope() => Factory.Services.CreateAsyncScope();

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> work)
    {
        await using var scope = Scope();
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }

    public async Task WithDbAsync(Func<AppDbContext, Task> work)
    {
        await using var scope = Scope();
        await work(scope.ServiceProvider.GetRequiredService<AppDbContext>());
    }
}
