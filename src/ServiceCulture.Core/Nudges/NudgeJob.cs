using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.People;

namespace ServiceCulture.Nudges;

/// <summary>Someone the nudge run is considering now: their local day and week.</summary>
public sealed record NudgePerson(int Id, string Name, string TimeZoneId, int? ManagerId, DateTime JoinedAt, DateOnly LocalDate, DateOnly Week);

/// <summary>A nudge a rule proposes; the run decides whether the person gets it (weekly cap, already given).</summary>
public sealed record NudgeCandidate(int EmployeeId, NudgeKind Kind, string Period, string Text, string Tip, string Link, string LinkLabel, EmailTopic Topic = EmailTopic.Nudges, int Priority = 50);

/// <summary>
/// A source of nudges beyond the built-in gaps. Reviews plug in here ("a self-assessment due within
/// 3 days") by registering an implementation; the run applies the cap and the records to it too.
/// </summary>
public interface INudgeRule
{
    Task<IReadOnlyList<NudgeCandidate>> FindAsync(IReadOnlyList<NudgePerson> people, DateTime now, ReinforcementRules rules, CancellationToken cancellationToken);
}

public sealed record NudgeRunResult(int Considered, int Given);

/// <summary>Operator settings of the nudge run (configuration <c>Jobs:NudgeBatchSize</c>).</summary>
public sealed class NudgeRunOptions
{
    /// <summary>Nudges written per transaction: one round trip for many people, and a crash loses at most one uncommitted batch.</summary>
    public int BatchSize { get; set; } = 500;
}

