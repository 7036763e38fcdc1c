namespace ServiceCulture.Gamification;

/// <summary>Leaderboard points per person and UTC day, kept from the ledger in the same transaction.</summary>
public sealed class PointsDay
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
