using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Time.Testing;
using ServiceCulture.Gamification;

namespace ServiceCulture.Tests.Gamification;

/// <summary>When a shared board is reused, computed again, or computed once for many who ask at the same time.</summary>
public sealed class LeaderboardCacheTests : IDisposable
{
    private readonly MemoryCache memory = new(new MemoryCacheOptions());
    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 11, 18, 9, 30, 0, TimeSpan.Zero));
    private readonly LeaderboardCache boards;
    private int computed;

    public LeaderboardCacheTests() => boards = new LeaderboardCache(memory, clock);

    public void Dispose() => memory.Dispose();

    private Task<string> ReadAsync(BoardStamp stamp) =>
        boards.GetAsync("board", stamp, LeaderboardCache.Lifetime, _ => Task.FromResult($"board {Interlocked.Increment(ref computed)}"), CancellationToken.None);

    [Fact]
    public async Task A_board_is_reused_for_the_same_stamp_until_its_lifetime_ends()
    {
        var stamp = boards.StampFor(41);
        Assert.Equal("board 1", await ReadAsync(stamp));
        clock.Advance(LeaderboardCache.Lifetime - TimeSpan.FromSeconds(1));
        Assert.Equal("board 1", await ReadAsync(stamp));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal("board 2", await ReadAsync(stamp));
    }

    [Fact]
    public async Task A_new_ledger_row_or_a_change_this_node_saved_computes_it_again()
    {
        Assert.Equal("board 1", await ReadAsync(boards.StampFor(41)));
        Assert.Equal("board 2", await ReadAsync(boards.StampFor(42)));
        Assert.Equal("board 2", await ReadAsync(boards.StampFor(42)));

        boards.ActivityChanged();
        Assert.Equal("board 3", await ReadAsync(boards.StampFor(42)));
        var peopleBefore = boards.PeopleStamp();
        boards.PeopleChanged();
        Assert.NotEqual(peopleBefore, boards.PeopleStamp());
        Assert.Equal("board 4", await ReadAsync(boards.StampFor(42)));

        // A database put back to an earlier state has an older newest row: that is a change too.
        Assert.Equal("board 5", await ReadAsync(boards.StampFor(40)));
    }

    [Fact]
    public async Task Many_who_ask_at_once_wait_for_one_computation()
    {
        var release = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stamp = boards.StampFor(7);
        var readers = Enumerable.Range(0, 8)
            .Select(_ => boards.GetAsync("board", stamp, LeaderboardCache.Lifetime, _ =>
            {
                Interlocked.Increment(ref computed);
                return release.Task;
            }, CancellationToken.None))
            .ToList();
        release.SetResult("shared");

        Assert.All(await Task.WhenAll(readers), board => Assert.Equal("shared", board));
        Assert.Equal(1, computed);
    }

    [Fact]
    public async Task A_computation_that_fails_is_not_kept_and_those_waiting_compute_it_themselves()
    {
        var failure = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        var stamp = boards.StampFor(7);
        var first = boards.GetAsync("board", stamp, LeaderboardCache.Lifetime, _ => failure.Task, CancellationToken.None);
        var waiting = ReadAsync(stamp);
        failure.SetException(new InvalidOperationException("the database went away"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => first);
        Assert.Equal("board 1", await waiting);
        Assert.Equal("board 1", await ReadAsync(stamp));
    }
}
