namespace ServiceCulture.Gamification;

/// <summary>All-time totals per person, kept from the ledger in the same transaction.</summary>
public sealed class PointsTotal
{
    public int EmployeeId { get; set; }

    /// <summary>Every point the person has, quiet recognitions included.</summary>
    public int Points { get; set; }

    /// <summary>Points that count on leaderboards, in total and per element.</summary>
    public int LeaderboardPoints { get; set; }
    public int Focus { get; set; }
    public int Defined { get; set; }
    public int GivenLife { get; set; }
    public int ProblemSolving { get; set; }
    public int Measured { get; set; }
    public int Reinforced { get; set; }
}
