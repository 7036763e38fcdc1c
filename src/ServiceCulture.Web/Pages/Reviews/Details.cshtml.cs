using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Reviews;
using ServiceCulture.Rules;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reviews;

/// <summary>
/// One review: the self-assessment, the manager's assessment beside the evidence panel, feedback
/// from internal customers, sharing and acknowledgement. Anyone who may not open it gets 404; every
/// view and change is audited by the review rules.
/// </summary>
public sealed class DetailsModel(AppDbContext db, ReviewRules rules, ReviewEvidence evidence, TimeProvider clock) : PageModel
{
    [BindProperty] public SelfInput Self { get; set; } = new();
    [BindProperty] public AssessInput Assess { get; set; } = new();
    [BindProperty] public AckInput Ack { get; set; } = new();
    [BindProperty] public ReopenInput Reopen { get; set; } = new();
    [BindProperty] public AskInput Ask { get; set; } = new();

    public ReviewRole Role { get; private set; }
    public View Review { get; private set; } = null!;
    public Evidence Evidence { get; private set; } = null!;
    public FeedbackView Feedback { get; private set; } = null!;
    public IReadOnlyList<(int Id, string Name, string Reason)> Suggestions { get; private set; } = [];
    public IReadOnlyList<(long Id, string Title)> OwnMoments { get; private set; } = [];
    public bool Printing { get; private set; }
    public string? Conflict { get; private set; }
    public IReadOnlyList<string> ConflictChanges { get; private set; } = [];
    public DateOnly Today { get; private set; }

    public bool Can(ReviewAction action) => ReviewRules.Allows(action, Role, Review.State, Review.CycleOpen);

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await ShowAsync(id, "review.viewed", cancellationToken);

    public async Task<IActionResult> OnGetPrintAsync(long id, CancellationToken cancellationToken)
    {
        Printing = true;
        return await ShowAsync(id, "review.printed", cancellationToken);
    }

