using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace ServiceCulture.Data;

/// <summary>
/// Lets one SQLite transaction of this process at a time begin, and queues the others without
/// holding a thread. SQLite allows one writer, and a transaction here begins by taking the write
/// lock; without the gate, concurrent transactions each found the lock taken and slept in SQLite's
/// busy handler (a thread blocked per waiter, sleeps growing to 100 ms), and the lock sat free while
/// they slept. Measured at scale M: 16 connections posting moments at once managed about 35 a
/// second where 4 managed 161 (bench/README.md). The busy timeout stays for other processes on the
/// same file. A transaction that has waited as long as that timeout begins without the gate. Each
/// database file has a gate of its own.
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>The connections holding their file's gate; a connection holds it for one transaction at a time.</summary>
    private readonly ConcurrentDictionary<Guid, SemaphoreSlim> holders = new();

    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(SqliteConnectionSettings.BusyTimeoutMilliseconds);

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var gate = GateOf(connection);
        if (gate.Wait(LongestWait))
        {
            Hold(eventData.ConnectionId, gate);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var gate = GateOf(connection);
        if (await gate.WaitAsync(LongestWait, cancellationToken))
        {
            Hold(eventData.ConnectionId, gate);
        }

        return result;
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.ConnectionId);

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.ConnectionId);

    /// <summary>A transaction that failed to begin, commit or roll back gives the gate up too.</summary>
    public override void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Release(eventData.ConnectionId);

    public override Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default) =>
        Released(eventData.ConnectionId);

    /// <summary>A transaction disposed of without a commit or a rollback ends when its connection closes.</summary>
    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Released(eventData.ConnectionId);

    private SemaphoreSlim GateOf(DbConnection connection) => gates.GetOrAdd(connection.DataSource, _ => new SemaphoreSlim(1, 1));

    private void Hold(Guid connectionId, SemaphoreSlim gate)
    {
        if (!holders.TryAdd(connectionId, gate))
        {
            gate.Release();
        }
    }

    private void Release(Guid connectionId)
    {
        if (holders.TryRemove(connectionId, out var gate))
        {
            gate.Release();
        }
    }

    private Task Released(Guid connectionId)
    {
        Release(connectionId);
        return Task.CompletedTask;
    }
}
