namespace ServiceCulture.Gamification;

/// <summary>A week someone paused their streak for leave.</summary>
public sealed class StreakPause
{
    public int EmployeeId { get; set; }

    /// <summary>The Monday of the paused week, in the person's time zone.</summary>
    public DateOnly WeekStart { get; set; }
}