    public Task<IActionResult> OnPostSelfAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "Self", (review, role) => rules.SelfAssessAsync(review, role, Self.ToDraft(), Self.Version, User.Actor(), cancellationToken),
            "Your self-assessment is saved. Your manager can see it now.", cancellationToken);

    public Task<IActionResult> OnPostAssessAsync(long id, bool share, CancellationToken cancellationToken) =>
        ActAsync(id, "Assess", (review, role) => rules.AssessAsync(review, role, Assess.ToDraft(), share, Assess.Version, User.Actor(), cancellationToken),
            share ? "The review is shared. The employee has been told." : "Draft saved. Only you, your manager and admins can see it until you share it.", cancellationToken);

    public Task<IActionResult> OnPostAcknowledgeAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "Ack", (review, role) => rules.AcknowledgeAsync(review, role, Ack.Comment, Ack.Version, User.Actor(), cancellationToken),
            "Thank you: the review is acknowledged.", cancellationToken);

    public Task<IActionResult> OnPostReopenAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "Reopen", (review, role) => rules.ReopenAsync(review, role, Reopen.Reason, Reopen.Version, User.Actor(), cancellationToken),
            "The review is back in draft. The employee has been told why.", cancellationToken);

    public Task<IActionResult> OnPostAskAsync(long id, CancellationToken cancellationToken) =>
        ActAsync(id, "Ask", (review, role) => rules.RequestFeedbackAsync(review, role, Ask.GiverIds, Ask.DueOn ?? DateOnly.MinValue, User.Actor(), cancellationToken),
            "Feedback requested. Your colleagues have been told through the bell.", cancellationToken);

    public async Task<IActionResult> OnPostRemindAsync(long id, long requestId, CancellationToken cancellationToken)
    {
        var request = await db.FeedbackRequests.SingleOrDefaultAsync(f => f.Id == requestId && f.ReviewId == id, cancellationToken);
        return request is null
            ? NotFound()
            : await ActAsync(id, "", (review, role) => rules.RemindAsync(request, review, role, User.Actor(), cancellationToken), "Reminder sent.", cancellationToken);
    }

    public async Task<IActionResult> OnPostMoveAsync(long id, CancellationToken cancellationToken) =>
        await ActAsync(id, "", (review, _) => rules.MoveToCurrentManagerAsync(review, User.Actor(), cancellationToken), "The review is now with the person's current manager.", cancellationToken);

    private async Task<IActionResult> ShowAsync(long id, string audited, CancellationToken cancellationToken)
    {
        var opened = await rules.OpenAsync(id, User.Actor(), cancellationToken);
        if (opened is not { } found)
        {
            return NotFound();
        }

        await rules.RecordViewAsync(User.EmployeeId(), audited, id, cancellationToken);
        await BuildAsync(found.Review, found.Role, fillForms: true, cancellationToken);
        return Page();
    }

    private async Task<IActionResult> ActAsync(long id, string prefix, Func<Review, ReviewRole, Task<RuleResult>> act, string done, CancellationToken cancellationToken)
    {
        var opened = await rules.OpenAsync(id, User.Actor(), cancellationToken);
        if (opened is not { } found)
        {
            return NotFound();
        }

        var outcome = ModelState.IsValid ? await act(found.Review, found.Role) : RuleResult.Done;
        if (ModelState.IsValid && outcome.Succeeded)
        {
            TempData["Flash"] = done;
            return RedirectToPage("Details", new { id });
        }

        ModelState.AddRefusals(outcome.Refusals, field => prefix + "." + field);

        var conflict = outcome.Refusals.FirstOrDefault(r => r.Kind == RefusalKind.Conflict);
        db.ChangeTracker.Clear();
        var reloaded = (await rules.OpenAsync(id, User.Actor(), cancellationToken))!.Value;
        if (conflict is not null)
        {
            Conflict = conflict.Message;
            ConflictChanges = prefix == "Assess" ? ReviewRules.Differences(reloaded.Review, Assess.ToDraft()) : [];
            // Saving again now is a deliberate choice to keep one's own entries.
            Self.Version = Assess.Version = Ack.Version = Reopen.Version = reloaded.Review.Version;
            foreach (var key in new[] { "Self.Version", "Assess.Version", "Ack.Version", "Reopen.Version" })
            {
                ModelState.Remove(key);
            }
        }

        await BuildAsync(reloaded.Review, reloaded.Role, fillForms: false, cancellationToken);
        Response.StatusCode = outcome.Succeeded ? StatusCodes.Status400BadRequest : outcome.Refusals.StatusCode();
        return Page();
    }

    private async Task BuildAsync(Review review, ReviewRole role, bool fillForms, CancellationToken cancellationToken)
    {
        Role = role;
        var cycle = review.Cycle!;
        var viewer = User.Actor();
        var people = await db.Users.AsNoTracking().Where(u => u.Id == review.EmployeeId || u.Id == review.ManagerId)
            .Select(u => new { u.Id, u.DisplayName, u.JobTitle, u.ManagerId, Team = u.Team == null ? null : u.Team.Name, u.TimeZoneId }).ToListAsync(cancellationToken);
        var employee = people.Single(p => p.Id == review.EmployeeId);
        var manager = people.Single(p => p.Id == review.ManagerId);
        Today = ServiceCulture.People.ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, User.TimeZoneId());
        var managerVisible = role != ReviewRole.Employee || review.State >= ReviewState.Shared;
        var proud = review.ProudMomentId is { } proudId
            ? await db.Moments.AsNoTracking().Where(MomentVisibility.VisibleTo(viewer)).Where(m => m.Id == proudId).Select(m => m.Title).SingleOrDefaultAsync(cancellationToken)
            : null;
        var lastSavedBy = review.LastSavedById is { } by ? await db.Users.Where(u => u.Id == by).Select(u => u.DisplayName).SingleOrDefaultAsync(cancellationToken) : null;
        Review = new View(review.Id, cycle.Id, cycle.Name, cycle.PeriodStart, cycle.PeriodEnd, cycle.SelfAssessmentDue, cycle.ReviewDue, cycle.IsOpen,
            employee.Id, employee.DisplayName, employee.JobTitle, employee.Team, manager.Id, manager.DisplayName, review.State, review.Version,
            employee.ManagerId != review.ManagerId && employee.ManagerId is not null,
            Ratings(review, RatingSource.Self), review.SelfAssessedAt, proud, review.ProudMomentId, review.SelfComment,
            managerVisible ? Ratings(review, RatingSource.Manager) : [], managerVisible ? review.Strengths : null, managerVisible ? review.FocusElement : null,
            managerVisible ? [.. review.FocusActions] : [], managerVisible ? review.RevisitOn : null, managerVisible ? review.Summary : null,
            Can(ReviewAction.SeeManagerNotes, role, review) ? review.ManagerNotes : null,
            review.SharedAt, review.AcknowledgedAt, review.EmployeeComment, review.LastSavedAt, lastSavedBy);
        Evidence = await evidence.ForAsync(cycle, review.EmployeeId, viewer, cancellationToken);
        Feedback = await FeedbackAsync(review, role, cancellationToken);

        if (Can(ReviewAction.AskFeedback))
        {
            var asked = Feedback.Requests.Select(r => r.GiverId).ToHashSet();
            Suggestions = [.. (await rules.SuggestedGiversAsync(review, cancellationToken)).Where(s => !asked.Contains(s.Id)).Take(10)];
        }

        if (Can(ReviewAction.SelfAssess))
        {
            OwnMoments = (await db.Moments.AsNoTracking()
                .Where(m => m.AuthorId == review.EmployeeId && m.DeletedAt == null && m.OccurredOn >= cycle.PeriodStart && m.OccurredOn <= cycle.PeriodEnd)
                .OrderByDescending(m => m.OccurredOn).Take(50).Select(m => new { m.Id, m.Title }).ToListAsync(cancellationToken))
                .Select(m => (m.Id, m.Title)).ToList();
        }

        if (fillForms)
        {
            Self = new SelfInput { Version = review.Version, ProudMomentId = review.ProudMomentId, Comment = review.SelfComment, Ratings = Inputs(review, RatingSource.Self) };
            Assess = new AssessInput
            {
                Version = review.Version,
                Ratings = Inputs(review, RatingSource.Manager),
                Strengths = review.Strengths,
                FocusElement = review.FocusElement,
                Actions = [review.FocusAction1, review.FocusAction2, review.FocusAction3],
                RevisitOn = review.RevisitOn,
                Summary = review.Summary,
                ManagerNotes = review.ManagerNotes,
            };
            Ack = new AckInput { Version = review.Version };
            Reopen = new ReopenInput { Version = review.Version };
            Ask = new AskInput { DueOn = cycle.ReviewDue < Today ? Today.AddDays(7) : cycle.ReviewDue };
        }
        else
        {
            Self.Ratings = Pad(Self.Ratings);
            Assess.Ratings = Pad(Assess.Ratings);
            while (Assess.Actions.Count < ServiceCulture.Reviews.Review.MaxActions)
            {
                Assess.Actions.Add(null);
            }
        }
    }

    private static bool Can(ReviewAction action, ReviewRole role, Review review) => ReviewRules.Allows(action, role, review.State, review.Cycle!.IsOpen);

    private async Task<FeedbackView> FeedbackAsync(Review review, ReviewRole role, CancellationToken cancellationToken)
    {
        var requests = await db.FeedbackRequests.AsNoTracking().Where(f => f.ReviewId == review.Id).OrderBy(f => f.Id)
            .Select(f => new RequestView(f.Id, f.GiverId, f.Giver!.DisplayName, f.DueOn, f.AnsweredAt, f.RemindedAt,
                f.Answers.Select(a => new RatingView(a.Element, a.Rating, a.Comment)).ToList()))
            .ToListAsync(cancellationToken);
        var answered = requests.Where(r => r.AnsweredAt is not null).ToList();
        var aggregate = ServiceElementCatalog.All.Select(e =>
        {
            var ratings = answered.SelectMany(r => r.Answers).Where(a => a.Element == e.Element).Select(a => a.Rating).ToList();
            return new AggregateView(e.Element, ratings.Count, ratings.Count == 0 ? null : ratings.Average());
        }).ToList();
        var names = Can(ReviewAction.SeeFeedbackNames, role, review);
        var showAggregate = names || answered.Count >= FeedbackRequest.MinForAggregate;
        return new FeedbackView(names ? requests : [], requests.Count, answered.Count, showAggregate ? aggregate : []);
    }

    private static IReadOnlyList<RatingView> Ratings(Review review, RatingSource source) =>
        [.. ServiceElementCatalog.All.Select(e => review.Ratings.FirstOrDefault(r => r.Source == source && r.Element == e.Element) is { } r
            ? new RatingView(e.Element, r.Rating, r.Comment) : new RatingView(e.Element, null, null))];

    private static List<RatingInput> Inputs(Review review, RatingSource source) =>
        [.. Ratings(review, source).Select(r => new RatingInput { Element = r.Element, Rating = r.Rating, Comment = r.Comment })];

    private static List<RatingInput> Pad(List<RatingInput> posted) =>
        [.. ServiceElementCatalog.All.Select((e, i) => posted.ElementAtOrDefault(i) is { } p && p.Element == e.Element ? p : new RatingInput { Element = e.Element })];

    public sealed record RatingView(ServiceElements Element, int? Rating, string? Comment);

    public sealed record View(long Id, int CycleId, string Cycle, DateOnly PeriodStart, DateOnly PeriodEnd, DateOnly SelfAssessmentDue, DateOnly ReviewDue, bool CycleOpen,
        int EmployeeId, string Employee, string? JobTitle, string? Team, int ManagerId, string Manager, ReviewState State, int Version, bool ManagerChanged,
        IReadOnlyList<RatingView> SelfRatings, DateTime? SelfAssessedAt, string? ProudMoment, long? ProudMomentId, string? SelfComment,
        IReadOnlyList<RatingView> ManagerRatings, string? Strengths, ServiceElements? FocusElement, IReadOnlyList<string> Actions, DateOnly? RevisitOn, string? Summary,
        string? ManagerNotes, DateTime? SharedAt, DateTime? AcknowledgedAt, string? EmployeeComment, DateTime? LastSavedAt, string? LastSavedBy);

    public sealed record RequestView(long Id, int GiverId, string Giver, DateOnly DueOn, DateTime? AnsweredAt, DateTime? RemindedAt, IReadOnlyList<RatingView> Answers);

    public sealed record AggregateView(ServiceElements Element, int Count, double? Mean);

    /// <summary>Requests with names (empty for the employee), how many were asked and answered, and averages when they may be shown.</summary>
    public sealed record FeedbackView(IReadOnlyList<RequestView> Requests, int Asked, int Answered, IReadOnlyList<AggregateView> Aggregate);

    public sealed class RatingInput
    {
        public ServiceElements Element { get; set; }
        public int? Rating { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class SelfInput
    {
        public int Version { get; set; }
        public List<RatingInput> Ratings { get; set; } = [];
        public long? ProudMomentId { get; set; }
        public string? Comment { get; set; }

        public SelfAssessmentDraft ToDraft() => new()
        {
            Ratings = [.. Ratings.Select(r => new ElementRatingDraft(r.Element, r.Rating, r.Comment))],
            ProudMomentId = ProudMomentId,
            Comment = Comment,
        };
    }

    public sealed class AssessInput
    {
        public int Version { get; set; }
        public List<RatingInput> Ratings { get; set; } = [];
        public string? Strengths { get; set; }
        public ServiceElements? FocusElement { get; set; }
        public List<string?> Actions { get; set; } = [];
        public DateOnly? RevisitOn { get; set; }
        public string? Summary { get; set; }
        public string? ManagerNotes { get; set; }

        public AssessmentDraft ToDraft() => new()
        {
            Ratings = [.. Ratings.Select(r => new ElementRatingDraft(r.Element, r.Rating, r.Comment))],
            Strengths = Strengths,
            FocusElement = FocusElement,
            Actions = Actions,
            RevisitOn = RevisitOn,
            Summary = Summary,
            ManagerNotes = ManagerNotes,
        };
    }

    public sealed class AckInput
    {
        public int Version { get; set; }
        public string? Comment { get; set; }
    }

    public sealed class ReopenInput
    {
        public int Version { get; set; }
        public string? Reason { get; set; }
    }

    public sealed class AskInput
    {
        public List<int> GiverIds { get; set; } = [];
        public DateOnly? DueOn { get; set; }
    }
}
