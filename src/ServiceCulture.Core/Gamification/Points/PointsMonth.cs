namespace ServiceCulture.Gamification;

/// <summary>
/// Leaderboard points per person and UTC calendar month (<see cref="Month"/> is its first day), kept
/// from the ledger in the same transaction as <see cref="PointsDay"/>. A month's board reads about one
/// row per person instead of one per person and day (see <see cref="PointsLedger.LeaderboardPointsAsync"/>).
/// </summary>
public sealed class PointsMonth : IBoardPoints
{
    public int EmployeeId { get; set; }
    public DateOnly Month { get; set; }
    public int Points { get; set; }
    public int Focus { get; set; }
    public int Defined { get; set; }
    public int GivenLife { get; set; }
    public int ProblemSolving { get; set; }
    public int Measured { get; set; }
    public int Reinforced { get; set; }
}
