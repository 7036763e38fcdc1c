using ServiceCulture.Moments;

namespace ServiceCulture.Gamification;

/// <summary>Why points changed. Reversals have their own reasons, so history is never edited.</summary>
public enum PointsReason
{
    MomentLogged = 1,
    RecoveryLogged = 2,
    RecognitionReceived = 3,
    RecognitionGiven = 4,
    Badge = 5,
    MomentReversed = 11,
    RecoveryReversed = 12,
    RecognitionReceivedReversed = 13,
    RecognitionGivenReversed = 14,
}

/// <summary>One change of someone's points. Append-only; (person, reason, source) is unique.</summary>
public sealed class PointsEntry
{
    public const int SourceMaxLength = 64;

    public long Id { get; set; }
    public int EmployeeId { get; set; }
    public int Amount { get; set; }
    public PointsReason Reason { get; set; }

    /// <summary>What caused it, e.g. <c>moment:42</c>, <c>recognition:7</c>, <c>badge:generous</c>.</summary>
    public string Source { get; set; } = "";

    public DateTime At { get; set; }
    public ServiceElements Elements { get; set; }

    /// <summary>False for points from quiet recognitions: they count for the person but not on leaderboards.</summary>
    public bool OnLeaderboard { get; set; } = true;
}

/// <summary>
/// Leaderboard points per person and whole UTC day, kept from the ledger in the same transaction.
/// Periods that start inside a UTC day take that day's first hours from the ledger (see
/// <see cref="PointsLedger.LeaderboardPointsAsync"/>).
/// </summary>
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

/// <summary>A badge someone earned; each badge is earned once.</summary>
public sealed class BadgeAward
{
    public int EmployeeId { get; set; }
    public string Code { get; set; } = "";
    public DateTime AwardedAt { get; set; }
}

/// <summary>A week someone paused their streak for leave.</summary>
public sealed class StreakPause
{
    public int EmployeeId { get; set; }

    /// <summary>The Monday of the paused week, in the person's time zone.</summary>
    public DateOnly WeekStart { get; set; }
}
