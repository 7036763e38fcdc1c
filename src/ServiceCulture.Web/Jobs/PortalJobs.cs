using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using ServiceCulture.Data;

namespace ServiceCulture.Web.Jobs;

/// <summary>Hangfire wiring: job storage per database engine, the optional in-process server, the health check.</summary>
public static class PortalJobs
{
    public static IServiceCollection AddPortalJobs(this IServiceCollection services, IConfiguration configuration, DatabaseProvider provider, string connectionString)
    {
        // The storage is a per-host singleton rather than Hangfire's process-wide JobStorage.Current,
        // so that several hosts in one process (tests) never share or dispose each other's storage.
        services.AddSingleton<JobStorage>(_ => CreateStorage(provider, connectionString));
        services.AddHangfire((_, config) => config
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings());

        if (configuration.GetValue("Jobs:RunServer", true))
        {
            services.AddHangfireServer((_, options) =>
            {
                options.WorkerCount = Math.Clamp(configuration.GetValue("Jobs:WorkerCount", 2), 1, 20);
                options.ServerName = $"{Environment.MachineName}:{Environment.ProcessId}";
            });
        }

        services.AddSingleton<RecurringJobsSchedule>();
        return services;
    }

    private static JobStorage CreateStorage(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Sqlite => new InMemoryStorage(new InMemoryStorageOptions { MaxExpirationTime = TimeSpan.FromDays(2) }),
        DatabaseProvider.SqlServer => new SqlServerStorage(connectionString, new SqlServerStorageOptions
        {
            SchemaName = "HangFire",
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = TimeSpan.Zero,
        }),
        DatabaseProvider.PostgreSql => CreatePostgreSqlStorage(connectionString),
        _ => throw new StartupConfigurationException($"No job storage for database provider {provider}."),
    };

    private static PostgreSqlStorage CreatePostgreSqlStorage(string connectionString)
    {
        var options = new PostgreSqlStorageOptions { SchemaName = "hangfire", PrepareSchemaIfNecessary = true };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }
}

/// <summary>Ready when the job storage answers a statistics query.</summary>
public sealed class JobStorageHealthCheck(JobStorage storage) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var statistics = storage.GetMonitoringApi().GetStatistics();
            return Task.FromResult(HealthCheckResult.Healthy($"{statistics.Servers} server(s), {statistics.Enqueued} enqueued"));
        }
        catch (Exception error)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy("Job storage did not answer.", error));
        }
    }
}
