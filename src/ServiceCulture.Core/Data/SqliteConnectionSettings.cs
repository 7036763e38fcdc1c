using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceCulture.Data;

/// <summary>
/// Settings each SQLite connection takes when it opens.
/// <list type="bullet">
/// <item>A small page cache of its own. Every pooled connection holds one (2 MB by default), so under
/// load the portal kept one per concurrent request; the operating system's file cache holds the
/// database's pages once for all of them. Measured at scale M, 64 connections: the portal peaked at
/// 371 MB instead of 469 MB, and the feed and profile served more, not fewer, requests (bench/README.md).</item>
/// <item>A busy timeout, so a write that finds another connection writing waits in SQLite, which
/// retries within a millisecond or two, instead of failing to Microsoft.Data.Sqlite, which retries
/// only after 150 ms. Posts from 16 connections at once queued on those pauses: at scale M, about 30
/// moments a second instead of more than a hundred (bench/README.md).</item>
/// </list>
/// </summary>
public sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>Kilobytes of pages each connection keeps.</summary>
    public const int PageCacheKilobytes = 256;

    /// <summary>How long a write waits for another connection's write to end, as the command timeout does.</summary>
    public const int BusyTimeoutMilliseconds = 30_000;

    public static readonly SqliteConnectionSettings Instance = new();

    private static readonly string Pragmas = $"PRAGMA cache_size = -{PageCacheKilobytes}; PRAGMA busy_timeout = {BusyTimeoutMilliseconds};";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
