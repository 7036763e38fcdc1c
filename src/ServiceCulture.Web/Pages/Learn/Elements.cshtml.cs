using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;
using ServiceCulture.Web.Pages.Moments;

namespace ServiceCulture.Web.Pages.Learn;

/// <summary>The six service elements explained, each with the latest public moments that show it.</summary>
public sealed class ElementsModel(AppDbContext db) : PageModel
{
    public const int PerElement = 3;

    public IReadOnlyDictionary<ServiceElements, IReadOnlyList<MomentCard>> Examples { get; private set; } = new Dictionary<ServiceElements, IReadOnlyList<MomentCard>>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var examples = new Dictionary<ServiceElements, IReadOnlyList<MomentCard>>();
        foreach (var element in ServiceElementCatalog.All.Select(e => e.Element))
        {
            examples[element] = await MomentCard.ListAsync(db, viewer, db.Moments.AsNoTracking()
                .Where(m => m.DeletedAt == null && m.HiddenAt == null && m.Visibility == Visibility.Everyone && (m.Elements & element) == element)
                .OrderByDescending(m => m.CreatedAt)
                .Take(PerElement), cancellationToken);
        }

        Examples = examples;
    }
}
