using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin.People;

/// <summary>Adds a person and emails them a one-time link, valid seven days, to choose a password.</summary>
public sealed class InviteModel(AppDbContext db, ServiceCulture.People.Invitations invitations) : PageModel
{
    [BindProperty]
    public Input Form { get; set; } = new();

    public IReadOnlyList<(int Id, string Name)> Teams { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        int? managerId = null;
        if (Form.ManagerEmail?.Trim() is { Length: > 0 } email)
        {
            var normalized = email.ToUpperInvariant();
            managerId = await db.Users.Where(u => u.NormalizedEmail == normalized && u.IsActive).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (managerId is null)
            {
                ModelState.AddModelError("Form.ManagerEmail", $"No active person has the email {email}.");
            }
        }

        if (ModelState.IsValid)
        {
            var (outcome, id) = await invitations.InviteAsync(User.EmployeeId(), new NewPerson(Form.Name!, Form.Email!, Form.TeamId, managerId, Form.Role ?? Roles.Employee, Form.JobTitle, Form.TimeZoneId ?? "UTC"), cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = $"{Form.Name} is invited; the link in their email works for seven days.";
                return RedirectToPage("Edit", new { id });
            }

            ModelState.AddRefusals(outcome.Refusals, field => "Form." + (field == nameof(NewPerson.ManagerId) ? nameof(Input.ManagerEmail) : field));
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Teams = (await db.Teams.AsNoTracking().Where(t => t.ArchivedAt == null).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            .Select(t => (t.Id, t.Name)).ToList();

    public sealed record Input
    {
        [Display(Name = "Name")]
        [Required(ErrorMessage = "Enter the person's name.")]
        [StringLength(Employee.DisplayNameMaxLength, ErrorMessage = "Keep the name to {1} characters.")]
        public string? Name { get; init; }

        [Display(Name = "Email")]
        [Required(ErrorMessage = "Enter the email the invitation goes to.")]
        [StringLength(256)]
        public string? Email { get; init; }

        [Display(Name = "Team")]
        public int? TeamId { get; init; }

        [Display(Name = "Manager's email")]
        [StringLength(256)]
        public string? ManagerEmail { get; init; }

        [Display(Name = "Role")]
        public string? Role { get; init; } = Roles.Employee;

        [Display(Name = "Job title")]
        [StringLength(Employee.JobTitleMaxLength, ErrorMessage = "Keep the job title to {1} characters.")]
        public string? JobTitle { get; init; }

        [Display(Name = "Time zone")]
        public string? TimeZoneId { get; init; } = "UTC";
    }
}
