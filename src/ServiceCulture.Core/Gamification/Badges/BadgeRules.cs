using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.Settings;

namespace ServiceCulture.Gamification;

/// <summary>
/// Awards badges whose criterion someone now meets, with their bonus points and a notification.
/// After something someone did, only the badges that it can earn are looked at (a recognition
/// received cannot make anyone a storyteller). Each award is its own transaction, keyed by (person, badge): when two requests race, one wins and
/// the other quietly finds the badge already there.
/// </summary>
public sealed class BadgeRules(AppDbContext db, PointsLedger ledger, NotificationCenter notifications, StreakRules streaks, SettingsStore settings, TimeProvider clock)
{
    /// <summary>Every badge the person now meets the criterion of and does not have yet.</summary>
    public Task<IReadOnlyList<BadgeInfo>> EvaluateAsync(int employeeId, CancellationToken cancellationToken) =>
        EvaluateAsync(employeeId, Activity.Any, cancellationToken);

    /// <summary>The badges that what the person did can earn, of those they do not have yet.</summary>
    public async Task<IReadOnlyList<BadgeInfo>> EvaluateAsync(int employeeId, Activity activity, CancellationToken cancellationToken) =>
        (await EvaluateAsync([(employeeId, activity)], cancellationToken))[employeeId];

    /// <summary>
    /// For several people at once (a recognition's giver and recipients), each after what they did:
    /// the badges they have are read in one query for all of them.
    /// </summary>
    public async Task<IReadOnlyDictionary<int, IReadOnlyList<BadgeInfo>>> EvaluateAsync(IReadOnlyCollection<(int EmployeeId, Activity Activity)> people, CancellationToken cancellationToken)
    {
        var results = people.Select(p => p.EmployeeId).Distinct().ToDictionary(id => id, _ => (IReadOnlyList<BadgeInfo>)[]);
        var asked = people.Where(p => CandidatesFor(p.Activity).Any()).ToList();
        if (asked.Count == 0)
        {
            return results;
        }

        var ids = asked.Select(p => p.EmployeeId).Distinct().ToList();
        var awarded = await db.BadgeAwards.Where(a => ids.Contains(a.EmployeeId)).Select(a => new { a.EmployeeId, a.Code }).ToListAsync(cancellationToken);
        foreach (var person in asked.GroupBy(p => p.EmployeeId))
        {
            var have = awarded.Where(a => a.EmployeeId == person.Key).Select(a => a.Code).ToHashSet();
            var activity = person.Aggregate(Activity.None, (all, p) => all | p.Activity);
            results[person.Key] = await EarnAsync(person.Key, CandidatesFor(activity).Where(b => !have.Contains(b.Code)), cancellationToken);
        }

        return results;
    }

    private static IEnumerable<BadgeInfo> CandidatesFor(Activity activity) =>
        GamificationCatalog.Badges.Where(b => (b.EarnedBy & activity) != Activity.None);

    private async Task<IReadOnlyList<BadgeInfo>> EarnAsync(int employeeId, IEnumerable<BadgeInfo> missing, CancellationToken cancellationToken)
    {
        var earned = new List<BadgeInfo>();
        StreakStatus? streak = null;
        foreach (var badge in missing)
        {
            bool qualifies;
            if (badge.Code is "streak-4" or "streak-12")
            {
                // One streak computation serves both streak badges.
                streak ??= await StreakOfAsync(employeeId, cancellationToken);
                qualifies = streak.Longest >= (badge.Code == "streak-4" ? 4 : 12);
            }
            else
            {
                qualifies = await QualifiesAsync(badge.Code, employeeId, cancellationToken);
            }

            if (qualifies && await AwardAsync(employeeId, badge, cancellationToken))
            {
                earned.Add(badge);
            }
        }

        return earned;
    }

    /// <summary>
    /// Whether the person meets a badge's criterion; streak badges are judged in <see cref="EarnAsync"/>.
    /// Each check stops as soon as the criterion is met ("at least 25 moments" reads 25 rows at most),
    /// so it costs the same for someone with thousands of moments as for a newcomer.
    /// </summary>
    private async Task<bool> QualifiesAsync(string code, int employeeId, CancellationToken cancellationToken)
    {
        var moments = db.Moments.Where(m => m.AuthorId == employeeId && m.DeletedAt == null);
        switch (code)
        {
            case "first-moment":
                return await moments.AnyAsync(cancellationToken);
            case "first-magic":
                return await moments.AnyAsync(m => m.Kind == MomentKind.Magic, cancellationToken);
            case "recovery-hero":
                return await AtLeastAsync(db.Moments.Where(m => m.Kind == MomentKind.Recovery && m.RecoveredById == employeeId && m.DeletedAt == null), 3, cancellationToken);
            case "all-six":
                foreach (var element in ServiceElementCatalog.All.Select(e => e.Element))
                {
                    if (!await moments.AnyAsync(m => (m.Elements & element) == element, cancellationToken))
                    {
                        return false;
                    }
                }

                return true;
            case "internal-champion":
                return await AtLeastAsync(moments.Where(m => m.CustomerKind != CustomerKind.External), 5, cancellationToken);
            case "generous":
                return await GenerousAsync(employeeId, cancellationToken);
            case "well-recognised":
                return await WellRecognisedAsync(employeeId, cancellationToken);
            case "storyteller":
                return await AtLeastAsync(moments, 25, cancellationToken);
            case "case-study-author":
                return await db.CaseStudies.AnyAsync(c => c.SharedById == employeeId, cancellationToken);
            case "listener":
                return await db.CaseStudies.AnyAsync(c => c.RecoveryMoment!.AuthorId == employeeId && c.RecoveryMoment.Lesson != null, cancellationToken);
            case "first-review":
                return await db.Reviews.AnyAsync(r => r.EmployeeId == employeeId && r.State == Reviews.ReviewState.Acknowledged, cancellationToken);
            default:
                return false;
        }
    }

