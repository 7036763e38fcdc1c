using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Reporting;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Teams;

/// <summary>Rates the service the viewer's team received from another team this month; a second rating replaces the first.</summary>
public sealed class RateModel(AppDbContext db, RatingRules rules, TimeProvider clock, IMemoryCache cache) : PageModel
{
    [BindProperty]
    public Input Form { get; set; } = new();

    public TeamName Team { get; private set; } = null!;
    public string? MomentTitle { get; private set; }
    public bool Replaces { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, long? moment, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, moment, cancellationToken) is { } missing)
        {
            return missing;
        }

        var month = ReportRange.MonthOf(clock.GetUtcNow().UtcDateTime);
        var me = User.EmployeeId();
        var existing = await db.ServiceRatings.AsNoTracking().SingleOrDefaultAsync(r => r.RaterId == me && r.RatedTeamId == id && r.Month == month, cancellationToken);
        Replaces = existing is not null;
        Form = new Input
        {
            MomentId = moment,
            Scores = [.. ServiceElementCatalog.All.Select(e => existing?.ScoreFor(e.Element))],
            Comment = existing?.Comment,
        };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, Form.MomentId, cancellationToken) is { } missing)
        {
            return missing;
        }

        var scores = new Dictionary<ServiceElements, int>();
        for (var i = 0; i < ServiceElementCatalog.All.Count && i < Form.Scores.Count; i++)
        {
            if (Form.Scores[i] is { } score)
            {
                scores[ServiceElementCatalog.All[i].Element] = score;
            }
        }

        if (ModelState.IsValid)
        {
            var rated = await rules.RateAsync(User.EmployeeId(), User.TeamId(), new RatingDraft(id, scores, Form.Comment, Form.MomentId), cancellationToken);
            if (rated.Succeeded)
            {
                DetailsModel.ForgetRatings(cache, id);
                TempData["Flash"] = $"Thank you: your rating of {Team.Name} for this month is saved. Ratings are shown once three people have rated, and never with your name.";
                return Redirect($"/Teams/{id}");
            }

            ModelState.AddRefusals(rated.Refusals, field => field == "TeamId" ? string.Empty : $"{nameof(Form)}.{field}");
        }

        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, long? momentId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.AsNoTracking().Where(t => t.Id == id).Select(t => new TeamName(t.Id, t.Name)).SingleOrDefaultAsync(cancellationToken);
        if (team is null)
        {
            return NotFound();
        }

        Team = team;
        if (momentId is { } mid)
        {
            MomentTitle = await db.Moments.AsNoTracking().Where(MomentVisibility.VisibleTo(User.Actor()))
                .Where(m => m.Id == mid && m.AuthorTeamId == id).Select(m => m.Title).SingleOrDefaultAsync(cancellationToken);
            if (MomentTitle is null)
            {
                Form.MomentId = null;
            }
        }

        return null;
    }

    public sealed record TeamName(int Id, string Name);

    public sealed class Input
    {
        /// <summary>One score per element, in catalogue order; empty where the element does not apply.</summary>
        public List<int?> Scores { get; set; } = [];

        [StringLength(ServiceRating.CommentMaxLength, ErrorMessage = "Keep the comment under 1000 characters.")]
        [Display(Name = "Comment (optional)")]
        public string? Comment { get; set; }

        public long? MomentId { get; set; }
    }
}
