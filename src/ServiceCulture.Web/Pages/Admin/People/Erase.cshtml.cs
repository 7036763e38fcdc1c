using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin.People;

/// <summary>Erases the personal data of someone who left, after a confirmation; then says what was changed.</summary>
public sealed class EraseModel(AppDbContext db, PeopleAdministration administration) : PageModel
{
    public string Name { get; private set; } = "";
    public bool IsActive { get; private set; }
    public ErasureReport? Report { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.Users.AsNoTracking().Where(u => u.Id == id && u.ErasedAt == null).Select(u => new { u.DisplayName, u.IsActive }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        (Name, IsActive) = (person.DisplayName, person.IsActive);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var outcome = await administration.EraseAsync(User.EmployeeId(), id, cancellationToken);
        if (outcome.Value is not { } report)
        {
            var get = await OnGetAsync(id, cancellationToken);
            if (get is not PageResult)
            {
                return get;
            }

            ModelState.AddRefusals(outcome.Refusals);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Report = report;
        Name = report!.NewName;
        return Page();
    }
}
