using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Content;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>One moment with its story, recovery steps, reactions and comments; 404 unless the viewer may see it.</summary>
public sealed class DetailsModel(AppDbContext db, MomentRules rules, MarkdownRenderer markdown, TimeProvider clock) : PageModel
{
    public MomentCard Moment { get; private set; } = null!;
    public string StoryHtml { get; private set; } = "";
    public string? Lesson { get; private set; }
    public IReadOnlyList<StepView> Steps { get; private set; } = [];
    public IReadOnlyList<CommentView> Comments { get; private set; } = [];
    public HiddenView? Hidden { get; private set; }

    /// <summary>What the viewer may do here; every button on the page follows it.</summary>
    public MomentPermissions May { get; private set; } = MomentPermissions.None;
    public long? CaseStudyId { get; private set; }
    public string? RecoveredBy { get; private set; }

    /// <summary>The author's team, when the viewer is the internal customer this moment names and may rate that team's service.</summary>
    public int? RateTeamId { get; private set; }

    [BindProperty]
    [Required(ErrorMessage = "Write a comment first.")]
    [StringLength(MomentComment.BodyMaxLength, ErrorMessage = "Keep comments to {1} characters.")]
    [Display(Name = "Add a comment")]
    public string? CommentBody { get; set; }

    [BindProperty]
    [Display(Name = "Reason for hiding")]
    public string? HideReason { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostReactAsync(long id, string? kind, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        if (!(await rules.PermissionsAsync(viewer, id, cancellationToken)).React)
        {
            return NotFound();
        }

        if (!Enum.TryParse<ReactionKind>(kind, ignoreCase: false, out var reaction) || !Enum.IsDefined(reaction))
        {
            return BadRequest();
        }

        var result = await rules.ReactAsync(id, viewer, reaction, cancellationToken);
        if (!result.Succeeded)
        {
            return StatusCode(result.Refusals.StatusCode());
        }

        if (Request.Headers.ContainsKey("HX-Request"))
        {
            var card = await MomentCard.LoadAsync(db, viewer, id, cancellationToken);
            return Partial("_ReactionBar", card);
        }

        return Redirect($"/Moments/{id}#reactions-{id}");
    }

    public async Task<IActionResult> OnPostCommentAsync(long id, CancellationToken cancellationToken)
    {
        ModelState.Remove(nameof(HideReason));
        if (!ModelState.IsValid)
        {
            return await RefuseAsync(id, null, StatusCodes.Status400BadRequest, cancellationToken);
        }

        var result = await rules.CommentAsync(id, User.Actor(), CommentBody, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusals(result.Refusals, _ => nameof(CommentBody));
            return await RefuseAsync(id, null, result.Refusals.StatusCode(), cancellationToken);
        }

        return Redirect($"/Moments/{id}#comment-{result.Value!.Id}");
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        var moment = await db.Moments.Where(MomentVisibility.VisibleTo(User.Actor())).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (moment is null)
        {
            return NotFound();
        }

        var result = await rules.DeleteAsync(moment, User.Actor(), cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusals(result.Refusals);
            return await RefuseAsync(id, null, result.Refusals.StatusCode(), cancellationToken);
        }

        TempData["Flash"] = "The moment is deleted.";
        return RedirectToPage("Mine");
    }

    public async Task<IActionResult> OnPostHideAsync(long id, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var moment = await db.Moments.Where(MomentVisibility.VisibleTo(viewer)).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (moment is null)
        {
            return NotFound();
        }

        var result = await rules.HideAsync(moment, viewer, HideReason, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusals(result.Refusals, _ => nameof(HideReason));
            return await RefuseAsync(id, null, result.Refusals.StatusCode(), cancellationToken);
        }

        TempData["Flash"] = "The moment is hidden from the feed. Its author can still see it, with your reason.";
        return RedirectToPage("Details", new { id });
    }

    public async Task<IActionResult> OnPostUnhideAsync(long id, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var moment = await db.Moments.Where(MomentVisibility.VisibleTo(viewer)).SingleOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (moment is null)
        {
            return NotFound();
        }

        var result = await rules.UnhideAsync(moment, viewer, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusals(result.Refusals);
            return await RefuseAsync(id, null, result.Refusals.StatusCode(), cancellationToken);
        }

        TempData["Flash"] = "The moment is back in the feed.";
        return RedirectToPage("Details", new { id });
    }

    private async Task<IActionResult> RefuseAsync(long id, string? message, int status, CancellationToken cancellationToken)
    {
        if (message is not null)
        {
            ModelState.AddModelError(string.Empty, message);
        }

        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        Response.StatusCode = status;
        return Page();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var card = await MomentCard.LoadAsync(db, viewer, id, cancellationToken);
        if (card is null)
        {
            return false;
        }

        Moment = card;
        var extra = await db.Moments.AsNoTracking()
            .Where(m => m.Id == id)
            .Select(m => new
            {
                m.Lesson,
                m.HiddenAt,
                m.HiddenReason,
                HiddenBy = db.Users.Where(u => u.Id == m.HiddenById).Select(u => u.DisplayName).FirstOrDefault(),
                m.AuthorTeamId,
                m.CustomerEmployeeId,
                m.CustomerTeamId,
                RecoveredBy = m.RecoveredBy!.DisplayName,
                Steps = m.Steps.OrderBy(s => s.Number).Select(s => new { s.Number, s.Done, s.Note }).ToList(),
                CaseStudyId = db.CaseStudies.Where(c => c.RecoveryMomentId == m.Id).Select(c => (long?)c.Id).FirstOrDefault(),
            })
            .SingleAsync(cancellationToken);

        StoryHtml = markdown.ToHtml(card.Story);
        var namedCustomer = (card.CustomerKind == CustomerKind.Colleague && extra.CustomerEmployeeId == viewer.Id)
            || (card.CustomerKind == CustomerKind.Team && viewer.TeamId is not null && extra.CustomerTeamId == viewer.TeamId);
        RateTeamId = namedCustomer && extra.AuthorTeamId is { } authorTeam && authorTeam != viewer.TeamId ? authorTeam : null;
        Lesson = extra.Lesson;
        RecoveredBy = card.Kind == MomentKind.Recovery ? extra.RecoveredBy : null;
        Steps = [.. extra.Steps.Select(s => new StepView(s.Number, MomentCatalog.RecoverySteps[s.Number - 1].Title, s.Done, s.Note))];
        Hidden = extra.HiddenAt is { } at ? new HiddenView(at, extra.HiddenBy, extra.HiddenReason) : null;
        CaseStudyId = extra.CaseStudyId;
        var facts = await rules.FactsAsync(id, cancellationToken);
        May = facts is null ? MomentPermissions.None : MomentRules.PermissionsFor(viewer, facts, clock.GetUtcNow().UtcDateTime);
        Comments = await db.MomentComments.AsNoTracking()
            .Where(c => c.MomentId == id && c.DeletedAt == null)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new CommentView(c.Id, c.AuthorId, c.Author!.DisplayName, c.Body, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record StepView(int Number, string Title, bool Done, string? Note);

    public sealed record CommentView(long Id, int AuthorId, string AuthorName, string Body, DateTime CreatedAt);

    public sealed record HiddenView(DateTime At, string? By, string? Reason);
}
