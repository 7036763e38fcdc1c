using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Reviews;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reviews.Cycles;

/// <summary>
/// One cycle: the reviews the viewer may open, people to add or move, the CSV export (admins, and
/// managers for their own people) and the way to calibration. 404 for anyone with nothing in it.
/// </summary>
public sealed class DetailsModel(AppDbContext db, ReviewRules rules, TimeProvider clock) : PageModel
{
    public CycleView Cycle { get; private set; } = null!;
    public IReadOnlyList<Row> Reviews { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Joiners { get; private set; } = [];
    public bool RunsCycle { get; private set; }
    public bool CanCalibrate { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var cycle = await db.ReviewCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        return cycle is not null && await BuildAsync(cycle, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnGetCsvAsync(int id, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var cycle = await db.ReviewCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null || (!viewer.IsAdmin && !await db.Reviews.AnyAsync(r => r.CycleId == id && r.ManagerId == viewer.Id, cancellationToken)))
        {
            return NotFound();
        }

        var reviews = db.Reviews.AsNoTracking().Where(r => r.CycleId == id && (viewer.IsAdmin || r.ManagerId == viewer.Id));
        var rows = await reviews.OrderBy(r => r.Employee!.DisplayName)
            .Select(r => new
            {
                Employee = r.Employee!.DisplayName,
                Team = db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(),
                Manager = r.Manager!.DisplayName,
                r.State,
                r.FocusElement,
                r.Summary,
                r.SharedAt,
                r.AcknowledgedAt,
                Ratings = r.Ratings.Select(x => new { x.Source, x.Element, x.Rating }).ToList(),
                Answered = r.FeedbackRequests.Count(f => f.AnsweredAt != null),
            })
            .ToListAsync(cancellationToken);
        var csv = ReviewExport.Csv(rows.Select(r => new ReviewExport.Row(r.Employee, r.Team, r.Manager, r.State,
            r.Ratings.ToDictionary(x => (x.Source, x.Element), x => x.Rating), r.FocusElement, r.Summary, r.SharedAt, r.AcknowledgedAt, r.Answered)));
        await rules.RecordViewAsync(viewer.Id, "review-cycle.exported", id, cancellationToken);
        var name = new string([.. cycle.Name.Select(c => char.IsLetterOrDigit(c) ? c : '-')]);
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"reviews-{name}.csv");
    }

    public async Task<IActionResult> OnPostAddAsync(int id, int employeeId, CancellationToken cancellationToken)
    {
        var cycle = await db.ReviewCycles.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null)
        {
            return NotFound();
        }

        var outcome = await rules.AddPersonAsync(cycle, employeeId, User.Actor(), cancellationToken);
        if (outcome.Succeeded)
        {
            TempData["Flash"] = "Added to the cycle. They have been told.";
            return RedirectToPage("Details", new { id });
        }

        foreach (var refusal in outcome.Refusals)
        {
            ModelState.AddModelError("", refusal.Message);
        }

        db.ChangeTracker.Clear();
        var fresh = await db.ReviewCycles.AsNoTracking().SingleAsync(c => c.Id == id, cancellationToken);
        if (!await BuildAsync(fresh, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        var cycle = await db.ReviewCycles.SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null || !await rules.RunsCycleAsync(cycle, User.Actor(), cancellationToken))
        {
            return NotFound();
        }

        var outcome = await rules.CloseCycleAsync(cycle, User.Actor(), cancellationToken);
        TempData["Flash"] = outcome.Succeeded ? "The cycle is closed. Its reviews stay readable." : outcome.Refusals[0].Message;
        return RedirectToPage("Details", new { id });
    }

    private async Task<bool> BuildAsync(ReviewCycle cycle, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        Today = ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, User.TimeZoneId());
        RunsCycle = await rules.RunsCycleAsync(cycle, viewer, cancellationToken);
        Reviews = await db.Reviews.AsNoTracking().Where(r => r.CycleId == cycle.Id).Where(ReviewRules.VisibleTo(viewer))
            .OrderBy(r => r.Employee!.DisplayName)
            .Select(r => new Row(r.Id, r.Employee!.DisplayName, db.Teams.Where(t => t.Id == r.TeamId).Select(t => t.Name).FirstOrDefault(), r.Manager!.DisplayName, r.ManagerId, r.State,
                r.Employee.ManagerId != r.ManagerId && r.Employee.ManagerId != null))
            .ToListAsync(cancellationToken);
        if (Reviews.Count == 0 && !RunsCycle)
        {
            return false;
        }

        CanCalibrate = viewer.IsAdmin || await db.Reviews.AnyAsync(r => r.CycleId == cycle.Id && r.Manager!.ManagerId == viewer.Id, cancellationToken);
        var teams = await db.ReviewCycleTeams.AsNoTracking().Where(t => t.CycleId == cycle.Id).Select(t => t.Team!.Name).OrderBy(n => n).ToListAsync(cancellationToken);
        Cycle = new CycleView(cycle.Id, cycle.Name, cycle.PeriodStart, cycle.PeriodEnd, cycle.SelfAssessmentDue, cycle.ReviewDue, cycle.IsOpen, teams);
        if (RunsCycle && cycle.IsOpen)
        {
            var teamIds = db.ReviewCycleTeams.Where(t => t.CycleId == cycle.Id).Select(t => (int?)t.TeamId);
            Joiners = (await db.Users.AsNoTracking()
                .Where(u => u.IsActive && u.ManagerId != null && teamIds.Contains(u.TeamId) && !db.Reviews.Any(r => r.CycleId == cycle.Id && r.EmployeeId == u.Id))
                .OrderBy(u => u.DisplayName).Select(u => new { u.Id, u.DisplayName }).Take(50).ToListAsync(cancellationToken))
                .Select(u => (u.Id, u.DisplayName)).ToList();
        }

        return true;
    }

    public sealed record CycleView(int Id, string Name, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly SelfAssessmentDue, DateOnly ReviewDue, bool Open, IReadOnlyList<string> Teams);

    public sealed record Row(long Id, string Employee, string? Team, string Manager, int ManagerId, ReviewState State, bool ManagerChanged);
}
