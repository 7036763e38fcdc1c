using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ServiceCulture.Bench;

/// <summary>Writes many rows fast: binary COPY on PostgreSQL, one prepared statement in one transaction on SQLite.</summary>
public static class BulkWriter
{
    public static async Task WriteAsync(DbConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await npgsql.BeginBinaryImportAsync(copy);
            // Millions of rows into indexed tables take the server longer than a command's 30 s to finish.
            importer.Timeout = TimeSpan.Zero;
            foreach (var row in rows)
            {
                await importer.StartRowAsync();
                foreach (var value in row)
                {
                    if (value is null)
                    {
                        await importer.WriteNullAsync();
                    }
                    else
                    {
                        await importer.WriteAsync(value);
                    }
                }
            }

            await importer.CompleteAsync();
            return;
        }

        await ExecuteSqliteAsync(
            (SqliteConnection)connection,
            $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})",
            columns.Length,
            rows);
    }

    /// <summary>
    /// Sets columns on many rows by key: COPY into a temporary table and one UPDATE … FROM on
    /// PostgreSQL, one prepared UPDATE in a transaction on SQLite. Each row is the key, then the columns.
    /// </summary>
    public static async Task UpdateAsync(DbConnection connection, string table, string key, string[] columns, IEnumerable<object?[]> rows)
    {
        if (connection is NpgsqlConnection)
        {
            const string staging = "bulk_update";
            await ExecuteAsync(connection, $"CREATE TEMP TABLE {staging} AS SELECT \"{key}\", {string.Join(", ", columns.Select(c => $"\"{c}\""))} FROM \"{table}\" WITH NO DATA");
            await WriteAsync(connection, staging, [key, .. columns], rows);
            await ExecuteAsync(connection, $"UPDATE \"{table}\" AS target SET {string.Join(", ", columns.Select(c => $"\"{c}\" = source.\"{c}\""))} FROM {staging} AS source WHERE target.\"{key}\" = source.\"{key}\"");
            await ExecuteAsync(connection, $"DROP TABLE {staging}");
            return;
        }

        await ExecuteSqliteAsync(
            (SqliteConnection)connection,
            $"UPDATE \"{table}\" SET {string.Join(", ", columns.Select((c, i) => $"\"{c}\" = $p{i + 1}"))} WHERE \"{key}\" = $p0",
            columns.Length + 1,
            rows);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteSqliteAsync(SqliteConnection sqlite, string sql, int parameterCount, IEnumerable<object?[]> rows)
    {
        // A large page cache keeps the indexes' pages in memory while millions of rows go in; the
        // file is a throwaway until the transaction commits, so nothing waits for the disk either.
        await ExecuteAsync(sqlite, "PRAGMA cache_size = -524288; PRAGMA synchronous = OFF");
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var parameters = Enumerable.Range(0, parameterCount).Select(i => command.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
        command.Prepare();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                parameters[i].Value = row[i] switch
                {
                    null => DBNull.Value,
                    DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", System.Globalization.CultureInfo.InvariantCulture),
                    DateOnly d => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                    bool b => b ? 1 : 0,
                    var v => v,
                };
                parameters[i].SqliteType = row[i] switch
                {
                    int or long or bool => SqliteType.Integer,
                    _ => SqliteType.Text,
                };
            }

            await command.ExecuteNonQueryAsync();
        }

        await transaction.CommitAsync();
    }
}
