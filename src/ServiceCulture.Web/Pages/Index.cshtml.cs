using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Recognitions;
using ServiceCulture.Web.Identity;
using ServiceCulture.Web.Pages.Moments;
using ServiceCulture.Web.Pages.Recognition;

namespace ServiceCulture.Web.Pages;

/// <summary>The home feed: moments (and recognitions) newest first, filtered, paged by key.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock, IMemoryCache cache, StreakRules streaks, RecognitionRules recognitions) : PageModel
{
    public const int PageSize = 20;

    /// <summary>The cached team filter; the teams admin page forgets it on this node when a team changes.</summary>
    public const string TeamsCacheKey = "feed:teams";

    [BindProperty(SupportsGet = true)]
    public FeedFilter Filter { get; set; } = new();

    public FeedPage Feed { get; private set; } = FeedPage.Empty;
    public string FirstName { get; private set; } = "";
    public int OpenMiseries { get; private set; }
    public IReadOnlyList<SelectListItem> Teams { get; private set; } = [];

    /// <summary>The newest nudge of the last week the person has not dismissed.</summary>
    public NudgeCard? Nudge { get; private set; }

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
        var viewer = User.Actor();
        FirstName = User.DisplayName().Split(' ')[0];
        Feed = await LoadAsync(viewer, cancellationToken);
        var weekAgo = clock.GetUtcNow().UtcDateTime.AddDays(-7);
        Nudge = await db.Nudges.AsNoTracking().Where(n => n.EmployeeId == viewer.Id && n.DismissedAt == null && n.CreatedAt >= weekAgo)
            .OrderByDescending(n => n.Id).Select(n => new NudgeCard(n.Id, n.Text, n.Tip, n.Link, n.LinkLabel)).FirstOrDefaultAsync(cancellationToken);
        // Teams change rarely; the filter list is kept for a few minutes.
        Teams = await cache.GetOrCreateAsync(TeamsCacheKey, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(5);
            return (IReadOnlyList<SelectListItem>)await db.Teams.AsNoTracking().Where(t => t.ArchivedAt == null).OrderBy(t => t.Name)
                .Select(t => new SelectListItem(t.Name, t.Id.ToString(CultureInfo.InvariantCulture)))
                .ToListAsync(cancellationToken);
        }) ?? [];
    }

    /// <summary>Dismisses one of the person's own nudges from the feed; someone else's answers 404.</summary>
    public async Task<IActionResult> OnPostDismissNudgeAsync(long id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var now = clock.GetUtcNow().UtcDateTime;
        var dismissed = await db.Nudges.Where(n => n.Id == id && n.EmployeeId == me)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.DismissedAt, now), cancellationToken);
        return dismissed == 0 ? NotFound() : RedirectToPage();
    }

    public sealed record NudgeCard(long Id, string Text, string Tip, string Link, string LinkLabel);

    /// <summary>The sidebar's summary of the person's own progress, loaded after the page.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var points = await db.PointsTotals.Where(t => t.EmployeeId == me).Select(t => (int?)t.Points).SingleOrDefaultAsync(cancellationToken) ?? 0;
        var streak = await streaks.ForAsync(me, User.TimeZoneId(), cancellationToken);
        var allowance = await recognitions.AllowanceAsync(me, User.TimeZoneId(), cancellationToken);
        var badges = await db.BadgeAwards.CountAsync(b => b.EmployeeId == me, cancellationToken);
        return Partial("_Progress", new Progress(me, points, GamificationCatalog.LevelFor(points), GamificationCatalog.NextLevel(points), streak, allowance.Left, badges));
    }

    public sealed record Progress(int EmployeeId, int Points, LevelInfo Level, LevelInfo? Next, StreakStatus Streak, int AllowanceLeft, int Badges);

    /// <summary>The sidebar's count of open miseries, loaded after the page.</summary>
    public async Task<IActionResult> OnGetOpenMiseriesAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        OpenMiseries = await db.Moments.CountAsync(m => m.AuthorId == me && m.Kind == MomentKind.Misery && m.RecoveryId == null && m.DeletedAt == null, cancellationToken);
        return Partial("_OpenMiseries", OpenMiseries);
    }

    /// <summary>The next page for "Load more".</summary>
    public async Task<IActionResult> OnGetMoreAsync(CancellationToken cancellationToken)
    {
        Feed = await LoadAsync(User.Actor(), cancellationToken);
        return Partial("_FeedPage", this);
    }

    private async Task<FeedPage> LoadAsync(Actor viewer, CancellationToken cancellationToken)
    {
        var moments = Filter.RecognitionsOnly ? [] : await LoadMomentsAsync(viewer, cancellationToken);
        var recognitions = Filter.IncludesRecognitions ? await LoadRecognitionsAsync(viewer, cancellationToken) : [];
        var items = moments.Select(m => new FeedItem(m.CreatedAt, m, null))
            .Concat(recognitions.Select(r => new FeedItem(r.CreatedAt, null, r)))
            .OrderByDescending(i => i.CreatedAt)
            .ThenBy(i => i.Recognition is not null)
            .ThenByDescending(i => i.Id)
            .ToList();
        var more = items.Count > PageSize;
        if (more)
        {
            items.RemoveRange(PageSize, items.Count - PageSize);
        }

        return new FeedPage(items, more ? FeedKey.Of(items[^1]).ToString() : null);
    }

    private async Task<List<MomentCard>> LoadMomentsAsync(Actor viewer, CancellationToken cancellationToken)
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

        if (Filter.BeforeKey is { } key)
        {
            var (at, id) = (key.Key.At, key.Key.Id);
            // Moments of the same instant come before its recognitions, so after a recognition none are left.
            query = key.IsRecognition
                ? query.Where(m => m.CreatedAt < at)
                : query.Where(m => m.CreatedAt < at || (m.CreatedAt == at && m.Id < id));
        }

        return await MomentCard.ListAsync(db, viewer, query.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(PageSize + 1), cancellationToken);
    }

    private async Task<List<RecognitionCard>> LoadRecognitionsAsync(Actor viewer, CancellationToken cancellationToken)
    {
        var query = db.Recognitions.AsNoTracking().Where(r => r.DeletedAt == null);
        if (Filter.ElementValue is { } element)
        {
            query = query.Where(r => (r.Elements & element) == element);
        }

        if (Filter.Team is { } teamId)
        {
            query = query.Where(r => r.Giver!.TeamId == teamId);
        }

        if (Filter.BeforeKey is { } key)
        {
            var (at, id) = (key.Key.At, key.Key.Id);
            query = key.IsRecognition
                ? query.Where(r => r.CreatedAt < at || (r.CreatedAt == at && r.Id < id))
                : query.Where(r => r.CreatedAt <= at);
        }

        var cards = await query
            .OrderByDescending(r => r.CreatedAt)
            .ThenByDescending(r => r.Id)
            .Take(PageSize + 1)
            .Select(RecognitionCard.Projection)
            .ToListAsync(cancellationToken);
        return await RecognitionCard.CompleteAsync(db, viewer, cards, cancellationToken);
    }

    public string MoreUrl(string before) => Url.Page("/Index", "More", Filter.ToRouteValues(before))!;

    public string PageUrl(string before) => Url.Page("/Index", null, Filter.ToRouteValues(before))!;

    public sealed record FeedPage(IReadOnlyList<FeedItem> Items, string? NextBefore)
    {
        public static readonly FeedPage Empty = new([], null);
    }

    /// <summary>One entry of the feed: a moment or a recognition.</summary>
    public sealed record FeedItem(DateTime CreatedAt, MomentCard? Moment, RecognitionCard? Recognition)
    {
        public long Id => Moment?.Id ?? Recognition!.Id;
    }

    /// <summary>
    /// Where the feed resumes. Items are ordered by time, then moments before recognitions, then by
    /// id, so items sharing a time on a page edge are neither dropped nor repeated. Written "ticks_id_m" or "ticks_id_r".
    /// </summary>
    public readonly record struct FeedKey(PageKey Key, bool IsRecognition)
    {
        public static FeedKey Of(FeedItem item) => new(PageKey.After(item.CreatedAt, item.Id), item.Recognition is not null);

        public static FeedKey? Parse(string? value)
        {
            var cut = value?.LastIndexOf('_') ?? -1;
            if (cut < 0 || value![(cut + 1)..] is not ("m" or "r") || PageKey.Parse(value[..cut]) is not { } key)
            {
                return null;
            }

            return new FeedKey(key, value[(cut + 1)..] == "r");
        }

        public override string ToString() => $"{Key}_{(IsRecognition ? "r" : "m")}";
    }

    /// <summary>The feed's filters, from the query string; unknown values are ignored.</summary>
    public sealed class FeedFilter
    {
        public string? Kind { get; set; }
        public string? Element { get; set; }
        public int? Team { get; set; }
        public string? Customer { get; set; }
        public string? Before { get; set; }

        public MomentKind? KindValue => Enum.TryParse<MomentKind>(Kind, ignoreCase: true, out var k) && Enum.IsDefined(k) ? k : null;
        public bool RecognitionsOnly => string.Equals(Kind, "recognition", StringComparison.OrdinalIgnoreCase);
        public bool IncludesRecognitions => RecognitionsOnly || (KindValue is null && Customer != "external");
        public ServiceElements? ElementValue => ServiceElementCatalog.FromSlug(Element)?.Element;
        public FeedKey? BeforeKey => FeedKey.Parse(Before);
        public bool Any => KindValue is not null || RecognitionsOnly || ElementValue is not null || Team is not null || Customer is "internal" or "external";

        public Dictionary<string, object?> ToRouteValues(string? before) => new()
        {
            ["kind"] = RecognitionsOnly ? "recognition" : KindValue?.ToString().ToLowerInvariant(),
            ["element"] = ElementValue is null ? null : Element,
            ["team"] = Team,
            ["customer"] = Customer is "internal" or "external" ? Customer : null,
            ["before"] = before,
        };
    }
}
