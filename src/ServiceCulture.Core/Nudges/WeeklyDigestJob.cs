using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.People;

namespace ServiceCulture.Nudges;

/// <summary>The figures of one person's digest, as computed; the email is made from it.</summary>
public sealed record DigestFigures(int EmployeeId, DateOnly WeekStart, int Points, IReadOnlyList<string> Badges, int RecognitionsReceived, int Streak,
    IReadOnlyList<EmailItem> Highlights, ServiceElements? WeakestElement, string Tip);

public sealed record DigestRunResult(int Considered, int Queued);

/// <summary>
/// The weekly digest, Monday from the digest hour in each person's time zone, about the week that
/// just ended (Monday to Sunday, local): their points, badges, recognitions received and streak; their
/// team's best public moments of magic and recoveries and the newest case study; one tip on the
/// element the team showed least. Queued once per person and week (the outbox key), whoever runs it.
/// </summary>
public sealed class WeeklyDigestJob(AppDbContext db, ReinforcementSettings settings, Outbox outbox, StreakRules streaks, IPortalLinks links, TimeProvider clock)
{
    private const int Batch = 500;

    public Task<DigestRunResult> RunAsync(CancellationToken cancellationToken) =>
        SendAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    public async Task<DigestRunResult> SendAsync(DateTime now, CancellationToken cancellationToken)
    {
        var rules = await settings.ReadAsync(cancellationToken);
        var everyone = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Email != null)
            .Where(u => !db.EmailOptOuts.Any(o => o.EmployeeId == u.Id && o.Topic == EmailTopic.WeeklyDigest))
            .Select(u => new { u.Id, u.TimeZoneId, u.TeamId }).ToListAsync(cancellationToken);
        var due = new List<(int Id, string TimeZoneId, int? TeamId, DateOnly Week)>();
        foreach (var zone in everyone.GroupBy(u => u.TimeZoneId))
        {
            var local = ServiceTimeZones.ToLocal(now, zone.Key);
            if (local.DayOfWeek != DayOfWeek.Monday || local.Hour < rules.DigestHour)
            {
                continue;
            }

            var lastWeek = StreakRules.WeekStart(DateOnly.FromDateTime(local)).AddDays(-7);
            due.AddRange(zone.Select(u => (u.Id, u.TimeZoneId, u.TeamId, lastWeek)));
        }

        // Who still needs this week's digest (a rerun, a second node or a resumed run finds most
        // queued), then everyone's figures read together: each table once, not once per batch.
        var todo = new List<(int Id, string TimeZoneId, int? TeamId, DateOnly Week)>();
        foreach (var chunk in due.Chunk(Batch))
        {
            var keys = chunk.Select(p => Outbox.KeyOf(EmailKind.WeeklyDigest, p.Id, Period(p.Week))).ToList();
            var existing = (await db.OutboxMessages.AsNoTracking().Where(m => EF.Parameter(keys).Contains(m.Key)).Select(m => m.Key).ToListAsync(cancellationToken)).ToHashSet();
            todo.AddRange(chunk.Where(p => !existing.Contains(Outbox.KeyOf(EmailKind.WeeklyDigest, p.Id, Period(p.Week)))));
        }

        if (todo.Count == 0)
        {
            return new(due.Count, 0);
        }

        var queued = 0;
        var all = await FiguresAsync(todo, cancellationToken);
        foreach (var figures in all.Chunk(Batch))
        {
            foreach (var f in figures)
            {
                outbox.Enqueue(f.EmployeeId, EmailKind.WeeklyDigest, Period(f.WeekStart), Compose(f));
            }

            try
            {
                await db.SaveChangesAsync(cancellationToken);
                queued += figures.Length;
            }
            catch (DbUpdateException)
            {
                // Another node queued some of this batch meanwhile: queue the rest one by one.
                db.ChangeTracker.Clear();
                foreach (var f in figures)
                {
                    if (await outbox.EnqueueOnceAsync(f.EmployeeId, EmailKind.WeeklyDigest, Period(f.WeekStart), Compose(f), cancellationToken))
                    {
                        queued++;
                    }
                }
            }

            db.ChangeTracker.Clear();
        }

