using Npgsql;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The throwaway PostgreSQL server that ./test.sh starts; its connection string arrives in
/// SC_TEST_POSTGRES. Each fixture creates and drops its own databases on it.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "SC_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: run ./test.sh, which starts a throwaway one, or set {Variable} to a connection string of a server where you may create databases.");

    public static string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database, Pooling = true }.ConnectionString;

    public static async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    public static Task CreateDatabaseAsync(string name, string? template = null) =>
        ExecuteAsync(template is null ? $"CREATE DATABASE \"{name}\"" : $"CREATE DATABASE \"{name}\" TEMPLATE \"{template}\"");

    public static Task DropDatabaseAsync(string name) =>
        ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");

    public static string NewDatabaseName(string purpose) => $"sc_{purpose}_{Guid.NewGuid():N}"[..24];
}
