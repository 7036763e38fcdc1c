using Microsoft.AspNetCore.Identity;

namespace ServiceCulture.People;

/// <summary>A person who works here and signs in to the portal.</summary>
public sealed class Employee : IdentityUser<int>
{
    public const int DisplayNameMaxLength = 100;
    public const int JobTitleMaxLength = 100;

    public string DisplayName { get; set; } = "";
    public string? JobTitle { get; set; }
    public int? TeamId { get; set; }
    public Team? Team { get; set; }
    public int? ManagerId { get; set; }
    public Employee? Manager { get; set; }

    /// <summary>IANA time zone; weeks, streaks and schedules follow it.</summary>
    public string TimeZoneId { get; set; } = "UTC";

    /// <summary>Inactive people cannot sign in and cannot be recognised, but their history stays.</summary>
    public bool IsActive { get; set; } = true;

    public DateTime JoinedAt { get; set; }

    /// <summary>Left out of leaderboards at their own request.</summary>
    public bool LeaderboardOptOut { get; set; }

    /// <summary>When they last signed in; the admin list filters on it.</summary>
    public DateTime? LastSignInAt { get; set; }

    /// <summary>When an admin erased their personal data after they left; the record stays for the figures.</summary>
    public DateTime? ErasedAt { get; set; }
}
