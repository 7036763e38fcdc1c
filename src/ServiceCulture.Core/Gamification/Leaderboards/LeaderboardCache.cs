using Microsoft.Extensions.Caching.Memory;

namespace ServiceCulture.Gamification;

/// <summary>What a cached board was computed from; a board is reused only for the same stamp.</summary>
/// <param name="Ledger">The newest points ledger row, read from the database on every request.</param>
/// <param name="People">This node's count of saved changes to people and teams.</param>
/// <param name="Activity">This node's count of saved moments, recognitions and points.</param>
public readonly record struct BoardStamp(long Ledger, long People, long Activity);

/// <summary>
/// Rankings shared by every viewer, kept so that a leaderboard costs one indexed read and a walk over
/// a sorted array instead of a grouping over everyone's points.
/// <para>
/// How fresh a board is, on one node or several: it is computed again when the newest ledger row has
/// changed (read from the database each time, so points earned or reversed on any node show at once),
/// when this node has saved a change that moves boards (<see cref="PeopleChanged"/>,
/// <see cref="ActivityChanged"/>; <see cref="LeaderboardChangesInterceptor"/> counts what EF Core saves),
/// and in any case after <see cref="Lifetime"/>. So what another node changes without new points —
/// a name, a team, an opt-out, a deactivation, a moment's elements edited, a recognition given past
/// the daily cap for points — reaches this node's boards within <see cref="Lifetime"/>.
/// </para>
/// <para>
/// One request computes a board while the others that want it wait for it, so a board that has just
/// expired is computed once, not once per waiting request.
/// </para>
/// </summary>
public sealed class LeaderboardCache(IMemoryCache cache, TimeProvider clock)
{
    /// <summary>How long a board may be reused when nothing this node knows of has changed.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private const string KeyPrefix = "leaderboard:";

    private readonly Lock gate = new();
    private long people;
    private long activity;

    public void PeopleChanged() => Interlocked.Increment(ref people);

    public void ActivityChanged() => Interlocked.Increment(ref activity);

    /// <summary>The stamp for what depends on people and teams only.</summary>
    public BoardStamp PeopleStamp() => new(0, Interlocked.Read(ref people), 0);

    /// <summary>The stamp for a board computed now, given the newest ledger row.</summary>
    public BoardStamp StampFor(long newestLedgerRow) => new(newestLedgerRow, Interlocked.Read(ref people), Interlocked.Read(ref activity));

    /// <summary>
    /// The value under <paramref name="key"/> if it was computed for <paramref name="stamp"/> less than
    /// <paramref name="lifetime"/> ago; otherwise computes it once, however many ask at the same time.
    /// A computation that fails is not kept: those waiting for it try again.
    /// </summary>
    public async Task<T> GetAsync<T>(string key, BoardStamp stamp, TimeSpan lifetime, Func<CancellationToken, Task<T>> compute, CancellationToken cancellationToken)
        where T : class
    {
        key = KeyPrefix + key;
        while (true)
        {
            var now = clock.GetUtcNow();
            Entry<T>? shared = null;
            TaskCompletionSource<T>? mine = null;
            lock (gate)
            {
                if (cache.TryGetValue(key, out Entry<T>? entry) && entry!.Stamp == stamp && now >= entry.At && now - entry.At < lifetime)
                {
                    shared = entry;
                }
                else
                {
                    mine = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
                    shared = new Entry<T>(stamp, now, mine.Task);
                    // The memory cache's own expiry only bounds memory; whether an entry may be used is decided above on the portal's clock.
                    cache.Set(key, shared, new MemoryCacheEntryOptions { AbsoluteExpirationRelativeToNow = lifetime + lifetime });
                }
            }

            if (mine is null)
            {
                try
                {
                    return await shared.Value.WaitAsync(cancellationToken);
                }
                catch (Exception) when (!cancellationToken.IsCancellationRequested && shared.Value.IsCompleted)
                {
                    continue; // the request computing it failed or gave up: compute it here
                }
            }

            try
            {
                var value = await compute(cancellationToken);
                mine.SetResult(value);
                return value;
            }
            catch (Exception failure)
            {
                lock (gate)
                {
                    if (cache.TryGetValue(key, out Entry<T>? current) && ReferenceEquals(current, shared))
                    {
                        cache.Remove(key);
                    }
                }

                mine.SetException(failure);
                _ = mine.Task.Exception; // observed here; waiters retry on their own
                throw;
            }
        }
    }

    private sealed record Entry<T>(BoardStamp Stamp, DateTimeOffset At, Task<T> Value);
}
