using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Rules;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin.Teams;

/// <summary>One team: rename it, move it under another team, set its manager; archive or unarchive it.</summary>
public sealed class EditModel(AppDbContext db, TeamAdministration teams, IMemoryCache cache) : PageModel
{
    [BindProperty]
    public TeamForm Form { get; set; } = new();

    public View Team { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name)> Parents { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Form = new TeamForm { Name = Team.Name, ParentTeamId = Team.ParentTeamId, ManagerEmail = Team.ManagerEmail };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        var result = await teams.ChangeAsync(User.EmployeeId(), id, Form.ToDraft(), cancellationToken);
        if (result.Succeeded)
        {
            cache.Remove(Pages.IndexModel.TeamsCacheKey);
            TempData["Flash"] = "The team is saved.";
            return RedirectToPage(new { id });
        }

        return await RefusedAsync(id, result.Refusals, keepForm: true, cancellationToken);
    }

    public async Task<IActionResult> OnPostArchiveAsync(int id, CancellationToken cancellationToken)
    {
        var result = await teams.ArchiveAsync(User.EmployeeId(), id, cancellationToken);
        if (result.Succeeded)
        {
            cache.Remove(Pages.IndexModel.TeamsCacheKey);
            TempData["Flash"] = "The team is archived: it has left pickers and filters, and its history stays.";
            return RedirectToPage(new { id });
        }

        return await RefusedAsync(id, result.Refusals, keepForm: false, cancellationToken);
    }

    public async Task<IActionResult> OnPostUnarchiveAsync(int id, CancellationToken cancellationToken)
    {
        var result = await teams.UnarchiveAsync(User.EmployeeId(), id, cancellationToken);
        if (result.Succeeded)
        {
            cache.Remove(Pages.IndexModel.TeamsCacheKey);
            TempData["Flash"] = "The team is back in pickers and filters.";
            return RedirectToPage(new { id });
        }

        return await RefusedAsync(id, result.Refusals, keepForm: false, cancellationToken);
    }

    private async Task<IActionResult> RefusedAsync(int id, IReadOnlyList<Refusal> refusals, bool keepForm, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        if (!keepForm)
        {
            Form = new TeamForm { Name = Team.Name, ParentTeamId = Team.ParentTeamId, ManagerEmail = Team.ManagerEmail };
        }

        TeamForm.AddRefusals(ModelState, refusals, nameof(Form));
        Response.StatusCode = refusals.StatusCode();
        return Page();
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new View(t.Id, t.Name, t.ParentTeamId, t.Manager == null ? null : t.Manager.Email, t.ArchivedAt,
                t.Members.Count(m => m.IsActive), t.Members.Count(m => !m.IsActive)))
            .SingleOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return false;
        }

        Team = team;
        Parents = await TeamForm.ParentChoicesAsync(db, except: id, currentParent: team.ParentTeamId, cancellationToken);
        return true;
    }

    public sealed record View(int Id, string Name, int? ParentTeamId, string? ManagerEmail, DateTime? ArchivedAt, int ActiveMembers, int FormerMembers);
}
