using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Recognitions;
using ServiceCulture.Settings;

namespace ServiceCulture.Gamification;

/// <summary>
/// Turns what people do into points, badges and levels. Points (decided by <see cref="PointsAwards"/>) are
/// written in the transaction of the action that earned them; badges and levels are checked after it commits.
/// </summary>
public sealed class GamificationEvents(
    AppDbContext db,
    PointsLedger ledger,
    SettingsStore settings,
    BadgeRules badges,
    LevelRules levels,
    TimeProvider clock)
{
    public async Task MomentLoggedAsync(Moment moment, CancellationToken cancellationToken)
    {
        var rules = await settings.PointsRulesAsync(cancellationToken);
        var countedToday = await CountedTodayAsync(moment.AuthorId, PointsReason.MomentLogged, moment.CreatedAt, null, cancellationToken);
        await ledger.RecordAsync([.. PointsAwards.ForMoment(moment, rules, countedToday)], cancellationToken);
    }

    public async Task MomentDeletedAsync(Moment moment, CancellationToken cancellationToken) =>
        await ledger.ReverseAsync(PointsAwards.SourceOf(moment), PointsAwards.MomentReversals, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>After a moment's transaction has committed: badges and levels for its author and whoever recovered it.</summary>
    public async Task MomentCommittedAsync(Moment moment, CancellationToken cancellationToken)
    {
        var recoveredBy = moment.Kind == MomentKind.Recovery ? moment.RecoveredById : null;
        await AfterActivityAsync(moment.AuthorId, Activity.MomentLogged | (recoveredBy == moment.AuthorId ? Activity.MiseryRecovered : Activity.None), cancellationToken);
        if (recoveredBy is { } other && other != moment.AuthorId)
        {
            await AfterActivityAsync(other, Activity.MiseryRecovered, cancellationToken);
        }
    }

    /// <summary>Points for a recognition, in its transaction; gives back the entries recorded.</summary>
    public async Task<IReadOnlyList<PointsEntry>> RecognisedAsync(Recognition recognition, string? giverTimeZoneId, CancellationToken cancellationToken)
    {
        var rules = await settings.PointsRulesAsync(cancellationToken);
        var countedToday = await CountedTodayAsync(recognition.GiverId, PointsReason.RecognitionGiven, recognition.CreatedAt, giverTimeZoneId, cancellationToken);
        return await ledger.RecordAsync([.. PointsAwards.ForRecognition(recognition, rules, countedToday)], cancellationToken);
    }

    public async Task RecognitionDeletedAsync(Recognition recognition, CancellationToken cancellationToken) =>
        await ledger.ReverseAsync(PointsAwards.SourceOf(recognition), PointsAwards.RecognitionReversals, clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>After something someone did has committed: the badges it earned them, and a level reached.</summary>
    public Task AfterActivityAsync(int employeeId, Activity activity, CancellationToken cancellationToken) =>
        AfterActivitiesAsync([(employeeId, activity, true)], cancellationToken);

    /// <summary>
    /// The same for several people after one thing (a recognition's giver and its recipients): a
    /// level is checked for those whose points changed, by the activity or by a badge's bonus.
    /// </summary>
    public async Task AfterActivitiesAsync(IReadOnlyList<(int EmployeeId, Activity Activity, bool PointsChanged)> people, CancellationToken cancellationToken)
    {
        var earned = await badges.EvaluateAsync([.. people.Select(p => (p.EmployeeId, p.Activity))], cancellationToken);
        foreach (var person in people.Where(p => p.PointsChanged || earned[p.EmployeeId].Count > 0).Select(p => p.EmployeeId).Distinct())
        {
            await levels.CheckAsync(person, cancellationToken);
        }
    }

    /// <summary>
    /// How many entries of this reason the person earned on the local day of <paramref name="at"/>.
    /// Called inside the transaction that records the new entry, and takes the person's caps lock
    /// first, so a concurrent post counts after this one has committed. The person's time zone is read
    /// unless the caller knows it.
    /// </summary>
    private async Task<int> CountedTodayAsync(int employeeId, PointsReason reason, DateTime at, string? timeZoneId, CancellationToken cancellationToken)
    {
        await ledger.LockCapsAsync(employeeId, cancellationToken);
        var timeZone = timeZoneId ?? await db.Users.Where(u => u.Id == employeeId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
        var localDay = ServiceTimeZones.LocalDate(at, timeZone);
        var start = ServiceTimeZones.StartOfDayUtc(localDay, timeZone);
        var end = ServiceTimeZones.StartOfDayUtc(localDay.AddDays(1), timeZone);
        return await db.PointsLedger.CountAsync(e => e.EmployeeId == employeeId && e.Reason == reason && e.At >= start && e.At < end, cancellationToken);
    }
}