        return new(due.Count, queued);
    }

    /// <summary>The digest figures for some people, each about their own last local week.</summary>
    private async Task<IReadOnlyList<DigestFigures>> FiguresAsync(IReadOnlyList<(int Id, string TimeZoneId, int? TeamId, DateOnly Week)> people, CancellationToken cancellationToken)
    {
        var teamCache = new Dictionary<(int?, DateOnly, string), (IReadOnlyList<EmailItem>, ServiceElements?)>();
        // Thousands of people go as one array-like parameter (see StreakRules).
        var ids = people.Select(p => p.Id).ToList();
        var ranges = people.ToDictionary(p => p.Id, p => Range(p.Week, p.TimeZoneId));
        var earliest = ranges.Values.Min(r => r.Start);
        var latest = ranges.Values.Max(r => r.End);

        var points = (await db.PointsLedger.AsNoTracking().Where(e => EF.Parameter(ids).Contains(e.EmployeeId) && e.At >= earliest && e.At < latest)
            .Select(e => new { e.EmployeeId, e.Amount, e.At }).ToListAsync(cancellationToken)).ToLookup(e => e.EmployeeId);
        var badges = (await db.BadgeAwards.AsNoTracking().Where(b => EF.Parameter(ids).Contains(b.EmployeeId) && b.AwardedAt >= earliest && b.AwardedAt < latest)
            .Select(b => new { b.EmployeeId, b.Code, b.AwardedAt }).ToListAsync(cancellationToken)).ToLookup(b => b.EmployeeId);
        // The recipients' own copies of the recognitions' time and withdrawal (see RecognitionRecipient).
        var received = (await db.RecognitionRecipients.AsNoTracking()
            .Where(x => EF.Parameter(ids).Contains(x.RecipientId) && x.DeletedAt == null && x.CreatedAt >= earliest && x.CreatedAt < latest)
            .Select(x => new { x.RecipientId, x.CreatedAt })
            .ToListAsync(cancellationToken)).ToLookup(x => x.RecipientId);
        // The streak as it stood at the end of the digest's week: asked as of the first instant of
        // the week after it, leaving that week out, for the people whose week ends at that instant.
        var streakOf = new Dictionary<int, int>();
        foreach (var ending in people.GroupBy(p => ranges[p.Id].End))
        {
            foreach (var (id, streak) in await streaks.AtEndOfLastWeekAsync([.. ending.Select(p => (p.Id, (string?)p.TimeZoneId))], ending.Key, cancellationToken))
            {
                streakOf[id] = streak.Weeks;
            }
        }

        var badgeNames = GamificationCatalog.Badges.ToDictionary(b => b.Code, b => b.Name);
        var result = new List<DigestFigures>();
        foreach (var person in people)
        {
            var (start, end) = ranges[person.Id];
            var streak = streakOf[person.Id];
            var key = (person.TeamId, person.Week, person.TimeZoneId);
            if (!teamCache.TryGetValue(key, out var team))
            {
                team = await TeamAsync(person.TeamId, start, end, cancellationToken);
                teamCache[key] = team;
            }

            var weakest = team.Item2;
            result.Add(new DigestFigures(person.Id, person.Week,
                points[person.Id].Where(p => p.At >= start && p.At < end).Sum(p => p.Amount),
                [.. badges[person.Id].Where(b => b.AwardedAt >= start && b.AwardedAt < end).OrderBy(b => b.AwardedAt).Select(b => badgeNames.GetValueOrDefault(b.Code, b.Code))],
                received[person.Id].Count(r => r.CreatedAt >= start && r.CreatedAt < end),
                streak, team.Item1, weakest, TipFor(weakest, person.Week)));
        }

        return result;
    }

    /// <summary>The team's public highlights of the week and the element it showed least (ties: the first in the catalogue).</summary>
    private async Task<(IReadOnlyList<EmailItem>, ServiceElements?)> TeamAsync(int? teamId, DateTime start, DateTime end, CancellationToken cancellationToken)
    {
        if (teamId is null)
        {
            return ([], null);
        }

        var week = db.Moments.AsNoTracking().Where(m => m.AuthorTeamId == teamId && m.DeletedAt == null && m.HiddenAt == null && m.CreatedAt >= start && m.CreatedAt < end);
        var best = await week.Where(m => m.Visibility == Visibility.Everyone && (m.Kind == MomentKind.Magic || m.Kind == MomentKind.Recovery))
            .OrderByDescending(m => m.Reactions.Count).ThenByDescending(m => m.CreatedAt).Take(3)
            .Select(m => new { m.Id, m.Kind, m.Title, Author = m.Author!.DisplayName }).ToListAsync(cancellationToken);
        var items = best.Select(m => new EmailItem(m.Title, $"{(m.Kind == MomentKind.Magic ? "A moment of magic" : "A recovery")} by {m.Author}", links.Moment(m.Id))).ToList();
        var caseStudy = await db.CaseStudies.AsNoTracking().Where(c => c.SharedAt >= start && c.SharedAt < end)
            .OrderByDescending(c => c.SharedAt).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync(cancellationToken);
        if (caseStudy is not null)
        {
            items.Add(new EmailItem(caseStudy.Title, "A new case study to discuss with the team", links.CaseStudy(caseStudy.Id)));
        }

        var tagged = await week.Select(m => m.Elements).ToListAsync(cancellationToken);
        var counts = ServiceElementCatalog.All.Select(e => (e.Element, Count: tagged.Count(t => t.HasFlag(e.Element)))).ToList();
        var weakest = tagged.Count == 0 ? (ServiceElements?)null : counts.OrderBy(c => c.Count).First().Element;
        return (items, weakest);
    }

    /// <summary>A practice of the weakest element, turning week by week through its practices.</summary>
    public static string TipFor(ServiceElements? element, DateOnly week)
    {
        var info = element is { } e ? ServiceElementCatalog.All.First(x => x.Element == e) : ServiceElementCatalog.All[0];
        var practice = info.Practices[(week.DayNumber / 7) % info.Practices.Length];
        return element is null ? $"No moments from your team last week. {practice}" : $"Your team showed “{info.Name}” least last week. {practice}";
    }

    public EmailContent Compose(DigestFigures f)
    {
        var sections = new List<EmailSection>();
        if (f.Badges.Count > 0)
        {
            sections.Add(new EmailSection("Badges you earned", [.. f.Badges.Select(b => new EmailItem(b, "Earned last week"))]));
        }

        if (f.Highlights.Count > 0)
        {
            sections.Add(new EmailSection("Your team's highlights", f.Highlights));
        }

        var label = f.WeekStart.ToString("d MMMM", CultureInfo.InvariantCulture);
        return new EmailContent
        {
            Subject = $"Your week in service, from {label}",
            Preheader = $"{f.Points} points, {f.RecognitionsReceived} recognitions, a {f.Streak}-week streak.",
            Heading = $"Your week from {label}",
            Paragraphs = ["Here is what you and your team did for your customers, inside and outside the company."],
            Stats =
            [
                new EmailStat("Points earned", f.Points.ToString(CultureInfo.InvariantCulture)),
                new EmailStat("Badges earned", f.Badges.Count.ToString(CultureInfo.InvariantCulture)),
                new EmailStat("Recognitions received", f.RecognitionsReceived.ToString(CultureInfo.InvariantCulture)),
                new EmailStat("Streak", f.Streak == 1 ? "1 week" : $"{f.Streak} weeks"),
            ],
            Sections = sections,
            Action = new EmailLink("Open ServiceCulture", links.Home()),
            Tip = f.Tip,
        };
    }

    private static string Period(DateOnly week) => week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static (DateTime Start, DateTime End) Range(DateOnly week, string timeZoneId)
    {
        var zone = ServiceTimeZones.Find(timeZoneId);
        return (TimeZoneInfo.ConvertTimeToUtc(week.ToDateTime(TimeOnly.MinValue), zone), TimeZoneInfo.ConvertTimeToUtc(week.AddDays(7).ToDateTime(TimeOnly.MinValue), zone));
    }
}
