using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Rules;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin.People;

/// <summary>One person: team, manager, roles, title and time zone; deactivate, reactivate, invitations.</summary>
public sealed class EditModel(AppDbContext db, PeopleAdministration administration, ServiceCulture.People.Invitations invitations, TimeProvider clock) : PageModel
{
    [BindProperty]
    public Input Form { get; set; } = new();

    public View Person { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> Teams { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = new Input
        {
            TeamId = Person.TeamId,
            ManagerEmail = Person.ManagerEmail,
            Manager = Person.Roles.Contains(Roles.Manager),
            Admin = Person.Roles.Contains(Roles.Admin),
            JobTitle = Person.JobTitle,
            TimeZoneId = Person.TimeZoneId,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

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
            var roles = new List<string> { Roles.Employee };
            if (Form.Manager)
            {
                roles.Add(Roles.Manager);
            }

            if (Form.Admin)
            {
                roles.Add(Roles.Admin);
            }

            var outcome = await administration.ChangeAsync(User.EmployeeId(), id, new PersonChanges(Form.TeamId, managerId, roles, Form.JobTitle, Form.TimeZoneId ?? ""), cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = $"Saved the changes to {Person.Name}.";
                return RedirectToPage(new { id });
            }

            ModelState.AddRefusals(outcome.Refusals, field => field switch
            {
                nameof(PersonChanges.ManagerId) => "Form.ManagerEmail",
                nameof(PersonChanges.Roles) => "Form.Admin",
                var f => "Form." + f,
            });
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    public Task<IActionResult> OnPostDeactivateAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => administration.DeactivateAsync(User.EmployeeId(), id, cancellationToken), name => $"{name} is deactivated and signed out everywhere.", cancellationToken);

    public Task<IActionResult> OnPostReactivateAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => administration.ReactivateAsync(User.EmployeeId(), id, cancellationToken), name => $"{name} is active again.", cancellationToken);

    public Task<IActionResult> OnPostResendAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => invitations.SendAsync(User.EmployeeId(), id, cancellationToken), name => $"A new invitation is on its way to {name}; earlier links no longer work.", cancellationToken);

    public Task<IActionResult> OnPostRevokeAsync(int id, CancellationToken cancellationToken) =>
        ActAsync(id, () => invitations.RevokeAsync(User.EmployeeId(), id, cancellationToken), name => $"The invitation to {name} is revoked.", cancellationToken);

    private async Task<IActionResult> ActAsync(int id, Func<Task<RuleResult>> action, Func<string, string> done, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var outcome = await action();
        if (outcome.Succeeded)
        {
            TempData["Flash"] = done(Person.Name);
            return RedirectToPage(new { id });
        }

        ModelState.AddRefusals(outcome.Refusals);
        Form = new Input { TeamId = Person.TeamId, ManagerEmail = Person.ManagerEmail, Manager = Person.Roles.Contains(Roles.Manager), Admin = Person.Roles.Contains(Roles.Admin), JobTitle = Person.JobTitle, TimeZoneId = Person.TimeZoneId };
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new View(
                u.Id, u.DisplayName, u.Email!, u.TeamId, u.Manager == null ? null : u.Manager.Email, u.JobTitle, u.TimeZoneId, u.IsActive,
                u.PasswordHash != null, u.ErasedAt, u.LastSignInAt,
                db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name!).ToList(),
                db.Invitations.Where(i => i.EmployeeId == u.Id).OrderByDescending(i => i.Id).Select(i => new InvitationView(i.CreatedAt, i.ExpiresAt, i.AcceptedAt, i.RevokedAt)).FirstOrDefault()))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return false;
        }

        Person = person;
        Teams = (await db.Teams.AsNoTracking().Where(t => t.ArchivedAt == null || t.Id == person.TeamId).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            .Select(t => (t.Id, t.Name)).ToList();
        return true;
    }

    public string InvitationStatus(InvitationView invitation)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return invitation.AcceptedAt is { } accepted ? $"accepted {accepted:yyyy-MM-dd}"
            : invitation.RevokedAt is not null ? "revoked"
            : invitation.ExpiresAt <= now ? $"expired {invitation.ExpiresAt:yyyy-MM-dd}"
            : $"sent {invitation.CreatedAt:yyyy-MM-dd}, valid until {invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC";
    }

    public sealed record Input
    {
        [Display(Name = "Team")]
        public int? TeamId { get; init; }

        [Display(Name = "Manager's email")]
        [StringLength(256)]
        public string? ManagerEmail { get; init; }

        [Display(Name = "Manager (reviews a team, sees team reports)")]
        public bool Manager { get; init; }

        [Display(Name = "Admin (people, settings, audit)")]
        public bool Admin { get; init; }

        [Display(Name = "Job title")]
        [StringLength(Employee.JobTitleMaxLength, ErrorMessage = "Keep the job title to {1} characters.")]
        public string? JobTitle { get; init; }

        [Display(Name = "Time zone")]
        [Required(ErrorMessage = "Choose a time zone.")]
        public string? TimeZoneId { get; init; }
    }

    public sealed record InvitationView(DateTime CreatedAt, DateTime ExpiresAt, DateTime? AcceptedAt, DateTime? RevokedAt);

    public sealed record View(int Id, string Name, string Email, int? TeamId, string? ManagerEmail, string? JobTitle, string TimeZoneId, bool IsActive, bool HasPassword, DateTime? ErasedAt, DateTime? LastSignInAt, List<string> Roles, InvitationView? Invitation);
}
