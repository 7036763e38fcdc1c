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
