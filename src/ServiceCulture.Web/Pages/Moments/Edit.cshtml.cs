using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>The author edits their moment within 24 hours of logging it.</summary>
public sealed class EditModel(AppDbContext db, MomentRules rules, TimeProvider clock) : PageModel
{
    [BindProperty]
    public MomentForm Form { get; set; } = new();

    public MomentFormView View { get; private set; } = null!;
    public long Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var moment = await FindAsync(id, cancellationToken);
        if (moment is null)
        {
            return NotFound();
        }

        if (!(await rules.PermissionsAsync(User.Actor(), id, cancellationToken)).Edit)
        {
            TempData["Flash"] = "Moments can be edited by their author for 24 hours after logging.";
            return RedirectToPage("Details", new { id });
        }

        Form = MomentForm.From(moment, null, null);
        await BuildViewAsync(moment, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var moment = await FindAsync(id, cancellationToken);
        if (moment is null)
        {
            return NotFound();
        }

        if (!(await rules.PermissionsAsync(User.Actor(), id, cancellationToken)).Edit)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        Form.Kind = moment.Kind;
        if (ModelState.IsValid)
        {
            var outcome = await rules.EditAsync(moment, Form.ToDraft(), User.Actor(), cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = "Your changes are saved.";
                return RedirectToPage("Details", new { id });
            }

            MomentForm.AddRefusals(ModelState, outcome.Refusals);
        }
        else
        {
            // Show every problem at once: the rules' messages join the form's own.
            MomentForm.AddRefusals(ModelState, await rules.ValidateAsync(Form.ToDraft() with { Kind = Form.Kind ?? default }, User.Actor(), moment, cancellationToken));
        }

        await BuildViewAsync(moment, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private Task<Moment?> FindAsync(long id, CancellationToken cancellationToken) =>
        db.Moments.Include(m => m.Steps)
            .Where(MomentVisibility.VisibleTo(User.Actor()))
            .SingleOrDefaultAsync(m => m.Id == id, cancellationToken);

    private async Task BuildViewAsync(Moment moment, CancellationToken cancellationToken)
    {
        Id = moment.Id;
        var (customer, recoveredBy) = await MomentFormView.LabelsAsync(db, Form, cancellationToken);
        var today = ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, User.TimeZoneId());
        View = new MomentFormView(Form, KindEditable: false, ShowRecoveryFields: moment.Kind == MomentKind.Recovery, [], customer, recoveredBy, today);
    }
}
