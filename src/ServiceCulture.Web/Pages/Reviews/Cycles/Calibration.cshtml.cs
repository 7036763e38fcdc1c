using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Reviews;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reviews.Cycles;

/// <summary>Ratings per element per manager side by side with the evidence, for admins and a manager's manager.</summary>
public sealed class CalibrationModel(AppDbContext db, ReviewEvidence evidence, ReviewRules rules) : PageModel
{
    public string Cycle { get; private set; } = "";
    public int CycleId { get; private set; }
    public IReadOnlyList<CalibrationRow> Rows { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var cycle = await db.ReviewCycles.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (cycle is null || (!viewer.IsAdmin && !await evidence.CalibratedBy(id, viewer).AnyAsync(cancellationToken)))
        {
            return NotFound();
        }

        Cycle = cycle.Name;
        CycleId = cycle.Id;
        Rows = await evidence.CalibrationAsync(cycle, viewer, cancellationToken);
        await rules.RecordViewAsync(viewer.Id, "review-cycle.calibration-viewed", id, cancellationToken);
        return Page();
    }
}
