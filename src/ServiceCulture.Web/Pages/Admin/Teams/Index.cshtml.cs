using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin.Teams;

/// <summary>Every team as a tree by parent, with managers and active member counts; create a team; unarchive one.</summary>
public sealed class IndexModel(AppDbContext db, TeamAdministration teams, IMemoryCache cache) : PageModel
{
    /// <summary>Deeper levels are shown at this indentation, still in tree order.</summary>
    public const int DeepestIndent = 5;

    [BindProperty]
    public TeamForm Form { get; set; } = new();

    public IReadOnlyList<Row> Tree { get; private set; } = [];
    public IReadOnlyList<Row> Archived { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Parents { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var result = await teams.CreateAsync(User.EmployeeId(), Form.ToDraft(), cancellationToken);
        if (result.Succeeded)
        {
            cache.Remove(Pages.IndexModel.TeamsCacheKey);
            TempData["Flash"] = $"The team {result.Value!.Name} is created.";
            return RedirectToPage();
        }

        TeamForm.AddRefusals(ModelState, result.Refusals, nameof(Form));
        Response.StatusCode = result.Refusals.StatusCode();
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostUnarchiveAsync(int id, CancellationToken cancellationToken)
    {
        var result = await teams.UnarchiveAsync(User.EmployeeId(), id, cancellationToken);
        if (result.Succeeded)
        {
            cache.Remove(Pages.IndexModel.TeamsCacheKey);
            TempData["Flash"] = "The team is back in pickers and filters.";
            return RedirectToPage();
        }

        ModelState.AddRefusals(result.Refusals);
        Response.StatusCode = result.Refusals.StatusCode();
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        var all = await db.Teams.AsNoTracking()
            .OrderBy(t => t.Name)
            .Select(t => new Row(
                t.Id, t.Name, t.ParentTeamId, t.ArchivedAt,
                t.Manager == null ? null : t.Manager.DisplayName,
                t.Members.Count(m => m.IsActive),
                0))
            .ToListAsync(cancellationToken);
        var live = all.Where(t => t.ArchivedAt is null).ToList();
        var liveIds = live.Select(t => t.Id).ToHashSet();
        var children = live.ToLookup(t => t.ParentTeamId is { } p && liveIds.Contains(p) ? p : (int?)null);
        var tree = new List<Row>();
        var placed = new HashSet<int>();

        void Place(int? parent, int depth)
        {
            foreach (var team in children[parent])
            {
                if (placed.Add(team.Id))
                {
                    tree.Add(team with { Depth = depth });
                    Place(team.Id, depth + 1);
                }
            }
        }

        Place(null, 0);
        // A loop in stored data (never made by these pages) still shows every team, at the top.
        tree.AddRange(live.Where(t => !placed.Contains(t.Id)));
        Tree = tree;
        Archived = all.Where(t => t.ArchivedAt is not null).ToList();
        Parents = live.Select(t => (t.Id, t.Name)).ToList();
    }

    public sealed record Row(int Id, string Name, int? ParentTeamId, DateTime? ArchivedAt, string? Manager, int ActiveMembers, int Depth)
    {
        public string IndentClass => $"ps-{Math.Min(Depth, DeepestIndent)}";
    }
}
