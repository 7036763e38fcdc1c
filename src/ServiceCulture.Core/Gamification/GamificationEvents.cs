using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.People;
using ServiceCulture.Settings;

namespace ServiceCulture.Gamification;

/// <summary>
/// Turns what people do into points, badges, levels and notifications. Points are written in the
/// transaction of the action that earned them; badges and levels are checked after it commits.
/// </summary>
public sealed class GamificationEvents(
    AppDbContext db,
    PointsLedger ledger,
    SettingsStore settings,
    BadgeRules badges,
    LevelRules levels,
    NotificationCenter notifications,
    TimeProvider clock) : IMomentEvents
{
    private static readonly Dictionary<PointsReason, PointsReason> MomentReversals = new()
    {
        [PointsReason.MomentLogged] = PointsReason.MomentReversed,
        [PointsReason.RecoveryLogged] = PointsReason.RecoveryReversed,
    };

    private static readonly Dictionary<PointsReason, PointsReason> RecognitionReversals = new()
    {
        [PointsReason.RecognitionReceived] = PointsReason.RecognitionReceivedReversed,
        [PointsReason.RecognitionGiven] = PointsReason.RecognitionGivenReversed,
    };

    public static string SourceOf(Moment moment) => $"moment:{moment.Id}";

    public static string SourceOf(Recognition.Recognition recognition) => $"recognition:{recognition.Id}";

    public async Task LoggedAsync(Moment moment, CancellationToken cancellationToken)
    {
        var rules = await settings.PointsRulesAsync(cancellationToken);
        var entries = new List<PointsEntry>();
        if (await CountedTodayAsync(moment.AuthorId, PointsReason.MomentLogged, moment.CreatedAt, cancellationToken) < rules.MomentsCountedPerDay && rules.MomentPoints > 0)
        {
            entries.Add(Entry(moment.AuthorId, rules.MomentPoints, PointsReason.MomentLogged, SourceOf(moment), moment.CreatedAt, moment.Elements));
        }

        if (moment.Kind == MomentKind.Recovery && rules.RecoveryPoints > 0)
        {
            entries.Add(Entry(moment.RecoveredById ?? moment.AuthorId, rules.RecoveryPoints, PointsReason.RecoveryLogged, SourceOf(moment), moment.CreatedAt, moment.Elements));
        }

        await ledger.RecordAsync(entries, cancellationToken);
    }

    public async Task DeletedAsync(Moment moment, CancellationToken cancellationToken) =>
        await ledger.ReverseAsync(SourceOf(moment), MomentReversals, clock.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task CommentedAsync(Moment moment, MomentComment comment, CancellationToken cancellationToken)
    {
        if (comment.AuthorId == moment.AuthorId)
        {
            return;
        }

        var commenter = await db.Users.Where(u => u.Id == comment.AuthorId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
        // The comment's id is not known before it is saved, so the key names the moment and the instant.
        notifications.Queue(moment.AuthorId, NotificationKind.CommentOnMoment, $"{commenter} commented on “{moment.Title}”.", $"/Moments/{moment.Id}#comments",
            $"comment:{moment.Id}:{comment.AuthorId}:{comment.CreatedAt.Ticks}");
    }

    public async Task CommittedAsync(Moment moment, CancellationToken cancellationToken)
    {
        await AfterActivityAsync(moment.AuthorId, cancellationToken);
        if (moment.RecoveredById is { } recoveredBy && recoveredBy != moment.AuthorId)
        {
            await AfterActivityAsync(recoveredBy, cancellationToken);
        }
    }

    /// <summary>Points for a recognition: each recipient receives its points, the giver earns a little for giving.</summary>
    public async Task RecognisedAsync(Recognition.Recognition recognition, CancellationToken cancellationToken)
    {
        var rules = await settings.PointsRulesAsync(cancellationToken);
        var source = SourceOf(recognition);
        var entries = new List<PointsEntry>();
        if (recognition.Points > 0)
        {
            entries.AddRange(recognition.Recipients.Select(r =>
                Entry(r.RecipientId, recognition.Points, PointsReason.RecognitionReceived, source, recognition.CreatedAt, recognition.Elements, !recognition.IsQuiet)));
        }

        if (rules.GivingPoints > 0 && await CountedTodayAsync(recognition.GiverId, PointsReason.RecognitionGiven, recognition.CreatedAt, cancellationToken) < rules.GivingsCountedPerDay)
        {
            entries.Add(Entry(recognition.GiverId, rules.GivingPoints, PointsReason.RecognitionGiven, source, recognition.CreatedAt, recognition.Elements, !recognition.IsQuiet));
        }

        await ledger.RecordAsync(entries, cancellationToken);
    }

    public async Task RecognitionDeletedAsync(Recognition.Recognition recognition, CancellationToken cancellationToken) =>
        await ledger.ReverseAsync(SourceOf(recognition), RecognitionReversals, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>After something someone did has committed: badges they now qualify for, and a level reached.</summary>
    public async Task AfterActivityAsync(int employeeId, CancellationToken cancellationToken)
    {
        await badges.EvaluateAsync(employeeId, cancellationToken);
        await levels.CheckAsync(employeeId, cancellationToken);
    }

    /// <summary>
    /// How many entries of this reason the person earned on the local day of <paramref name="at"/>.
    /// Called inside the transaction that records the new entry, and takes the person's caps lock
    /// first, so a concurrent post counts after this one has committed.
    /// </summary>
    private async Task<int> CountedTodayAsync(int employeeId, PointsReason reason, DateTime at, CancellationToken cancellationToken)
    {
        await ledger.LockCapsAsync(employeeId, cancellationToken);
        var timeZone = await db.Users.Where(u => u.Id == employeeId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
        var localDay = ServiceTimeZones.LocalDate(at, timeZone);
        var start = ServiceTimeZones.StartOfDayUtc(localDay, timeZone);
        var end = ServiceTimeZones.StartOfDayUtc(localDay.AddDays(1), timeZone);
        return await db.PointsLedger.CountAsync(e => e.EmployeeId == employeeId && e.Reason == reason && e.At >= start && e.At < end, cancellationToken);
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
