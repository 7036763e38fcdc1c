namespace ServiceCulture.People;

/// <summary>
/// The person acting or looking, as every rule sees them: who they are, their team, their time zone
/// (for "today", weeks and months) and whether they are an admin.
/// </summary>
public sealed record Actor(int Id, int? TeamId, string TimeZoneId = "UTC", bool IsAdmin = false);
