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

    public static bool IsKnown(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);

    public static TimeZoneInfo Find(string? id) =>
        id is not null && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.Utc;

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
