using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;
using ServiceCulture.Web.Pages.Moments;

namespace ServiceCulture.Web.Pages;

/// <summary>The home feed: moments (and recognitions) newest first, filtered, paged by key.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)]
    public FeedFilter Filter { get; set; } = new();

    public FeedPage Feed { get; private set; } = FeedPage.Empty;
    public string FirstName { get; private set; } = "";
    public int OpenMiseries { get; private set; }
    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    /// <summary>One of the practices the portal keeps in view, a different one each day.</summary>
    public (ServiceElementInfo Element, string Text) Practice
    {
        get
        {
            var practices = ServiceElementCatalog.All.SelectMany(e => e.Practices.Select(p => (e, p))).ToList();
            return practices[clock.GetUtcNow().DayOfYear % practices.Count];
        }
    }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var viewer = User.Viewer();
        FirstName = User.DisplayName().Split(' ')[0];
        Feed = await LoadAsync(viewer, cancellationToken);
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name)
            .Select(t => new SelectListItem(t.Name, t.Id.ToString(CultureInfo.InvariantCulture)))
            .ToListAsync(cancellationToken);
        OpenMiseries = await db.Moments.CountAsync(m => m.AuthorId == viewer.Id && m.Kind == MomentKind.Misery && m.RecoveryId == null && m.DeletedAt == null, cancellationToken);
    }

    /// <summary>The next page for "Load more".</summary>
    public async Task<IActionResult> OnGetMoreAsync(CancellationToken cancellationToken)
    {
        Feed = await LoadAsync(User.Viewer(), cancellationToken);
        return Partial("_FeedPage", this);
    }

    private async Task<FeedPage> LoadAsync(Viewer viewer, CancellationToken cancellationToken)
    {
        var query = db.Moments.AsNoTracking().Where(MomentVisibility.ListedFor(viewer));
        if (Filter.KindValue is { } kind)
        {
            query = query.Where(m => m.Kind == kind);
        }

        if (Filter.ElementValue is { } element)
        {
            query = query.Where(m => (m.Elements & element) == element);
        }

        if (Filter.Team is { } teamId)
        {
            query = query.Where(m => m.AuthorTeamId == teamId);
        }

        if (Filter.Customer == "internal")
        {
            query = query.Where(m => m.CustomerKind != CustomerKind.External);
        }
        else if (Filter.Customer == "external")
        {
            query = query.Where(m => m.CustomerKind == CustomerKind.External);
        }

        if (Filter.BeforeTime is { } before)
        {
            query = query.Where(m => m.CreatedAt < before);
        }

        var cards = await query
            .OrderByDescending(m => m.CreatedAt)
            .ThenByDescending(m => m.Id)
            .Take(PageSize + 1)
            .Select(MomentCard.Projection(db, viewer))
            .ToListAsync(cancellationToken);
        var more = cards.Count > PageSize;
        if (more)
        {
            cards.RemoveAt(PageSize);
        }

        return new FeedPage(cards, more ? cards[^1].CreatedAt.Ticks : null);
    }

    public string MoreUrl(long before) => Url.Page("/Index", "More", Filter.ToRouteValues(before))!;

    public string PageUrl(long before) => Url.Page("/Index", null, Filter.ToRouteValues(before))!;

    public sealed record FeedPage(IReadOnlyList<MomentCard> Moments, long? NextBefore)
    {
        public static readonly FeedPage Empty = new([], null);
    }

    /// <summary>The feed's filters, from the query string; unknown values are ignored.</summary>
    public sealed class FeedFilter
    {
        public string? Kind { get; set; }
        public string? Element { get; set; }
        public int? Team { get; set; }
        public string? Customer { get; set; }
        public long? Before { get; set; }

        public MomentKind? KindValue => Enum.TryParse<MomentKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
        public ServiceElements? ElementValue => ServiceElementCatalog.FromSlug(Element)?.Element;
        public DateTime? BeforeTime => Before is > 0 and < 3155378975999999999 ? new DateTime(Before.Value, DateTimeKind.Utc) : null;
        public bool Any => KindValue is not null || ElementValue is not null || Team is not null || Customer is "internal" or "external";

        public Dictionary<string, object?> ToRouteValues(long? before) => new()
        {
            ["kind"] = KindValue?.ToString().ToLowerInvariant(),
            ["element"] = ElementValue is null ? null : Element,
            ["team"] = Team,
            ["customer"] = Customer is "internal" or "external" ? Customer : null,
            ["before"] = before,
        };
    }
}
