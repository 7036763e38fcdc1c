using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>The signed-in person's moments, their open miseries and, for managers, their team's.</summary>
public sealed class MineModel(AppDbContext db) : PageModel
{
    public const int PageSize = 20;

    public IReadOnlyList<MomentCard> OpenMiseries { get; private set; } = [];
    public IReadOnlyList<MomentCard> TeamOpenMiseries { get; private set; } = [];
    public IReadOnlyList<MomentCard> Moments { get; private set; } = [];
    public string? NextBefore { get; private set; }

    public async Task OnGetAsync(string? before, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var mine = db.Moments.AsNoTracking().Where(m => m.AuthorId == viewer.Id && m.DeletedAt == null);

        // Open miseries this person may recover: their own, and as a manager their reports'.
        var recoverable = db.Moments.AsNoTracking().Where(await MomentPermissions.RecoverableByAsync(db, viewer, cancellationToken));
        OpenMiseries = await MomentCard.ListAsync(db, viewer, recoverable.Where(m => m.AuthorId == viewer.Id).OrderBy(m => m.CreatedAt), cancellationToken);
        TeamOpenMiseries = await MomentCard.ListAsync(db, viewer, recoverable.Where(m => m.AuthorId != viewer.Id).OrderBy(m => m.CreatedAt), cancellationToken);

        var page = mine;
        if (PageKey.Parse(before) is { } key)
        {
            var (at, id) = (key.At, key.Id);
            page = page.Where(m => m.CreatedAt < at || (m.CreatedAt == at && m.Id < id));
        }

        var cards = await MomentCard.ListAsync(db, viewer, page.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(PageSize + 1), cancellationToken);
        if (cards.Count > PageSize)
        {
            cards.RemoveAt(PageSize);
            NextBefore = PageKey.After(cards[^1].CreatedAt, cards[^1].Id).ToString();
        }

        Moments = cards;
    }
}
