using Microsoft.Extensions.Time.Testing;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// The test host's time: a <see cref="FakeTimeProvider"/> that tests advance, and that goes back to
/// <see cref="Start"/> when the database is reset. A fake clock cannot be set backwards, so a reset
/// starts a fresh one and the host's provider follows whichever is current.
/// </summary>
public sealed class TestClock : TimeProvider
{
    /// <summary>A Wednesday morning in November, when the demo organisation is seeded.</summary>
    public static readonly DateTimeOffset Start = new(2026, 11, 18, 9, 30, 0, TimeSpan.Zero);

    private FakeTimeProvider current = new(Start);

    public FakeTimeProvider Fake => current;

    public DateTime UtcNow => current.GetUtcNow().UtcDateTime;

    public void Reset() => current = new FakeTimeProvider(Start);

    public void Advance(TimeSpan by) => current.Advance(by);

    /// <summary>Moves the clock forward to an instant; it never goes back before a reset.</summary>
    public void SetUtcNow(DateTimeOffset at) => current.SetUtcNow(at);

    public override DateTimeOffset GetUtcNow() => current.GetUtcNow();

    public override long GetTimestamp() => current.GetTimestamp();

    public override long TimestampFrequency => current.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => current.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) =>
        current.CreateTimer(callback, state, dueTime, period);
}
