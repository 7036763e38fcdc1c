using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace ServiceCulture.Data;

/// <summary>Reads <c>Database:Provider</c> and <c>ConnectionStrings:Default</c> and configures EF for that engine.</summary>
public static class DatabaseSetup
{
    public const string SqliteMigrationsAssembly = "ServiceCulture.Migrations.Sqlite";
    public const string SqlServerMigrationsAssembly = "ServiceCulture.Migrations.SqlServer";
    public const string PostgreSqlMigrationsAssembly = "ServiceCulture.Migrations.PostgreSql";
    public const string DefaultSqliteConnectionString = "Data Source=App_Data/serviceculture.db";

    public static DatabaseProvider ReadProvider(IConfiguration configuration)
    {
        var value = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(value))
        {
            return DatabaseProvider.Sqlite;
        }

        return Enum.TryParse<DatabaseProvider>(value.Trim(), ignoreCase: true, out var provider) && Enum.IsDefined(provider)
            ? provider
            : throw new StartupConfigurationException(
                $"Database:Provider '{value}' is not supported. Valid values: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
    }

    /// <summary>The connection string for the engine; a relative SQLite path is resolved against the content root.</summary>
    public static string ReadConnectionString(IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        var value = configuration.GetConnectionString("Default");
        if (string.IsNullOrWhiteSpace(value))
        {
            if (provider != DatabaseProvider.Sqlite)
            {
                throw new StartupConfigurationException(
                    $"ConnectionStrings:Default is required when Database:Provider is {provider}. Valid providers: {string.Join(", ", Enum.GetNames<DatabaseProvider>())}.");
            }

            value = DefaultSqliteConnectionString;
        }

        return provider switch
        {
            DatabaseProvider.Sqlite => ResolveSqlitePath(value, contentRoot),
            DatabaseProvider.PostgreSql => WithPreparedStatements(value),
            _ => value,
        };
    }

    /// <summary>Statements Npgsql prepares on each connection when the connection string does not say (<c>Max Auto Prepare</c>).</summary>
    public const int DefaultMaxAutoPrepare = 64;

    /// <summary>
    /// Turns on Npgsql's automatic preparation unless the connection string sets it: a statement run
    /// twice on a pooled connection is prepared there, so the server plans the pages' queries once per
    /// connection instead of on every request. <c>Max Auto Prepare=0</c> turns it off (for a PgBouncer
    /// older than 1.21 pooling by transaction, which does not carry prepared statements).
    /// </summary>
    private static string WithPreparedStatements(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.ContainsKey("Max Auto Prepare") || given.ContainsKey("MaxAutoPrepare"))
        {
            return connectionString;
        }

        var builder = new NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = DefaultMaxAutoPrepare };
        if (!given.ContainsKey("Auto Prepare Min Usages") && !given.ContainsKey("AutoPrepareMinUsages"))
        {
            builder.AutoPrepareMinUsages = 2;
        }

        return builder.ConnectionString;
    }

    public static void Configure(DbContextOptionsBuilder options, DatabaseProvider provider, string connectionString)
    {
        switch (provider)
        {
            case DatabaseProvider.Sqlite:
                options.UseSqlite(connectionString, sqlite => sqlite.MigrationsAssembly(SqliteMigrationsAssembly));
                break;
            case DatabaseProvider.SqlServer:
                options.UseSqlServer(connectionString, sql => sql.MigrationsAssembly(SqlServerMigrationsAssembly));
                break;
            case DatabaseProvider.PostgreSql:
                options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsAssembly(PostgreSqlMigrationsAssembly));
                break;
            default:
                throw new StartupConfigurationException($"Database provider {provider} is not supported.");
        }
    }

    private static string ResolveSqlitePath(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return connectionString;
        }

        var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }
}
