using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
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
public sealed class DetailsModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private const int RecentCount = 8;
    private const int CommentCount = 10;

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

        var recentIds = await (
                from x in db.RecognitionRecipients
                join r in db.Recognitions on x.RecognitionId equals r.Id
                join u in db.Users on x.RecipientId equals u.Id
                where u.TeamId == id && r.DeletedAt == null
                orderby r.CreatedAt descending
                select r.Id)
            .Distinct().Take(RecentCount).ToListAsync(cancellationToken);
        var recent = await db.Recognitions.AsNoTracking().Where(r => recentIds.Contains(r.Id))
            .Select(RecognitionCard.Projection(db, viewer)).ToListAsync(cancellationToken);
        RecentRecognitions = [.. (await RecognitionCard.WithRecipientsAsync(db, recent, cancellationToken)).OrderByDescending(r => r.CreatedAt)];

        await LoadRatingsAsync(id, cancellationToken);
        return Page();
    }

    private async Task LoadRatingsAsync(int id, CancellationToken cancellationToken)
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

    public sealed record TeamView(int Id, string Name, string? Description, int? ManagerId, string? ManagerName, string? ManagerTitle, int? ParentId, string? ParentName);

    public sealed record MemberView(int Id, string Name, string? JobTitle);

    public sealed record SubTeamView(int Id, string Name);

    /// <summary>A month's internal satisfaction; <see cref="Average"/> is empty below the rater threshold.</summary>
    public sealed record MonthRating(DateOnly Month, int Raters, double? Average);

    /// <summary>A rating's comment; the rater only for admins.</summary>
    public sealed record CommentView(DateOnly Month, string Text, string? Rater);
}
