namespace ServiceCulture.Gamification;

/// <summary>A rollup's leaderboard points and each element's share of them: the shape <see cref="PointsDay"/> and <see cref="PointsMonth"/> share.</summary>
public interface IBoardPoints
{
    int Points { get; }
    int Focus { get; }
    int Defined { get; }
    int GivenLife { get; }
    int ProblemSolving { get; }
    int Measured { get; }
    int Reinforced { get; }
}
