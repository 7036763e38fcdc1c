using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Reviews;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reviews;

/// <summary>A colleague's answer form for feedback on someone they were served by; nobody else may open it.</summary>
public sealed class FeedbackModel(AppDbContext db, ReviewRules rules, TimeProvider clock) : PageModel
{
    [BindProperty] public Input Form { get; set; } = new();

    public string Employee { get; private set; } = "";
    public string Cycle { get; private set; } = "";
    public DateOnly DueOn { get; private set; }
    public DateTime? AnsweredAt { get; private set; }
    public bool Closed { get; private set; }
    public IReadOnlyList<DetailsModel.RatingView> Answers { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        await rules.RecordViewAsync(User.EmployeeId(), "review.feedback-form-viewed", request.ReviewId, cancellationToken);
        Form = new Input { Ratings = [.. ServiceElementCatalog.All.Select(e => new DetailsModel.RatingInput { Element = e.Element })] };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var request = await LoadAsync(id, cancellationToken);
        if (request is null)
        {
            return NotFound();
        }

        if (ModelState.IsValid)
        {
            var answers = Form.Ratings.Select(a => new ElementRatingDraft(a.Element, a.Rating, a.Comment)).ToList();
            var outcome = await rules.AnswerFeedbackAsync(request, answers, User.Actor(), cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = $"Thank you. Your answer helps {Employee} and their manager see how their service lands.";
                return RedirectToPage("Feedback", new { id });
            }

            ModelState.AddRefusals(outcome.Refusals, field => "Form." + field);
            Response.StatusCode = outcome.Refusals.StatusCode();
        }
        else
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        Form.Ratings = [.. ServiceElementCatalog.All.Select((e, i) => Form.Ratings.ElementAtOrDefault(i) is { } a && a.Element == e.Element ? a : new DetailsModel.RatingInput { Element = e.Element })];
        return Page();
    }

    private async Task<FeedbackRequest?> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var request = await db.FeedbackRequests.Include(f => f.Answers).SingleOrDefaultAsync(f => f.Id == id && f.GiverId == me, cancellationToken);
        if (request is null)
        {
            return null;
        }

        var about = await db.Reviews.AsNoTracking().Where(r => r.Id == request.ReviewId).Select(r => new { r.Employee!.DisplayName, Cycle = r.Cycle!.Name }).SingleAsync(cancellationToken);
        Employee = about.DisplayName;
        Cycle = about.Cycle;
        DueOn = request.DueOn;
        AnsweredAt = request.AnsweredAt;
        Closed = ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, User.TimeZoneId()) > request.DueOn;
        Answers = [.. request.Answers.Select(a => new DetailsModel.RatingView(a.Element, a.Rating, a.Comment))];
        return request;
    }

    public sealed class Input
    {
        public List<DetailsModel.RatingInput> Ratings { get; set; } = [];
    }
}
