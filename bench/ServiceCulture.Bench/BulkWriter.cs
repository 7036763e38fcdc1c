using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace ServiceCulture.Bench;

/// <summary>Writes many rows fast: COPY on PostgreSQL, one prepared statement in a transaction on SQLite.</summary>
public static class BulkWriter
{
    public static async Task WriteAsync(DbConnection connection, string table, string[] columns, IEnumerable<object?[]> rows)
    {
        if (connection is NpgsqlConnection npgsql)
        {
            var copy = $"COPY \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) FROM STDIN (FORMAT BINARY)";
            await using var importer = await npgsql.BeginBinaryImportAsync(copy);
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

        var sqlite = (SqliteConnection)connection;
        await using var transaction = (SqliteTransaction)await sqlite.BeginTransactionAsync();
        await using var command = sqlite.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"INSERT INTO \"{table}\" ({string.Join(", ", columns.Select(c => $"\"{c}\""))}) VALUES ({string.Join(", ", columns.Select((_, i) => "$p" + i))})";
        var parameters = columns.Select((_, i) => command.Parameters.Add("$p" + i, SqliteType.Text)).ToArray();
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
