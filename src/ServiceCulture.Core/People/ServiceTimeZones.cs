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
}
