using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Reporting;
using ServiceCulture.Web.Identity;
using ServiceCulture.Web.Pages.Moments;
using ServiceCulture.Web.Pages.Recognition;

namespace ServiceCulture.Web.Pages.Teams;

/// <summary>
/// A team: its manager and people, recent public moments and recognitions, and how other teams rated
/// its service per month, shown only for months with enough different raters. Raters are named to
/// admins only.
/// </summary>
public sealed class DetailsModel(AppDbContext db, TimeProvider clock, IMemoryCache cache) : PageModel
{
    private const int RecentCount = 8;
    private const int CommentCount = 10;

    /// <summary>How far back the newest recognitions are looked for, a wider window only when the narrower holds too few.</summary>
    private static readonly int?[] RecentWindowsDays = [7, 60, null];

    public TeamView Team { get; private set; } = null!;
    public IReadOnlyList<MemberView> Members { get; private set; } = [];
    public IReadOnlyList<SubTeamView> SubTeams { get; private set; } = [];
    public IReadOnlyList<MomentCard> RecentMoments { get; private set; } = [];
    public IReadOnlyList<RecognitionCard> RecentRecognitions { get; private set; } = [];
    public IReadOnlyList<MonthRating> Ratings { get; private set; } = [];
    public IReadOnlyList<CommentView> Comments { get; private set; } = [];
    public bool CanRate { get; private set; }
    public bool ShowRaters { get; private set; }
    public bool CanSeeReport { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == id)
            .Select(t => new TeamView(t.Id, t.Name, t.Description, t.ManagerId, t.Manager!.DisplayName, t.Manager.JobTitle, t.ParentTeamId, t.ParentTeam!.Name))
            .SingleOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        Team = team;
        var viewer = User.Actor();
        CanRate = viewer.TeamId != id;
        ShowRaters = viewer.IsAdmin;
        CanSeeReport = viewer.IsAdmin || team.ManagerId == viewer.Id
            || (team.ManagerId is { } managerId && await db.Users.AnyAsync(u => u.Id == managerId && u.ManagerId == viewer.Id, cancellationToken));

        Members = await db.Users.AsNoTracking().Where(u => u.TeamId == id && u.IsActive)
            .OrderBy(u => u.DisplayName).Select(u => new MemberView(u.Id, u.DisplayName, u.JobTitle)).ToListAsync(cancellationToken);
        SubTeams = await db.Teams.AsNoTracking().Where(t => t.ParentTeamId == id).OrderBy(t => t.Name)
            .Select(t => new SubTeamView(t.Id, t.Name)).ToListAsync(cancellationToken);

        RecentMoments = await MomentCard.ListAsync(db, viewer, db.Moments.AsNoTracking()
            .Where(MomentVisibility.ListedFor(viewer))
            .Where(m => m.AuthorTeamId == id)
            .OrderByDescending(m => m.CreatedAt)
            .Take(RecentCount), cancellationToken);

        List<long> recentIds = [];
        foreach (var days in RecentWindowsDays)
        {
            recentIds = await NewestReceivedAsync(id, days is { } d ? clock.GetUtcNow().UtcDateTime.AddDays(-d) : null, cancellationToken);
            if (recentIds.Count == RecentCount)
            {
                break;
            }
        }

