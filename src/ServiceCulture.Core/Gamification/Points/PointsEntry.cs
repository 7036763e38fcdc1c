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