    /// <summary>How many of someone's newest recognitions, given or received, the people badges look at first.</summary>
    private const int RecentWindow = 200;

    /// <summary>
    /// Ten different colleagues recognised. The newest recognitions decide it for nearly everyone (a
    /// distinct count over a heavy giver's whole history read tens of thousands of rows); only someone
    /// whose newest ones thank fewer than ten people is looked at in full.
    /// </summary>
    private async Task<bool> GenerousAsync(int employeeId, CancellationToken cancellationToken)
    {
        var given = db.Recognitions.Where(g => g.GiverId == employeeId && g.DeletedAt == null);
        var recent = await (from g in given.OrderByDescending(g => g.CreatedAt).Take(RecentWindow)
                            join r in db.RecognitionRecipients on g.Id equals r.RecognitionId
                            select new { g.Id, r.RecipientId }).ToListAsync(cancellationToken);
        if (recent.Select(x => x.RecipientId).Distinct().Count() >= 10)
        {
            return true;
        }

        if (recent.Select(x => x.Id).Distinct().Count() < RecentWindow)
        {
            return false; // the window held everything they gave
        }

        return await (from g in given
                      join r in db.RecognitionRecipients on g.Id equals r.RecognitionId
                      select r.RecipientId).Distinct().Take(10).CountAsync(cancellationToken) >= 10;
    }

    /// <summary>Recognised by five different colleagues: the newest received first, as for <see cref="GenerousAsync"/>.</summary>
    private async Task<bool> WellRecognisedAsync(int employeeId, CancellationToken cancellationToken)
    {
        var received = db.RecognitionRecipients.Where(r => r.RecipientId == employeeId && r.DeletedAt == null);
        var recent = await (from r in received.OrderByDescending(r => r.CreatedAt).Take(RecentWindow)
                            join g in db.Recognitions on r.RecognitionId equals g.Id
                            select g.GiverId).ToListAsync(cancellationToken);
        if (recent.Where(g => g != employeeId).Distinct().Count() >= 5)
        {
            return true;
        }

        if (recent.Count < RecentWindow)
        {
            return false; // the window held everything they received
        }

        return await (from r in received
                      join g in db.Recognitions on r.RecognitionId equals g.Id
                      where g.GiverId != employeeId
                      select g.GiverId).Distinct().Take(5).CountAsync(cancellationToken) >= 5;
    }

    private static Task<bool> AtLeastAsync<T>(IQueryable<T> rows, int count, CancellationToken cancellationToken) =>
        rows.Skip(count - 1).AnyAsync(cancellationToken);

    private async Task<StreakStatus> StreakOfAsync(int employeeId, CancellationToken cancellationToken)
    {
        var timeZone = await db.Users.Where(u => u.Id == employeeId).Select(u => u.TimeZoneId).SingleAsync(cancellationToken);
        return await streaks.ForAsync(employeeId, timeZone, cancellationToken);
    }

    private async Task<bool> AwardAsync(int employeeId, BadgeInfo badge, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        // The bonus admins set at the settings page; the catalogue's until they change it.
        var bonus = (await settings.BadgeBonusesAsync(cancellationToken)).GetValueOrDefault(badge.Code, badge.Bonus);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        try
        {
            db.BadgeAwards.Add(new BadgeAward { EmployeeId = employeeId, Code = badge.Code, AwardedAt = now });
            notifications.Queue(employeeId, NotificationKind.BadgeEarned, $"You earned the badge “{badge.Name}”: {badge.Criterion}", null, "badge:" + badge.Code);
            await db.SaveChangesAsync(cancellationToken);
            if (bonus > 0)
            {
                await ledger.RecordAsync([new PointsEntry { EmployeeId = employeeId, Amount = bonus, Reason = PointsReason.Badge, Source = "badge:" + badge.Code, At = now }], cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            await transaction.RollbackAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