        var recent = await db.Recognitions.AsNoTracking().Where(r => recentIds.Contains(r.Id))
            .Select(RecognitionCard.Projection).ToListAsync(cancellationToken);
        RecentRecognitions = [.. (await RecognitionCard.CompleteAsync(db, viewer, recent, cancellationToken)).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)];

        await LoadRatingsAsync(id, cancellationToken);
        return Page();
    }

    /// <summary>How long a team's ratings are kept on a node: a rating saved on another node shows within this.</summary>
    public static readonly TimeSpan RatingsLifetime = TimeSpan.FromMinutes(1);

    /// <summary>Forgets the team's kept ratings on this node, when a rating of it is saved here.</summary>
    public static void ForgetRatings(IMemoryCache cache, int teamId)
    {
        cache.Remove(new RatingsKey(teamId, WithRaters: false));
        cache.Remove(new RatingsKey(teamId, WithRaters: true));
    }

    /// <summary>
    /// The months' ratings and the comments shown, kept for <see cref="RatingsLifetime"/>: they
    /// change only when someone rates the team, and reading them visits a row of the table for
    /// every rating of the last year (524 for a team at scale M, two statements).
    /// </summary>
    private async Task LoadRatingsAsync(int id, CancellationToken cancellationToken)
    {
        var key = new RatingsKey(id, ShowRaters);
        if (!KeptOnNode.TryGet(cache, key, clock, out KeptRatings? kept))
        {
            await ReadRatingsAsync(id, cancellationToken);
            KeptOnNode.Keep(cache, key, new KeptRatings(Ratings, Comments), clock, RatingsLifetime);
            return;
        }

        Ratings = kept.Ratings;
        Comments = kept.Comments;
    }

    /// <summary>
    /// The newest recognitions the team's people received (once each, however many of them it
    /// thanks), read from each person's own index of what they received, since an instant
    /// (<see cref="RecentWindowsDays"/>): an active team's page reads only its last week's rows, a
    /// quieter team's its last two months' or, when they hold too few, its whole history.
    /// </summary>
    private async Task<List<long>> NewestReceivedAsync(int teamId, DateTime? since, CancellationToken cancellationToken)
    {
        var received = db.RecognitionRecipients.Where(x => x.Recipient!.TeamId == teamId && x.DeletedAt == null);
        if (since is { } from)
        {
            received = received.Where(x => x.CreatedAt >= from);
        }

        return await received
            .GroupBy(x => x.RecognitionId)
            .Select(g => new { Id = g.Key, CreatedAt = g.Max(x => x.CreatedAt) })
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id)
            .Take(RecentCount)
            .Select(r => r.Id)
            .ToListAsync(cancellationToken);
    }

    private async Task ReadRatingsAsync(int id, CancellationToken cancellationToken)
    {
        var thisMonth = ReportRange.MonthOf(clock.GetUtcNow().UtcDateTime);
        var since = thisMonth.AddMonths(-11);
        var rows = await db.ServiceRatings.AsNoTracking().Where(r => r.RatedTeamId == id && r.Month >= since)
            .GroupBy(r => r.Month)
            .Select(g => new
            {
                Month = g.Key,
                Raters = g.Select(r => r.RaterId).Distinct().Count(),
                Sum = g.Sum(r => (r.Focus ?? 0) + (r.Defined ?? 0) + (r.GivenLife ?? 0) + (r.ProblemSolving ?? 0) + (r.Measured ?? 0) + (r.Reinforced ?? 0)),
                Scores = g.Sum(r => (r.Focus != null ? 1 : 0) + (r.Defined != null ? 1 : 0) + (r.GivenLife != null ? 1 : 0)
                    + (r.ProblemSolving != null ? 1 : 0) + (r.Measured != null ? 1 : 0) + (r.Reinforced != null ? 1 : 0)),
            })
            .ToListAsync(cancellationToken);
        Ratings = [.. rows.OrderByDescending(r => r.Month).Select(r => r.Raters >= FigureCatalog.RaterThreshold && r.Scores > 0
            ? new MonthRating(r.Month, r.Raters, Math.Round((double)r.Sum / r.Scores, 2))
            : new MonthRating(r.Month, r.Raters, null))];

        // Comments only from months that reached the threshold, so a lone rater cannot be singled out.
        var shownMonths = Ratings.Where(r => r.Average is not null).Select(r => r.Month).ToList();
        Comments = await db.ServiceRatings.AsNoTracking()
            .Where(r => r.RatedTeamId == id && shownMonths.Contains(r.Month) && r.Comment != null)
            .OrderByDescending(r => r.RatedAt)
            .Take(CommentCount)
            .Select(r => new CommentView(r.Month, r.Comment!, ShowRaters ? r.Rater!.DisplayName : null))
            .ToListAsync(cancellationToken);
    }

    private sealed record RatingsKey(int TeamId, bool WithRaters);

    private sealed record KeptRatings(IReadOnlyList<MonthRating> Ratings, IReadOnlyList<CommentView> Comments);

    public sealed record TeamView(int Id, string Name, string? Description, int? ManagerId, string? ManagerName, string? ManagerTitle, int? ParentId, string? ParentName);

    public sealed record MemberView(int Id, string Name, string? JobTitle);

    public sealed record SubTeamView(int Id, string Name);

    /// <summary>A month's internal satisfaction; <see cref="Average"/> is empty below the rater threshold.</summary>
    public sealed record MonthRating(DateOnly Month, int Raters, double? Average);

    /// <summary>A rating's comment; the rater only for admins.</summary>
    public sealed record CommentView(DateOnly Month, string Text, string? Rater);
}
