namespace ServiceCulture.Gamification;

/// <summary>A badge someone earned; each badge is earned once.</summary>
public sealed class BadgeAward
{
    public int EmployeeId { get; set; }
    public string Code { get; set; } = "";
    public DateTime AwardedAt { get; set; }
}
