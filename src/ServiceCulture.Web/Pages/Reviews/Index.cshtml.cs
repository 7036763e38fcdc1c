using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Reviews;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reviews;

/// <summary>
/// Reviews for the signed-in person: their own, feedback they were asked for, their people's in
/// open cycles (managers) with states, overdue and progress, and every cycle with completion per team (admins).
/// </summary>
public sealed class IndexModel(AppDbContext db, ReviewRules rules, TimeProvider clock) : PageModel
{
    private const int CyclesShown = 30;

    public IReadOnlyList<ReviewRow> Mine { get; private set; } = [];
    public IReadOnlyList<AskedRow> Asked { get; private set; } = [];
    public IReadOnlyList<CycleGroup> People { get; private set; } = [];
    public IReadOnlyList<CycleCompletion> Cycles { get; private set; } = [];
    public bool CanOpenCycle { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var me = viewer.Id;
        Today = ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, User.TimeZoneId());
        CanOpenCycle = await rules.TeamsFor(viewer).AnyAsync(cancellationToken);

        Mine = await db.Reviews.AsNoTracking().Where(r => r.EmployeeId == me)
            .OrderByDescending(r => r.Cycle!.PeriodEnd).ThenByDescending(r => r.Id).Take(CyclesShown)
            .Select(r => new ReviewRow(r.Id, r.CycleId, r.Cycle!.Name, r.Employee!.DisplayName, r.Manager!.DisplayName, r.State, r.Cycle.SelfAssessmentDue, r.Cycle.ReviewDue, r.Cycle.ClosedAt == null))
            .ToListAsync(cancellationToken);

        Asked = await db.FeedbackRequests.AsNoTracking().Where(f => f.GiverId == me)
            .OrderBy(f => f.AnsweredAt != null).ThenBy(f => f.DueOn).ThenBy(f => f.Id).Take(CyclesShown)
            .Select(f => new AskedRow(f.Id, f.Review!.Employee!.DisplayName, f.Review.Cycle!.Name, f.DueOn, f.AnsweredAt))
            .ToListAsync(cancellationToken);

        if (User.IsInRole(Roles.Manager) || viewer.IsAdmin)
        {
            var rows = await db.Reviews.AsNoTracking()
                .Where(r => r.Cycle!.ClosedAt == null && (r.ManagerId == me || r.Manager!.ManagerId == me) && r.EmployeeId != me)
                .OrderBy(r => r.Cycle!.ReviewDue).ThenBy(r => r.Employee!.DisplayName)
                .Select(r => new ReviewRow(r.Id, r.CycleId, r.Cycle!.Name, r.Employee!.DisplayName, r.Manager!.DisplayName, r.State, r.Cycle.SelfAssessmentDue, r.Cycle.ReviewDue, true))
                .ToListAsync(cancellationToken);
            People = [.. rows.GroupBy(r => (r.CycleId, r.Cycle)).Select(g => new CycleGroup(g.Key.CycleId, g.Key.Cycle, g.ToList()))];
        }

        if (viewer.IsAdmin)
        {
            var cycles = await db.ReviewCycles.AsNoTracking().OrderByDescending(c => c.ClosedAt == null).ThenByDescending(c => c.PeriodEnd).ThenByDescending(c => c.Id).Take(CyclesShown)
                .Select(c => new { c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.ReviewDue, Open = c.ClosedAt == null }).ToListAsync(cancellationToken);
            var ids = cycles.Select(c => c.Id).ToList();
            var counts = await db.Reviews.AsNoTracking().Where(r => ids.Contains(r.CycleId))
                .GroupBy(r => new { r.CycleId, r.TeamId, r.State })
                .Select(g => new { g.Key.CycleId, g.Key.TeamId, g.Key.State, Count = g.Count() })
                .ToListAsync(cancellationToken);
            var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancellationToken);
            Cycles = [.. cycles.Select(c => new CycleCompletion(c.Id, c.Name, c.PeriodStart, c.PeriodEnd, c.ReviewDue, c.Open,
                [.. counts.Where(x => x.CycleId == c.Id).GroupBy(x => x.TeamId)
                    .Select(g => new TeamCompletion(g.Key is { } t && teams.TryGetValue(t, out var n) ? n : "No team", g.Sum(x => x.Count),
                        g.Where(x => x.State >= ReviewState.Shared).Sum(x => x.Count), g.Where(x => x.State == ReviewState.Acknowledged).Sum(x => x.Count)))
                    .OrderBy(t => t.Team, StringComparer.Ordinal)]))];
        }
    }

    public sealed record ReviewRow(long Id, int CycleId, string Cycle, string Employee, string Manager, ReviewState State, DateOnly SelfAssessmentDue, DateOnly ReviewDue, bool Open);

    public sealed record AskedRow(long Id, string Employee, string Cycle, DateOnly DueOn, DateTime? AnsweredAt);

    public sealed record CycleGroup(int CycleId, string Cycle, IReadOnlyList<ReviewRow> Reviews)
    {
        public int Done => Reviews.Count(r => r.State >= ReviewState.Shared);
        public int Percent => Reviews.Count == 0 ? 0 : Done * 100 / Reviews.Count;
    }

    public sealed record TeamCompletion(string Team, int Reviews, int SharedOrDone, int Acknowledged)
    {
        public int Percent => Reviews == 0 ? 0 : SharedOrDone * 100 / Reviews;
    }

    public sealed record CycleCompletion(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly ReviewDue, bool Open, IReadOnlyList<TeamCompletion> Teams);
}
