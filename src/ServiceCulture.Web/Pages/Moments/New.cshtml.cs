using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>Log a service moment.</summary>
public sealed class NewModel(AppDbContext db, MomentRules rules, TimeProvider clock) : PageModel
{
    [BindProperty]
    public MomentForm Form { get; set; } = new();

    public MomentFormView View { get; private set; } = null!;

    public async Task OnGetAsync(string? kind, CancellationToken cancellationToken)
    {
        var chosen = Enum.TryParse<MomentKind>(kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : (MomentKind?)null;
        Form = new MomentForm
        {
            Kind = chosen,
            OccurredOn = Today,
            Visibility = MomentCatalog.DefaultVisibility(chosen ?? MomentKind.Truth),
        };
        await BuildViewAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // The recovery steps are walked on the misery's Recover page, not here.
        Form.Steps = [];
        foreach (var key in ModelState.Keys.Where(k => k.StartsWith("Form.Steps", StringComparison.Ordinal)).ToList())
        {
            ModelState.Remove(key);
        }

        if (ModelState.IsValid)
        {
            var outcome = await rules.LogAsync(Form.ToDraft(), User.Actor(), cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = outcome.Value!.Kind == MomentKind.Misery
                    ? "Misery logged. It stays open until its recovery is logged; your manager can see it."
                    : "Moment logged. Thank you for sharing it.";
                return RedirectToPage("Details", new { id = outcome.Value.Id });
            }

            MomentForm.AddRefusals(ModelState, outcome.Refusals);
        }
        else
        {
            // Show every problem at once: the rules' messages join the form's own.
            MomentForm.AddRefusals(ModelState, await rules.ValidateAsync(Form.ToDraft() with { Kind = Form.Kind ?? default }, User.Actor(), null, cancellationToken));
        }

        await BuildViewAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private DateOnly Today => ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, User.TimeZoneId());

    private async Task BuildViewAsync(CancellationToken cancellationToken)
    {
        var (customer, recoveredBy) = await MomentFormView.LabelsAsync(db, Form, cancellationToken);
        var miseries = await MomentFormView.OpenMiseriesAsync(db, User.Actor(), Form.RecoversMomentId, cancellationToken);
        View = new MomentFormView(Form, KindEditable: true, ShowRecoveryFields: false, miseries, customer, recoveredBy, Today);
    }
}
