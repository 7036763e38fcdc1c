using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;
using ServiceCulture.Web.Pages.Moments;

namespace ServiceCulture.Web.Pages.People;

/// <summary>A colleague's profile: who they are and the moments the viewer may see.</summary>
public sealed class DetailsModel(AppDbContext db) : PageModel
{
    private const int RecentCount = 10;

    public Profile Person { get; private set; } = null!;
    public IReadOnlyList<MomentCard> RecentMoments { get; private set; } = [];
    public bool IsMe { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var person = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new Profile(u.Id, u.DisplayName, u.JobTitle, u.TeamId, u.Team!.Name, u.ManagerId, u.Manager!.DisplayName, u.IsActive, u.JoinedAt))
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return NotFound();
        }

        Person = person;
        var viewer = User.Viewer();
        IsMe = viewer.Id == id;
        RecentMoments = await db.Moments.AsNoTracking()
            .Where(MomentVisibility.ListedFor(viewer))
            .Where(m => m.AuthorId == id)
            .OrderByDescending(m => m.CreatedAt)
            .Take(RecentCount)
            .Select(MomentCard.Projection(db, viewer))
            .ToListAsync(cancellationToken);
        return Page();
    }

    public sealed record Profile(int Id, string Name, string? JobTitle, int? TeamId, string? TeamName, int? ManagerId, string? ManagerName, bool IsActive, DateTime JoinedAt);
}
