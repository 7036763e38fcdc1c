using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Notifications;
using ServiceCulture.People;

namespace ServiceCulture.Reporting;

/// <summary>
/// When a month closes, stores its figures once for the organisation and for every team, and tells
/// each team's manager and the admins that the month's report is ready. Running again (on another
/// node, or the next day) stores nothing new: a stored snapshot is never replaced.
/// </summary>
public sealed class ReportSnapshotJob(AppDbContext db, ReportBuilder builder, NotificationCenter notifications, TimeProvider clock)
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
        var admins = await (from u in db.Users
                            join ur in db.UserRoles on u.Id equals ur.UserId
                            join r in db.Roles on ur.RoleId equals r.Id
                            where r.Name == Roles.Admin && u.IsActive
                            select u.Id).ToListAsync(cancellationToken);
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
            RaiseMonthlyReportEmail(team, month, team?.ManagerId is { } manager ? [.. admins.Append(manager).Distinct()] : admins);
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

    /// <summary>
    /// Where the monthly report summary is raised for a team's manager and the admins (the
    /// organisation's only for admins). It tells them in the portal for now; the summary email
    /// belongs here once the outbox exists, with the same key as its idempotency key.
    /// </summary>
    private void RaiseMonthlyReportEmail(ReportBuilder.TeamNode? team, DateOnly month, IReadOnlyList<int> recipients)
    {
        var name = team?.Name ?? "the whole organisation";
        foreach (var recipient in recipients)
        {
            notifications.Queue(recipient, NotificationKind.MonthlyReport,
                $"The {month:MMMM yyyy} report for {name} is ready: six elements, recoveries, participation and ratings.",
                team?.Id, $"monthly-report:{ReportSnapshot.ScopeOf(team?.Id)}:{month:yyyy-MM}");
        }
    }
}
