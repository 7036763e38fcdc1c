using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Recognitions;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Recognition;

/// <summary>One recognition; its giver can withdraw it for 24 hours.</summary>
public sealed class DetailsModel(AppDbContext db, RecognitionRules rules) : PageModel
{
    public RecognitionCard Card { get; private set; } = null!;
    public bool CanWithdraw { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostWithdrawAsync(long id, CancellationToken cancellationToken)
    {
        var recognition = await db.Recognitions.SingleOrDefaultAsync(r => r.Id == id && r.DeletedAt == null, cancellationToken);
        if (recognition is null)
        {
            return NotFound();
        }

        var result = await rules.DeleteAsync(recognition, User.Actor(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusals(result.Refusals);
            if (!await LoadAsync(id, cancellationToken))
            {
                // Withdrawn a moment ago by the same request sent twice.
                return NotFound();
            }

            Response.StatusCode = result.Refusals.StatusCode();
            return Page();
        }

        TempData["Flash"] = "The recognition is withdrawn and its points are returned to your allowance.";
        return Redirect("/");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var card = await db.Recognitions.AsNoTracking()
            .Where(r => r.Id == id && r.DeletedAt == null)
            .Select(RecognitionCard.Projection)
            .SingleOrDefaultAsync(cancellationToken);
        if (card is null)
        {
            return false;
        }

        Card = (await RecognitionCard.CompleteAsync(db, User.Actor(), [card], cancellationToken))[0];
        CanWithdraw = rules.CanDelete(new ServiceCulture.Recognitions.Recognition { GiverId = card.GiverId, CreatedAt = card.CreatedAt }, User.EmployeeId());
        return true;
    }
}
