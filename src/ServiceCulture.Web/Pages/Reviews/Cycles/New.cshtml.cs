using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.People;
using ServiceCulture.Reviews;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reviews.Cycles;

/// <summary>Open a review cycle: admins for any teams, managers for their own.</summary>
[Authorize(Policy = Policies.Manager)]
public sealed class NewModel(ReviewRules rules, TimeProvider clock) : PageModel
{
    [BindProperty] public Input Form { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var today = ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, User.TimeZoneId());
        var start = new DateOnly(today.Year, today.Month, 1).AddMonths(-5);
        Form = new Input
        {
            PeriodStart = start,
            PeriodEnd = today,
            SelfAssessmentDue = today.AddDays(14),
            ReviewDue = today.AddDays(28),
        };
        await BuildAsync(cancellationToken);
        if (Teams.Count == 1)
        {
            Form.TeamIds = [Teams[0].Id];
        }

        return Teams.Count == 0 ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (ModelState.IsValid)
        {
            var opened = await rules.OpenCycleAsync(Form.ToDraft(), User.Actor(), cancellationToken);
            if (opened.Value is { } cycle)
            {
                TempData["Flash"] = $"“{cycle.Name}” is open with {cycle.Reviews.Count} reviews. Everyone in it has been told.";
                return RedirectToPage("Details", new { id = cycle.Id });
            }

            ModelState.AddRefusals(opened.Refusals, field => "Form." + field);
            Response.StatusCode = opened.Refusals.StatusCode();
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        await BuildAsync(cancellationToken);
        return Page();
    }

    private async Task BuildAsync(CancellationToken cancellationToken) =>
        Teams = (await rules.TeamsFor(User.Actor()).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            .Select(t => (t.Id, t.Name)).ToList();

    public sealed class Input
    {
        public string? Name { get; set; }
        public DateOnly PeriodStart { get; set; }
        public DateOnly PeriodEnd { get; set; }
        public DateOnly SelfAssessmentDue { get; set; }
        public DateOnly ReviewDue { get; set; }
        public List<int> TeamIds { get; set; } = [];

        public CycleDraft ToDraft() => new()
        {
            Name = Name ?? "",
            PeriodStart = PeriodStart,
            PeriodEnd = PeriodEnd,
            SelfAssessmentDue = SelfAssessmentDue,
            ReviewDue = ReviewDue,
            TeamIds = TeamIds,
        };
    }
}
