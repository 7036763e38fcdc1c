using ServiceCulture.Moments;
using ServiceCulture.Recognitions;

namespace ServiceCulture.Gamification;

/// <summary>
/// Which points an activity earns, and who earns them: the one place the amounts in
/// <see cref="PointsRules"/> are applied to moments, recoveries and recognitions.
/// </summary>
public static class PointsAwards
{
    /// <summary>What a moment reverses when it is deleted.</summary>
    public static readonly IReadOnlyDictionary<PointsReason, PointsReason> MomentReversals = new Dictionary<PointsReason, PointsReason>
    {
        [PointsReason.MomentLogged] = PointsReason.MomentReversed,
        [PointsReason.RecoveryLogged] = PointsReason.RecoveryReversed,
    };

    /// <summary>What a recognition reverses when it is withdrawn.</summary>
    public static readonly IReadOnlyDictionary<PointsReason, PointsReason> RecognitionReversals = new Dictionary<PointsReason, PointsReason>
    {
        [PointsReason.RecognitionReceived] = PointsReason.RecognitionReceivedReversed,
        [PointsReason.RecognitionGiven] = PointsReason.RecognitionGivenReversed,
    };

    public static string SourceOf(Moment moment) => $"moment:{moment.Id}";

    public static string SourceOf(Recognition recognition) => $"recognition:{recognition.Id}";

    /// <summary>
    /// A logged moment earns its author <see cref="PointsRules.MomentPoints"/> while they have logged fewer
    /// than <see cref="PointsRules.MomentsCountedPerDay"/> that day; a recovery also earns
    /// <see cref="PointsRules.RecoveryPoints"/> for whoever recovered the misery (the author unless named).
    /// </summary>
    public static IReadOnlyList<PointsEntry> ForMoment(Moment moment, PointsRules rules, int momentsCountedToday)
    {
        var entries = new List<PointsEntry>();
        if (momentsCountedToday < rules.MomentsCountedPerDay && rules.MomentPoints > 0)
        {
            entries.Add(Entry(moment.AuthorId, rules.MomentPoints, PointsReason.MomentLogged, SourceOf(moment), moment.CreatedAt, moment.Elements));
        }

        if (moment.Kind == MomentKind.Recovery && rules.RecoveryPoints > 0)
        {
            entries.Add(Entry(moment.RecoveredById ?? moment.AuthorId, rules.RecoveryPoints, PointsReason.RecoveryLogged, SourceOf(moment), moment.CreatedAt, moment.Elements));
        }

        return entries;
    }

    /// <summary>
    /// Each recipient receives the recognition's points; the giver earns <see cref="PointsRules.GivingPoints"/>
    /// while they have given fewer than <see cref="PointsRules.GivingsCountedPerDay"/> that day. Points from a
    /// quiet recognition count for the person but not on leaderboards.
    /// </summary>
    public static IReadOnlyList<PointsEntry> ForRecognition(Recognition recognition, PointsRules rules, int givingsCountedToday)
    {
        var source = SourceOf(recognition);
        var entries = new List<PointsEntry>();
        if (recognition.Points > 0)
        {
            entries.AddRange(recognition.Recipients.Select(r =>
                Entry(r.RecipientId, recognition.Points, PointsReason.RecognitionReceived, source, recognition.CreatedAt, recognition.Elements, !recognition.IsQuiet)));
        }

        if (rules.GivingPoints > 0 && givingsCountedToday < rules.GivingsCountedPerDay)
        {
            entries.Add(Entry(recognition.GiverId, rules.GivingPoints, PointsReason.RecognitionGiven, source, recognition.CreatedAt, recognition.Elements, !recognition.IsQuiet));
        }

        return entries;
    }

    private static PointsEntry Entry(int employeeId, int amount, PointsReason reason, string source, DateTime at, ServiceElements elements, bool onLeaderboard = true) => new()
    {
        EmployeeId = employeeId,
        Amount = amount,
        Reason = reason,
        Source = source,
        At = at,
        Elements = elements,
        OnLeaderboard = onLeaderboard,
    };
}
