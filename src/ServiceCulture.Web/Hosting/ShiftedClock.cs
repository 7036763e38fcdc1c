using System.Globalization;

namespace ServiceCulture.Web.Hosting;

/// <summary>
/// The system clock shifted so that <c>Testing:ClockStartUtc</c> is the time at the real instant
/// <c>Testing:ClockAnchorUtc</c> (by default, when the process starts), running on from there.
/// Only the Testing environment honours it: tests that start the portal as its own processes get
/// jobs whose outcome does not depend on the day they run, and several processes given the same
/// anchor agree on the time as real nodes do.
/// </summary>
public sealed class ShiftedClock(TimeSpan shift) : TimeProvider
{
    public const string StartSetting = "Testing:ClockStartUtc";
    public const string AnchorSetting = "Testing:ClockAnchorUtc";

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + shift;

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public static TimeProvider For(IConfiguration configuration, IWebHostEnvironment environment)
    {
        if (!environment.IsEnvironment("Testing") || !TryRead(configuration[StartSetting], out var start))
        {
            return System;
        }

        var anchor = TryRead(configuration[AnchorSetting], out var at) ? at : System.GetUtcNow();
        return new ShiftedClock(start - anchor);
    }

    private static bool TryRead(string? text, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out value);
}
