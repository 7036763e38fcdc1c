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
/// same file. Each database file has a gate of its own.
/// <para>
/// A transaction gives the gate up when it commits, rolls back or fails, or when its connection
/// closes or is disposed of. One disposed of without any of these (an early return inside
/// <c>await using</c>) is found by the next transaction waiting: it looks every few milliseconds
/// for a holder whose transaction has ended. A transaction that has waited as long as the busy
/// timeout begins without the gate, so nothing waits for ever.
/// </para>
/// </summary>
public sealed class SqliteWriteGate : DbTransactionInterceptor, IDbConnectionInterceptor
{
    public static readonly SqliteWriteGate Instance = new();

    private static readonly TimeSpan LongestWait = TimeSpan.FromMilliseconds(SqliteConnectionSettings.BusyTimeoutMilliseconds);
    private static readonly TimeSpan Look = TimeSpan.FromMilliseconds(20);

    private readonly ConcurrentDictionary<string, SemaphoreSlim> gates = new(StringComparer.Ordinal);

    /// <summary>The connections holding their file's gate; a connection holds it for one transaction at a time.</summary>
    private readonly ConcurrentDictionary<Guid, Holder> holders = new();

    private sealed class Holder(SemaphoreSlim gate)
    {
        public SemaphoreSlim Gate { get; } = gate;

        /// <summary>Set once the transaction has begun; Microsoft.Data.Sqlite clears its connection when it ends.</summary>
        public DbTransaction? Transaction { get; set; }

        public bool Ended => Transaction is { Connection: null };
    }

    public override InterceptionResult<DbTransaction> TransactionStarting(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result)
    {
        var gate = GateOf(connection);
        var waited = TimeSpan.Zero;
        while (waited < LongestWait)
        {
            if (gate.Wait(Look))
            {
                Hold(eventData.ConnectionId, gate);
                break;
            }

            waited += Look;
            ReleaseEnded(gate);
        }

        return result;
    }

    public override async ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        var gate = GateOf(connection);
        var waited = TimeSpan.Zero;
        while (waited < LongestWait)
        {
            if (await gate.WaitAsync(Look, cancellationToken))
            {
                Hold(eventData.ConnectionId, gate);
                break;
            }

            waited += Look;
            ReleaseEnded(gate);
        }

        return result;
    }

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        Begun(eventData.ConnectionId, result);
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        Begun(eventData.ConnectionId, result);
        return ValueTask.FromResult(result);
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

    public void ConnectionClosed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task ConnectionClosedAsync(DbConnection connection, ConnectionEndEventData eventData) => Released(eventData.ConnectionId);

    public void ConnectionDisposed(DbConnection connection, ConnectionEndEventData eventData) => Release(eventData.ConnectionId);

    public Task ConnectionDisposedAsync(DbConnection connection, ConnectionEndEventData eventData) => Released(eventData.ConnectionId);

    private SemaphoreSlim GateOf(DbConnection connection) => gates.GetOrAdd(connection.DataSource, _ => new SemaphoreSlim(1, 1));

    private void Hold(Guid connectionId, SemaphoreSlim gate)
    {
        if (!holders.TryAdd(connectionId, new Holder(gate)))
        {
            gate.Release();
        }
    }

    private void Begun(Guid connectionId, DbTransaction transaction)
    {
        if (holders.TryGetValue(connectionId, out var holder))
        {
            holder.Transaction = transaction;
        }
    }

    /// <summary>Gives up the gate for holders whose transaction ended without a commit or a rollback being seen.</summary>
    private void ReleaseEnded(SemaphoreSlim gate)
    {
        foreach (var (connectionId, holder) in holders)
        {
            if (holder.Gate == gate && holder.Ended && holders.TryRemove(new KeyValuePair<Guid, Holder>(connectionId, holder)))
            {
                gate.Release();
            }
        }
    }

    private void Release(Guid connectionId)
    {
        if (holders.TryRemove(connectionId, out var holder))
        {
            holder.Gate.Release();
        }
    }

    private Task Released(Guid connectionId)
    {
        Release(connectionId);
        return Task.CompletedTask;
    }
}