/// <summary>
/// Gap-driven nudges at the nudge hour of each person's working day (the days admins chose, Monday to Friday by default; their time
/// zone). The job runs every hour and picks the people whose local time has passed the hour; the
/// unique (person, kind, period) record makes a rerun, a second node or a resumed run give nothing twice.
/// </summary>
public sealed class NudgeJob(
    AppDbContext db,
    ReinforcementSettings settings,
    Outbox outbox,
    NotificationCenter notifications,
    StreakRules streaks,
    IEnumerable<INudgeRule> extraRules,
    IPortalLinks links,
    IOptions<NudgeRunOptions> options,
    TimeProvider clock)
{
    /// <summary>Nudges go out within this many hours after the nudge hour, so a late run still nudges the same day and not at night.</summary>
    public const int WindowHours = 8;

    public Task<NudgeRunResult> RunAsync(CancellationToken cancellationToken) =>
        EvaluateAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task<NudgeRunResult> EvaluateAsync(DateTime now, CancellationToken cancellationToken)
    {
        var rules = await settings.ReadAsync(cancellationToken);
        if (rules.NudgesPerWeek <= 0)
        {
            return new(0, 0);
        }

        var people = await DuePeopleAsync(now, rules.NudgeHour, rules.WorkingDays, cancellationToken);
        if (people.Count == 0)
        {
            return new(0, 0);
        }

        var candidates = new List<NudgeCandidate>();
        candidates.AddRange(await OpenMiseriesAsync(people, now, rules, cancellationToken));
        candidates.AddRange(await StreaksEndingAsync(people, now, cancellationToken));
        candidates.AddRange(await QuietAsync(people, now, rules, cancellationToken));
        candidates.AddRange(await UnrecognisedTeammatesAsync(people, now, rules, cancellationToken));
        foreach (var rule in extraRules)
        {
            candidates.AddRange(await rule.FindAsync(people, now, rules, cancellationToken));
        }

        var byId = people.ToDictionary(p => p.Id);
        candidates = [.. candidates.Where(c => byId.ContainsKey(c.EmployeeId))];
        var ids = candidates.Select(c => c.EmployeeId).Distinct().ToList();
        var weeks = people.Select(p => p.Week).Distinct().ToList();
        var since = now.AddDays(-60);
        var given = new List<(int EmployeeId, NudgeKind Kind, string Period, DateOnly Week)>();
        foreach (var chunk in ids.Chunk(1000))
        {
            given.AddRange((await db.Nudges.AsNoTracking()
                .Where(n => chunk.Contains(n.EmployeeId) && (weeks.Contains(n.Week) || n.CreatedAt >= since))
                .Select(n => new { n.EmployeeId, n.Kind, n.Period, n.Week }).ToListAsync(cancellationToken))
                .Select(n => (n.EmployeeId, n.Kind, n.Period, n.Week)));
        }

        var done = given.Select(g => (g.EmployeeId, g.Kind, g.Period)).ToHashSet();
        var thisWeek = given.Where(g => byId[g.EmployeeId].Week == g.Week).GroupBy(g => g.EmployeeId).ToDictionary(g => g.Key, g => g.Count());
        var chosen = new List<(NudgeCandidate Candidate, NudgePerson Person)>();
        // Person by person, in the order of their ids: a resumed run meets the same order.
        foreach (var group in candidates.GroupBy(c => c.EmployeeId).OrderBy(g => g.Key))
        {
            var person = byId[group.Key];
            var left = rules.NudgesPerWeek - thisWeek.GetValueOrDefault(person.Id);
            chosen.AddRange(group.OrderBy(c => c.Priority).ThenBy(c => c.Kind)
                .Where(c => !done.Contains((c.EmployeeId, c.Kind, c.Period)))
                .DistinctBy(c => (c.Kind, c.Period))
                .Take(Math.Max(0, left)).Select(c => (c, person)));
        }

        var count = 0;
        foreach (var batch in chosen.Chunk(options.Value.BatchSize))
        {
            count += await GiveBatchAsync(batch, now, cancellationToken);
        }

        return new(people.Count, count);
    }

    /// <summary>Active people on a working day whose local time is past the nudge hour (within the window).</summary>
    private async Task<List<NudgePerson>> DuePeopleAsync(DateTime now, int hour, IReadOnlySet<DayOfWeek> workingDays, CancellationToken cancellationToken)
    {
        var everyone = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null)
            .Select(u => new { u.Id, u.DisplayName, u.TimeZoneId, u.ManagerId, u.JoinedAt }).ToListAsync(cancellationToken);
        var due = new List<NudgePerson>();
        foreach (var zone in everyone.GroupBy(u => u.TimeZoneId))
        {
            var local = ServiceTimeZones.ToLocal(now, zone.Key);
            if (!workingDays.Contains(local.DayOfWeek) || local.Hour < hour || local.Hour >= hour + WindowHours)
            {
                continue;
            }

            var date = DateOnly.FromDateTime(local);
            due.AddRange(zone.Select(u => new NudgePerson(u.Id, u.DisplayName, u.TimeZoneId, u.ManagerId, u.JoinedAt, date, StreakRules.WeekStart(date))));
        }

        return due;
    }

    private async Task<IEnumerable<NudgeCandidate>> OpenMiseriesAsync(List<NudgePerson> people, DateTime now, ReinforcementRules rules, CancellationToken cancellationToken)
    {
        var cutoff = now.AddHours(-rules.MiseryOpenHours);
        var open = await db.Moments.AsNoTracking()
            .Where(m => m.Kind == MomentKind.Misery && m.RecoveryId == null && m.DeletedAt == null && m.CreatedAt <= cutoff)
            .Select(m => new { m.Id, m.Title, m.AuthorId, m.CreatedAt, AuthorName = m.Author!.DisplayName, ManagerId = m.Author.ManagerId })
            .ToListAsync(cancellationToken);
        var result = new List<NudgeCandidate>();
        foreach (var misery in open)
        {
            var days = Math.Max(2, (int)(now - misery.CreatedAt).TotalDays);
            result.Add(new(misery.AuthorId, NudgeKind.MiseryOpen, $"misery:{misery.Id}",
                $"Your moment of misery “{Shorten(misery.Title)}” has been open for {days} days.",
                "Own it and fix it fast: the customer remembers how quickly we turned it around more than what went wrong.",
                links.RecoverMisery(misery.Id), "Log the recovery", Priority: 10));
            if (misery.ManagerId is { } manager)
            {
                result.Add(new(manager, NudgeKind.MiseryOpen, $"misery:{misery.Id}",
                    $"{misery.AuthorName}'s moment of misery “{Shorten(misery.Title)}” has been open for {days} days.",
                    "Solve first, blame later: ask what would help, and fix it in the customer's favour.",
                    links.Moment(misery.Id), "Open the misery", EmailTopic.ManagerReports, Priority: 20));
            }
        }

        return result;
    }

    private async Task<IEnumerable<NudgeCandidate>> StreaksEndingAsync(List<NudgePerson> people, DateTime now, CancellationToken cancellationToken)
    {
        // From Thursday on, a streak alive last week ends on Sunday unless something happens this week.
        var late = people.Where(p => p.LocalDate.DayOfWeek is DayOfWeek.Thursday or DayOfWeek.Friday).ToList();
        if (late.Count == 0)
        {
            return [];
        }

        var ending = await streaks.EndingThisWeekAsync([.. late.Select(p => (p.Id, (string?)p.TimeZoneId))], now, cancellationToken);
        var result = new List<NudgeCandidate>();
        foreach (var person in late)
        {
            if (!ending.TryGetValue(person.Id, out var streak) || streak.Weeks == 0 || streak.PausedWeeks.Contains(person.Week))
            {
                continue;
            }

            result.Add(new(person.Id, NudgeKind.StreakEnding, Week(person.Week),
                $"Your {streak.Weeks}-week streak ends on Sunday unless you log a moment or recognise a colleague this week.",
                "Think of one colleague who made your week easier, and tell them what they did.",
                links.GiveRecognition(), "Recognise a colleague", Priority: 30));
        }

        return result;
    }

    private async Task<IEnumerable<NudgeCandidate>> QuietAsync(List<NudgePerson> people, DateTime now, ReinforcementRules rules, CancellationToken cancellationToken)
    {
        var cutoff = now.AddDays(-rules.QuietDays);
        var recent = (await db.Moments.AsNoTracking().Where(m => m.CreatedAt >= cutoff && m.DeletedAt == null)
            .Select(m => m.AuthorId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        return people.Where(p => p.JoinedAt <= cutoff && !recent.Contains(p.Id)).Select(p => new NudgeCandidate(p.Id, NudgeKind.NoRecentMoment, Week(p.Week),
            $"You have not logged a service moment for {rules.QuietDays} days.",
            "Every complaint heard stands for many unheard: a moment of misery logged today is a lesson for the whole team.",
            links.NewMoment(), "Log a moment", Priority: 40));
    }

    private async Task<IEnumerable<NudgeCandidate>> UnrecognisedTeammatesAsync(List<NudgePerson> people, DateTime now, ReinforcementRules rules, CancellationToken cancellationToken)
    {
        var managers = people.Select(p => p.Id).ToHashSet();
        var cutoff = now.AddDays(-rules.UnrecognisedDays);
        var teammates = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.ManagerId != null && u.JoinedAt <= cutoff)
            .Select(u => new { u.Id, u.DisplayName, ManagerId = u.ManagerId!.Value }).ToListAsync(cancellationToken);
        teammates = [.. teammates.Where(t => managers.Contains(t.ManagerId))];
        if (teammates.Count == 0)
        {
            return [];
        }

        var recognised = (await (
                from x in db.RecognitionRecipients
                join r in db.Recognitions on x.RecognitionId equals r.Id
                where r.CreatedAt >= cutoff && r.DeletedAt == null
                select x.RecipientId).Distinct().ToListAsync(cancellationToken)).ToHashSet();
        var byId = people.ToDictionary(p => p.Id);
        // One teammate a week per manager: the first by name, so the choice is stable across reruns.
        return teammates.Where(t => !recognised.Contains(t.Id)).GroupBy(t => t.ManagerId)
            .Select(g => g.OrderBy(t => t.DisplayName, StringComparer.Ordinal).ThenBy(t => t.Id).First())
            .Select(t => new NudgeCandidate(t.ManagerId, NudgeKind.TeammateUnrecognised, Week(byId[t.ManagerId].Week),
                $"Nobody has recognised {t.DisplayName} for {rules.UnrecognisedDays} days.",
                "Recognition that names what someone did, and who it helped, is worth more than a general thanks.",
                links.GiveRecognition(t.Id), $"Recognise {Shorten(t.DisplayName, 40)}", EmailTopic.ManagerReports, Priority: 45));
    }

    /// <summary>
    /// Gives a batch of nudges in one transaction, written as multi-row inserts (<see cref="AddedRows"/>).
    /// When another node (or an interrupted earlier run) gave one of them in the meantime, the batch
    /// fails on the unique record and is given one by one, so each nudge is still given exactly once.
    /// </summary>
    private async Task<int> GiveBatchAsync(IReadOnlyList<(NudgeCandidate Candidate, NudgePerson Person)> batch, DateTime now, CancellationToken cancellationToken)
    {
        foreach (var (candidate, person) in batch)
        {
            Stage(candidate, person, now);
        }

        try
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await db.InsertAddedAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return batch.Count;
        }
        catch (DbException)
        {
            db.ChangeTracker.Clear();
        }

        var count = 0;
        foreach (var (candidate, person) in batch)
        {
            if (await GiveAsync(candidate, person, now, cancellationToken))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>Records the nudge, tells the bell and queues the email in one transaction; false when another run got there first.</summary>
    private async Task<bool> GiveAsync(NudgeCandidate candidate, NudgePerson person, DateTime now, CancellationToken cancellationToken)
    {
        Stage(candidate, person, now);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            return true;
        }
        catch (DbUpdateException)
        {
            // Another node (or an earlier, interrupted run) gave this one already.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private void Stage(NudgeCandidate candidate, NudgePerson person, DateTime now)
    {
        var nudge = new Nudge
        {
            EmployeeId = candidate.EmployeeId,
            Kind = candidate.Kind,
            Period = candidate.Period,
            Week = person.Week,
            Text = Shorten(candidate.Text, Nudge.TextMaxLength),
            Tip = Shorten(candidate.Tip, Nudge.TextMaxLength),
            Link = candidate.Link,
            LinkLabel = Shorten(candidate.LinkLabel, 80),
            CreatedAt = now,
        };
        db.Nudges.Add(nudge);
        var key = $"nudge:{(int)candidate.Kind}:{candidate.Period}";
        notifications.Queue(candidate.EmployeeId, NotificationKind.Nudge, candidate.Text, null, key);
        outbox.Enqueue(candidate.EmployeeId, EmailKind.Nudge, key, new EmailContent
        {
            Subject = Shorten(candidate.Text, 120),
            Preheader = candidate.Tip,
            Heading = "A nudge for this week",
            Paragraphs = [candidate.Text],
            Action = new EmailLink(candidate.LinkLabel, candidate.Link),
            Tip = candidate.Tip,
        }, candidate.Topic);
    }

    private static string Week(DateOnly week) => week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Shorten(string text, int max = 60) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
