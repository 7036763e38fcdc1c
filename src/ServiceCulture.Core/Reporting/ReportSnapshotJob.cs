using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Notifications;
using ServiceCulture.People;

namespace ServiceCulture.Reporting;

/// <summary>
/// When a month closes, stores its figures once for the organisation and for every team, tells each
/// team's manager and the admins that the month's report is ready, and emails the summary: a team's
/// to its manager, the organisation's to the admins. Snapshots and emails are saved together, so
/// running again (on another node, or the next day) stores and sends nothing new: a stored snapshot
/// is never replaced, and the outbox key (recipient, scope, month) is unique.
/// </summary>
public sealed class ReportSnapshotJob(AppDbContext db, ReportBuilder builder, NotificationCenter notifications, Outbox outbox, IPortalLinks links, TimeProvider clock)
{
    public Task<int> RunAsync(CancellationToken cancellationToken) =>
        RunAsync(clock.GetUtcNow().UtcDateTime, cancellationToken);

    /// <summary>Snapshots the month before <paramref name="now"/>; returns how many snapshots it stored.</summary>
    public Task<int> RunAsync(DateTime now, CancellationToken cancellationToken) =>
        SnapshotAsync(ReportRange.MonthOf(now).AddMonths(-1), now, cancellationToken);

    public async Task<int> SnapshotAsync(DateOnly month, DateTime now, CancellationToken cancellationToken)
    {
        if (!ReportBuilder.IsClosed(month, now))
        {
            throw new InvalidOperationException($"{month:yyyy-MM} is not closed yet; only closed months are stored.");
        }

        var stored = await db.ReportSnapshots.Where(s => s.Month == month).Select(s => s.Scope).ToListAsync(cancellationToken);
        var teams = await builder.TeamsAsync(cancellationToken);
        var scopes = teams.Select(t => (int?)t.Id).Prepend(null).Where(t => !stored.Contains(ReportSnapshot.ScopeOf(t))).ToList();
        if (scopes.Count == 0)
        {
            return 0;
        }

        var figures = await builder.MonthForEveryScopeAsync(month, cancellationToken);
        var previous = await builder.StoredMonthAsync(month.AddMonths(-1), cancellationToken);
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Roles.Admin && u.IsActive
                            select u.Id).ToListAsync(cancellationToken);
        var managerIds = teams.Where(t => t.ManagerId is not null).Select(t => t.ManagerId!.Value).Distinct().ToList();
        var activeManagers = (await db.Users.Where(u => managerIds.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken)).ToHashSet();
        foreach (var teamId in scopes)
        {
            db.ReportSnapshots.Add(new ReportSnapshot
            {
                Scope = ReportSnapshot.ScopeOf(teamId),
                TeamId = teamId,
                Month = month,
                Figures = ReportBuilder.Serialize(figures[teamId ?? 0]),
                TakenAt = now,
            });
            var team = teamId is { } id ? teams.Single(t => t.Id == id) : null;
            RaiseMonthlyReport(team, month, team?.ManagerId is { } manager ? [.. admins.Append(manager).Distinct()] : admins);

            // The summary email: a team's to its manager, the organisation's to the admins.
            IReadOnlyList<int> readers = team is null ? admins
                : team.ManagerId is { } m && activeManagers.Contains(m) ? [m] : [];
            if (readers.Count > 0)
            {
                var content = ComposeEmail(team, month, figures, previous, teams);
                foreach (var reader in readers)
                {
                    outbox.Enqueue(reader, EmailKind.MonthlyReport, MonthlyReportEmail.PeriodOf(teamId, month), content);
                }
            }
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node stored this month first; its snapshots stand.
            db.ChangeTracker.Clear();
            return 0;
        }

        return scopes.Count;
    }

    /// <summary>Tells a team's manager and the admins (the organisation's only the admins) in the portal that the report is ready.</summary>
    private void RaiseMonthlyReport(ReportBuilder.TeamNode? team, DateOnly month, IReadOnlyList<int> recipients)
    {
        var name = team?.Name ?? "the whole organisation";
        foreach (var recipient in recipients)
        {
            notifications.Queue(recipient, NotificationKind.MonthlyReport,
                $"The {month:MMMM yyyy} report for {name} is ready: six elements, recoveries, participation and ratings.",
                team?.Id, $"monthly-report:{ReportSnapshot.ScopeOf(team?.Id)}:{month:yyyy-MM}");
        }
    }

    private EmailContent ComposeEmail(ReportBuilder.TeamNode? team, DateOnly month, IReadOnlyDictionary<int, ReportFigures> figures,
        IReadOnlyDictionary<int, ReportFigures> previous, IReadOnlyList<ReportBuilder.TeamNode> teams)
    {
        var key = team?.Id ?? 0;
        IReadOnlyList<(string, ReportFigures, string)> columns = team is null
            ? [.. ReportBuilder.TopLevel(teams).Select(t => (t.Name, figures[t.Id], links.Report(t.Id, month)))]
            : [];
        return MonthlyReportEmail.Compose(team?.Name ?? "Whole organisation", team is null, month, figures[key],
            previous.TryGetValue(key, out var before) ? before : null, links.Report(team?.Id, month), columns);
    }
}
