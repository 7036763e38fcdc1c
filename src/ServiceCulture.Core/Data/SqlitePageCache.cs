using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceCulture.Data;

/// <summary>
/// Keeps each SQLite connection's own page cache small. Every pooled connection holds a cache of its
/// own (2 MB by default), so under load the portal kept one per concurrent request; the operating
/// system's file cache holds the database's pages once for all of them. Measured at scale M, 64
/// connections: the portal peaked at 371 MB instead of 469 MB, and the feed and profile served
/// more, not fewer, requests (bench/README.md).
/// </summary>
public sealed class SqlitePageCache : DbConnectionInterceptor
{
    /// <summary>Kilobytes of pages each connection keeps.</summary>
    public const int Kilobytes = 256;

    public static readonly SqlitePageCache Instance = new();

    private const string Pragma = "PRAGMA cache_size = -256";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
