using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace ServiceCulture.People;

/// <summary>Time zones people can choose, and the local dates the portal computes with them.</summary>
public static class ServiceTimeZones
{
    public static readonly IReadOnlyList<string> Common =
    [
        "UTC", "Europe/London", "Europe/Dublin", "Europe/Lisbon", "Europe/Paris", "Europe/Berlin",
        "Europe/Madrid", "Europe/Rome", "Europe/Amsterdam", "Europe/Stockholm", "Europe/Warsaw",
        "Europe/Athens", "Europe/Istanbul", "Africa/Johannesburg", "Africa/Lagos", "Africa/Nairobi",
        "Asia/Dubai", "Asia/Kolkata", "Asia/Singapore", "Asia/Shanghai", "Asia/Tokyo",
        "Australia/Sydney", "Pacific/Auckland", "America/Sao_Paulo", "America/New_York",
        "America/Chicago", "America/Denver", "America/Los_Angeles", "America/Toronto",
        "America/Mexico_City",
    ];

    /// <summary>
    /// The zones found so far, by id. The runtime's own lookup takes a process-wide lock on every
    /// call, and a streak asks for the person's zone twice for each of the 111 weeks it looks back:
    /// under load, requests queued on that lock. Only zones that exist are kept, so what a form
    /// sends cannot grow it.
    /// </summary>
    private static readonly ConcurrentDictionary<string, TimeZoneInfo> Found = new(StringComparer.Ordinal);

    public static bool IsKnown(string? id) => TryFind(id, out _);

    public static TimeZoneInfo Find(string? id) => TryFind(id, out var zone) ? zone : TimeZoneInfo.Utc;

    private static bool TryFind(string? id, [NotNullWhen(true)] out TimeZoneInfo? zone)
    {
        zone = null;
        if (id is null)
        {
            return false;
        }

        if (Found.TryGetValue(id, out zone))
        {
            return true;
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out zone))
        {
            return false;
        }

        Found.TryAdd(id, zone);
        return true;
    }

    public static DateTime ToLocal(DateTime utc, string? timeZoneId) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Find(timeZoneId));

    public static DateOnly LocalDate(DateTime utc, string? timeZoneId) =>
        DateOnly.FromDateTime(ToLocal(utc, timeZoneId));

    /// <summary>
    /// The first instant (UTC) of a local day. Where a daylight-saving change skips midnight the day
    /// starts when the clocks resume; where midnight happens twice the day starts at the first one.
    /// </summary>
    public static DateTime StartOfDayUtc(DateOnly day, string? timeZoneId)
    {
        var zone = Find(timeZoneId);
        var midnight = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        if (zone.IsAmbiguousTime(midnight))
        {
            return DateTime.SpecifyKind(midnight - zone.GetAmbiguousTimeOffsets(midnight).Max(), DateTimeKind.Utc);
        }

        var local = midnight;
        // Every offset and every daylight-saving gap is a whole number of quarter hours.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddMinutes(15);
        }

        return TimeZoneInfo.ConvertTimeToUtc(local, zone);
    }
}
