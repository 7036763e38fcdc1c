using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Rules;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>Log the recovery of a misery, walking the five recovery steps.</summary>
public sealed class RecoverModel(AppDbContext db, MomentRules rules, TimeProvider clock) : PageModel
{
    [BindProperty]
    public MomentForm Form { get; set; } = new();

    public MomentFormView View { get; private set; } = null!;
    public MomentCard Misery { get; private set; } = null!;

    private Moment? miseryEntity;

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var problem = await LoadMiseryAsync(id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var misery = miseryEntity!;
        Form = new MomentForm
        {
            Kind = MomentKind.Recovery,
            RecoversMomentId = id,
            Title = "Recovered: " + misery.Title,
            OccurredOn = Today,
            CustomerType = misery.CustomerKind == CustomerKind.External ? "External" : "Internal",
            ExternalCustomer = misery.ExternalCustomer,
            CustomerEmployeeId = misery.CustomerEmployeeId,
            CustomerTeamId = misery.CustomerTeamId,
            Elements = [.. ServiceElementCatalog.In(misery.Elements).Select(e => e.Element)],
            Visibility = misery.Visibility,
        };
        if (Form.Title.Length > Moment.TitleMaxLength)
        {
            Form.Title = Form.Title[..Moment.TitleMaxLength];
        }

        await BuildViewAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var problem = await LoadMiseryAsync(id, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        Form.Kind = MomentKind.Recovery;
        Form.RecoversMomentId = id;
        if (ModelState.IsValid)
        {
            var outcome = await rules.LogAsync(Form.ToDraft(), User.Actor(), cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = "Recovery logged and the misery is closed. Consider sharing it as a case study so others learn from it.";
                return RedirectToPage("Details", new { id = outcome.Value!.Id });
            }

            MomentForm.AddRefusals(ModelState, outcome.Refusals);

            if (outcome.Refusals.Any(r => r.Kind == RefusalKind.Conflict))
            {
                // Someone closed the misery between opening the form and sending it.
                await BuildViewAsync(cancellationToken);
                Response.StatusCode = StatusCodes.Status409Conflict;
                return Page();
            }
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

    /// <summary>The misery must be visible, still open, and this person's to recover; otherwise 404 or 409.</summary>
    private async Task<IActionResult?> LoadMiseryAsync(long id, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var card = await MomentCard.LoadAsync(db, viewer, id, cancellationToken);
        if (card is null)
        {
            return NotFound();
        }

        var misery = await db.Moments.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
        var facts = await rules.FactsAsync(id, cancellationToken);
        if (misery.Kind != MomentKind.Misery || facts is null)
        {
            return NotFound();
        }

        // Whether this person could recover it at all, open or not: recovered is a different answer from forbidden.
        if (!MomentRules.PermissionsFor(viewer, facts with { RecoveryId = null }, clock.GetUtcNow().UtcDateTime).Recover)
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (misery.RecoveryId is not null)
        {
            TempData["Flash"] = "That misery has already been recovered.";
            return RedirectToPage("Details", new { id });
        }

        Misery = card;
        miseryEntity = misery;
        return null;
    }

    private async Task BuildViewAsync(CancellationToken cancellationToken)
    {
        var (customer, recoveredBy) = await MomentFormView.LabelsAsync(db, Form, cancellationToken);
        View = new MomentFormView(Form, KindEditable: false, ShowRecoveryFields: true, [], customer, recoveredBy, Today);
    }
}
