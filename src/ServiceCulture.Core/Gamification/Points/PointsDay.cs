namespace ServiceCulture.Gamification;

/// <summary>
/// Leaderboard points per person and whole UTC day, kept from the ledger in the same transaction.
/// Periods that start inside a UTC day take that day's first hours from the ledger (see
/// <see cref="PointsLedger.LeaderboardPointsAsync"/>).
/// </summary>
public sealed class PointsDay : IBoardPoints
{
    public int EmployeeId { get; set; }
    public DateOnly Day { get; set; }
    public int Points { get; set; }
    public int Focus { get; set; }
    public int Defined { get; set; }
    public int GivenLife { get; set; }
    public int ProblemSolving { get; set; }
    public int Measured { get; set; }
    public int Reinforced { get; set; }
}
