using System.Globalization;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.People;
using ServiceCulture.Rules;

namespace ServiceCulture.Reviews;

/// <summary>
/// The rules of reviews in one place: who may open a review and what they may do in which state
/// (<see cref="Allows"/>), the state machine (not started → self-assessed → draft → shared →
/// acknowledged, with a logged reopen), cycles, feedback from internal customers, and the audit
/// trail of every view and change. Saves are guarded by the review's version: a save that started
/// from an older version is refused with what changed, never written over. Each event that tells
/// someone (opened, shared, reopened, acknowledged, feedback asked or reminded) has one method
/// below that rings the bell and queues its email in the same unit of work as the change.
/// </summary>
public sealed class ReviewRules(AppDbContext db, AuditLog audit, NotificationCenter notifications, Outbox outbox, IPortalLinks links, GamificationEvents gamification, TimeProvider clock)
{
    public const string Subject = nameof(Review);
    public const int ReopenReasonMinLength = 5;

    /// <summary>Which states each action may start from, and who may take it. The single source of both.</summary>
    private static readonly Dictionary<ReviewAction, (ReviewRole[] Roles, ReviewState[] From)> Transitions = new()
    {
        [ReviewAction.View] = ([ReviewRole.Employee, ReviewRole.Manager, ReviewRole.ManagersManager, ReviewRole.Admin], Enum.GetValues<ReviewState>()),
        [ReviewAction.SelfAssess] = ([ReviewRole.Employee], [ReviewState.NotStarted, ReviewState.SelfAssessed, ReviewState.Draft]),
        [ReviewAction.Assess] = ([ReviewRole.Manager], [ReviewState.NotStarted, ReviewState.SelfAssessed, ReviewState.Draft]),
        [ReviewAction.Share] = ([ReviewRole.Manager], [ReviewState.NotStarted, ReviewState.SelfAssessed, ReviewState.Draft]),
        [ReviewAction.Reopen] = ([ReviewRole.Manager], [ReviewState.Shared]),
        [ReviewAction.Acknowledge] = ([ReviewRole.Employee], [ReviewState.Shared]),
        [ReviewAction.AskFeedback] = ([ReviewRole.Employee, ReviewRole.Manager], [ReviewState.NotStarted, ReviewState.SelfAssessed, ReviewState.Draft]),
        [ReviewAction.SeeManagerNotes] = ([ReviewRole.Manager, ReviewRole.ManagersManager, ReviewRole.Admin], Enum.GetValues<ReviewState>()),
        [ReviewAction.SeeFeedbackNames] = ([ReviewRole.Manager, ReviewRole.ManagersManager, ReviewRole.Admin], Enum.GetValues<ReviewState>()),
    };

    private static readonly Dictionary<ReviewAction, string> Refusals = new()
    {
        [ReviewAction.SelfAssess] = "The self-assessment can be changed by the employee until the review is shared.",
        [ReviewAction.Assess] = "Only the reviewing manager can change the assessment, and only until it is shared. Reopen it to change it.",
        [ReviewAction.Share] = "Only the reviewing manager can share a review that is not shared yet.",
        [ReviewAction.Reopen] = "Only the reviewing manager can reopen a shared review that has not been acknowledged.",
        [ReviewAction.Acknowledge] = "Only the employee can acknowledge a review, once it has been shared with them.",
        [ReviewAction.AskFeedback] = "Feedback can be asked for by the employee or their manager until the review is shared.",
    };

    /// <summary>How a person stands to a review. The employee is always the employee, even when an admin.</summary>
    public static ReviewRole RoleOf(Actor viewer, int employeeId, int managerId, int? managersManagerId) =>
        viewer.Id == employeeId ? ReviewRole.Employee
        : viewer.Id == managerId ? ReviewRole.Manager
        : managersManagerId is { } above && viewer.Id == above ? ReviewRole.ManagersManager
        : viewer.IsAdmin ? ReviewRole.Admin
        : ReviewRole.None;

    /// <summary>Whether someone in this role may take this action in this state of a cycle open or closed.</summary>
    public static bool Allows(ReviewAction action, ReviewRole role, ReviewState state, bool cycleOpen)
    {
        var (roles, from) = Transitions[action];
        var changes = action is not (ReviewAction.View or ReviewAction.SeeManagerNotes or ReviewAction.SeeFeedbackNames);
        return role != ReviewRole.None && roles.Contains(role) && from.Contains(state) && (cycleOpen || !changes);
    }

    /// <summary>Reviews a person may open: their own, their people's, their managers' people's; admins all.</summary>
    public static Expression<Func<Review, bool>> VisibleTo(Actor viewer)
    {
        var id = viewer.Id;
        if (viewer.IsAdmin)
        {
            return r => true;
        }

        return r => r.EmployeeId == id || r.ManagerId == id || r.Manager!.ManagerId == id;
    }

    /// <summary>Loads a review for someone, or null when they may not see it (the page answers 404).</summary>
    public async Task<(Review Review, ReviewRole Role)?> OpenAsync(long id, Actor viewer, CancellationToken cancellationToken)
    {
        var review = await db.Reviews.Include(r => r.Cycle).Include(r => r.Ratings).SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (review is null)
        {
            return null;
        }

        var above = await db.Users.Where(u => u.Id == review.ManagerId).Select(u => u.ManagerId).SingleOrDefaultAsync(cancellationToken);
        var role = RoleOf(viewer, review.EmployeeId, review.ManagerId, above);
        return role == ReviewRole.None ? null : (review, role);
    }

    /// <summary>Writes a view of a review (or of a cycle's export) to the audit log.</summary>
    public async Task RecordViewAsync(int actorId, string what, object subjectId, CancellationToken cancellationToken)
    {
        audit.Record(actorId, what, what.StartsWith("review-cycle", StringComparison.Ordinal) ? nameof(ReviewCycle) : Subject, subjectId);
        await db.SaveChangesAsync(cancellationToken);
    }

    // ---- cycles ----

    /// <summary>Teams a person may open a cycle for: every team for admins, their own for managers.</summary>
    public IQueryable<Team> TeamsFor(Actor viewer) =>
        viewer.IsAdmin ? db.Teams : db.Teams.Where(t => t.ManagerId == viewer.Id);

    /// <summary>Creates and opens a cycle: one review per active person in its teams, by their current manager.</summary>
    public async Task<RuleResult<ReviewCycle>> OpenCycleAsync(CycleDraft draft, Actor actor, CancellationToken cancellationToken)
    {
        var problems = new List<Refusal>();
        var name = draft.Name.Trim();
        if (name.Length == 0)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.Name), "Give the cycle a name, for example “Autumn 2026”."));
        }
        else if (name.Length > ReviewCycle.NameMaxLength)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.Name), $"Keep the name to {ReviewCycle.NameMaxLength} characters."));
        }

        if (draft.PeriodEnd < draft.PeriodStart)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.PeriodEnd), "The period ends before it starts."));
        }
        else if (draft.PeriodEnd.DayNumber - draft.PeriodStart.DayNumber > 400)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.PeriodEnd), "A cycle covers at most about a year."));
        }

        if (draft.SelfAssessmentDue < draft.PeriodStart)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.SelfAssessmentDue), "The self-assessment is due after the period has started."));
        }

        if (draft.ReviewDue < draft.SelfAssessmentDue)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.ReviewDue), "The review is due on or after the self-assessment deadline."));
        }

        var teamIds = draft.TeamIds.Distinct().ToList();
        var allowed = await TeamsFor(actor).Where(t => teamIds.Contains(t.Id)).Select(t => t.Id).ToListAsync(cancellationToken);
        if (teamIds.Count == 0)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.TeamIds), "Choose at least one team."));
        }
        else if (allowed.Count != teamIds.Count)
        {
            problems.Add(Refusal.Invalid(nameof(CycleDraft.TeamIds), actor.IsAdmin ? "One of those teams does not exist." : "Managers open cycles for their own team only."));
        }

        if (problems.Count > 0)
        {
            return RuleResult<ReviewCycle>.Refused(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var cycle = new ReviewCycle
        {
            Name = name,
            PeriodStart = draft.PeriodStart,
            PeriodEnd = draft.PeriodEnd,
            SelfAssessmentDue = draft.SelfAssessmentDue,
            ReviewDue = draft.ReviewDue,
            CreatedById = actor.Id,
            CreatedAt = now,
            Teams = [.. teamIds.Select(t => new ReviewCycleTeam { TeamId = t })],
        };
        var people = await db.Users.Where(u => u.IsActive && u.TeamId != null && teamIds.Contains(u.TeamId.Value) && u.ManagerId != null)
            .Select(u => new { u.Id, u.TeamId, ManagerId = u.ManagerId!.Value }).ToListAsync(cancellationToken);
        cycle.Reviews = [.. people.Select(p => new Review { EmployeeId = p.Id, ManagerId = p.ManagerId, TeamId = p.TeamId, State = ReviewState.NotStarted })];

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.ReviewCycles.Add(cycle);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(actor.Id, "review-cycle.opened", nameof(ReviewCycle), cycle.Id, $"{cycle.Name}: {cycle.Reviews.Count} reviews");
        foreach (var review in cycle.Reviews)
        {
            CycleOpened(cycle, review);
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RuleResult<ReviewCycle>.Done(cycle);
    }

    /// <summary>Whether someone manages a cycle's people: admins, and managers of one of its teams.</summary>
    public async Task<bool> RunsCycleAsync(ReviewCycle cycle, Actor actor, CancellationToken cancellationToken) =>
        actor.IsAdmin || await db.ReviewCycleTeams.AnyAsync(t => t.CycleId == cycle.Id && t.Team!.ManagerId == actor.Id, cancellationToken);

    /// <summary>Adds someone who joined one of the cycle's teams after it opened.</summary>
    public async Task<RuleResult> AddPersonAsync(ReviewCycle cycle, int employeeId, Actor actor, CancellationToken cancellationToken)
    {
        if (!cycle.IsOpen || !await RunsCycleAsync(cycle, actor, cancellationToken))
        {
            return RuleResult.Refused(Refusal.NotAllowed("Only an admin or a manager of the cycle's teams can add people, while it is open."));
        }

        var teams = db.ReviewCycleTeams.Where(t => t.CycleId == cycle.Id).Select(t => (int?)t.TeamId);
        var person = await db.Users.Where(u => u.Id == employeeId && u.IsActive && u.ManagerId != null && teams.Contains(u.TeamId))
            .Select(u => new { u.Id, u.TeamId, u.ManagerId, u.DisplayName }).SingleOrDefaultAsync(cancellationToken);
        if (person is null)
        {
            return RuleResult.Refused(Refusal.Invalid("EmployeeId", "That person is not an active member of one of this cycle's teams."));
        }

        if (await db.Reviews.AnyAsync(r => r.CycleId == cycle.Id && r.EmployeeId == employeeId, cancellationToken))
        {
            return RuleResult.Refused(Refusal.Invalid("EmployeeId", $"{person.DisplayName} already has a review in this cycle."));
        }

        var review = new Review { CycleId = cycle.Id, EmployeeId = person.Id, ManagerId = person.ManagerId!.Value, TeamId = person.TeamId };
        db.Reviews.Add(review);
        await db.SaveChangesAsync(cancellationToken);
        audit.Record(actor.Id, "review.person-added", Subject, review.Id, $"{person.DisplayName} added to {cycle.Name}");
        CycleOpened(cycle, review);
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>Moves a review to the person's current manager, after a change of team or manager.</summary>
    public async Task<RuleResult> MoveToCurrentManagerAsync(Review review, Actor actor, CancellationToken cancellationToken)
    {
        var cycle = review.Cycle ?? await db.ReviewCycles.SingleAsync(c => c.Id == review.CycleId, cancellationToken);
        if (!cycle.IsOpen || !await RunsCycleAsync(cycle, actor, cancellationToken) || review.State == ReviewState.Acknowledged)
        {
            return RuleResult.Refused(Refusal.NotAllowed("Only an admin or a manager of the cycle's teams can move a review that is not acknowledged, while the cycle is open."));
        }

        var person = await db.Users.Where(u => u.Id == review.EmployeeId).Select(u => new { u.ManagerId, u.TeamId, u.DisplayName }).SingleAsync(cancellationToken);
        if (person.ManagerId is not { } manager || manager == review.ManagerId)
        {
            return RuleResult.Refused(Refusal.Invalid(null, $"{person.DisplayName}'s review is already with their current manager."));
        }

        var from = review.ManagerId;
        review.ManagerId = manager;
        review.TeamId = person.TeamId;
        audit.Record(actor.Id, "review.moved", Subject, review.Id, $"{person.DisplayName}: manager {from} → {manager}");
        return await SaveAsync(review, review.Version, actor.Id, [], cancellationToken);
    }

    public async Task<RuleResult> CloseCycleAsync(ReviewCycle cycle, Actor actor, CancellationToken cancellationToken)
    {
        if (!cycle.IsOpen || !await RunsCycleAsync(cycle, actor, cancellationToken))
        {
            return RuleResult.Refused(Refusal.NotAllowed("Only an admin or a manager of the cycle's teams can close an open cycle."));
        }

        cycle.ClosedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(actor.Id, "review-cycle.closed", nameof(ReviewCycle), cycle.Id, cycle.Name);
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    // ---- the review itself ----

    /// <summary>The employee's self-assessment: all six ratings, optional comments, and a moment they are proud of.</summary>
    public async Task<RuleResult> SelfAssessAsync(Review review, ReviewRole role, SelfAssessmentDraft draft, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        if (Refuse(ReviewAction.SelfAssess, review, role) is { } refused)
        {
            return refused;
        }

        var today = await TodayForAsync(actor.Id, cancellationToken);
        if (today > review.Cycle!.SelfAssessmentDue)
        {
            return RuleResult.Refused(Refusal.NotAllowed($"The self-assessment closed on {review.Cycle.SelfAssessmentDue.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}."));
        }

        var problems = ValidateRatings(draft.Ratings, requireAll: true);
        Length(problems, nameof(SelfAssessmentDraft.Comment), draft.Comment);
        if (draft.ProudMomentId is { } momentId)
        {
            var cycle = review.Cycle;
            var own = await db.Moments.AnyAsync(m => m.Id == momentId && m.AuthorId == review.EmployeeId && m.DeletedAt == null
                && m.OccurredOn >= cycle.PeriodStart && m.OccurredOn <= cycle.PeriodEnd, cancellationToken);
            if (!own)
            {
                problems.Add(Refusal.Invalid(nameof(SelfAssessmentDraft.ProudMomentId), "Pick one of your own moments from this period, or none."));
            }
        }

        if (problems.Count > 0)
        {
            return RuleResult.Refused(problems);
        }

        Apply(review, RatingSource.Self, draft.Ratings);
        review.ProudMomentId = draft.ProudMomentId;
        review.SelfComment = Clean(draft.Comment);
        review.SelfAssessedAt = clock.GetUtcNow().UtcDateTime;
        if (review.State == ReviewState.NotStarted)
        {
            review.State = ReviewState.SelfAssessed;
        }

        return await SaveAsync(review, expectedVersion, actor.Id, ["review.self-assessed"], cancellationToken);
    }

    /// <summary>The manager's assessment, saved as a draft or shared with the employee in one step.</summary>
    public async Task<RuleResult> AssessAsync(Review review, ReviewRole role, AssessmentDraft draft, bool share, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        if (Refuse(share ? ReviewAction.Share : ReviewAction.Assess, review, role) is { } refused)
        {
            return refused;
        }

        var problems = ValidateRatings(draft.Ratings, requireAll: share);
        Length(problems, nameof(AssessmentDraft.Strengths), draft.Strengths);
        Length(problems, nameof(AssessmentDraft.Summary), draft.Summary);
        Length(problems, nameof(AssessmentDraft.ManagerNotes), draft.ManagerNotes);
        if (draft.FocusElement is { } focus && (!ServiceElementCatalog.IsValid(focus) || ServiceElementCatalog.In(focus).Count() != 1))
        {
            problems.Add(Refusal.Invalid(nameof(AssessmentDraft.FocusElement), "Choose one of the six elements to focus on."));
        }

        var actions = draft.Actions.Select(Clean).ToList();
        if (actions.Count > Review.MaxActions)
        {
            problems.Add(Refusal.Invalid(nameof(AssessmentDraft.Actions), $"Up to {Review.MaxActions} actions, so each one gets done."));
        }

        for (var i = 0; i < actions.Count && i < Review.MaxActions; i++)
        {
            if (actions[i] is { Length: > Review.ActionMaxLength })
            {
                problems.Add(Refusal.Invalid($"{nameof(AssessmentDraft.Actions)}[{i}]", $"Keep each action to {Review.ActionMaxLength} characters."));
            }
        }

        var today = await TodayForAsync(actor.Id, cancellationToken);
        if (draft.RevisitOn is { } revisit && (revisit < today || revisit > today.AddYears(2)))
        {
            problems.Add(Refusal.Invalid(nameof(AssessmentDraft.RevisitOn), "Choose a date to revisit the actions between today and two years from now."));
        }

        if (share)
        {
            if (string.IsNullOrWhiteSpace(draft.Summary))
            {
                problems.Add(Refusal.Invalid(nameof(AssessmentDraft.Summary), "Write the overall summary before sharing the review."));
            }

            if (draft.FocusElement is null)
            {
                problems.Add(Refusal.Invalid(nameof(AssessmentDraft.FocusElement), "Choose the element to focus on before sharing the review."));
            }
            else if (actions.All(string.IsNullOrEmpty))
            {
                problems.Add(Refusal.Invalid($"{nameof(AssessmentDraft.Actions)}[0]", "Give at least one concrete action for the focus element before sharing."));
            }
        }

        if (problems.Count > 0)
        {
            return RuleResult.Refused(problems);
        }

        Apply(review, RatingSource.Manager, draft.Ratings);
        review.Strengths = Clean(draft.Strengths);
        review.FocusElement = draft.FocusElement;
        var kept = actions.Where(a => a is not null).Take(Review.MaxActions).ToList();
        review.FocusAction1 = kept.ElementAtOrDefault(0);
        review.FocusAction2 = kept.ElementAtOrDefault(1);
        review.FocusAction3 = kept.ElementAtOrDefault(2);
        review.RevisitOn = draft.RevisitOn;
        review.Summary = Clean(draft.Summary);
        review.ManagerNotes = Clean(draft.ManagerNotes);
        if (share)
        {
            review.State = ReviewState.Shared;
            review.SharedAt = clock.GetUtcNow().UtcDateTime;
            Shared(review);
        }
        else
        {
            review.State = ReviewState.Draft;
        }

        return await SaveAsync(review, expectedVersion, actor.Id, share ? ["review.saved", "review.shared"] : ["review.saved"], cancellationToken);
    }

    /// <summary>Takes a shared review back to draft, with a reason the employee is told.</summary>
    public async Task<RuleResult> ReopenAsync(Review review, ReviewRole role, string? reason, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        if (Refuse(ReviewAction.Reopen, review, role) is { } refused)
        {
            return refused;
        }

        reason = Clean(reason);
        if (reason is null || reason.Length < ReopenReasonMinLength)
        {
            return RuleResult.Refused(Refusal.Invalid("Reason", "Say why the review is reopened (at least 5 characters); the employee will see it."));
        }

        if (reason.Length > Review.ActionMaxLength)
        {
            return RuleResult.Refused(Refusal.Invalid("Reason", $"Keep the reason to {Review.ActionMaxLength} characters."));
        }

        review.State = ReviewState.Draft;
        review.SharedAt = null;
        Reopened(review, reason);
        audit.Record(actor.Id, "review.reopened", Subject, review.Id, reason);
        return await SaveAsync(review, expectedVersion, actor.Id, [], cancellationToken);
    }

    /// <summary>The employee acknowledges a shared review, optionally with a comment; earns the badge.</summary>
    public async Task<RuleResult> AcknowledgeAsync(Review review, ReviewRole role, string? comment, int expectedVersion, Actor actor, CancellationToken cancellationToken)
    {
        if (Refuse(ReviewAction.Acknowledge, review, role) is { } refused)
        {
            return refused;
        }

        var problems = new List<Refusal>();
        Length(problems, "Comment", comment);
        if (problems.Count > 0)
        {
            return RuleResult.Refused(problems);
        }

        review.State = ReviewState.Acknowledged;
        review.AcknowledgedAt = clock.GetUtcNow().UtcDateTime;
        review.EmployeeComment = Clean(comment);
        Acknowledged(review, await NameAsync(review.EmployeeId, cancellationToken));
        var outcome = await SaveAsync(review, expectedVersion, actor.Id, ["review.acknowledged"], cancellationToken);
        if (outcome.Succeeded)
        {
            // Saved: the badge follows even if the client has gone.
            await gamification.AfterActivityAsync(review.EmployeeId, Activity.ReviewAcknowledged, CancellationToken.None);
        }

        return outcome;
    }

    // ---- feedback from internal customers ----

    /// <summary>Colleagues the person served in the period: customers named in their moments (or those teams' managers) and those who recognised them.</summary>
    public async Task<IReadOnlyList<(int Id, string Name, string Reason)>> SuggestedGiversAsync(Review review, CancellationToken cancellationToken)
    {
        var cycle = review.Cycle ?? await db.ReviewCycles.SingleAsync(c => c.Id == review.CycleId, cancellationToken);
        var from = cycle.PeriodStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var to = cycle.PeriodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        var moments = db.Moments.Where(m => m.AuthorId == review.EmployeeId && m.DeletedAt == null && m.OccurredOn >= cycle.PeriodStart && m.OccurredOn <= cycle.PeriodEnd);
        var served = await moments.Where(m => m.CustomerEmployeeId != null).Select(m => m.CustomerEmployeeId!.Value).ToListAsync(cancellationToken);
        var teamManagers = await moments.Where(m => m.CustomerTeamId != null && m.CustomerTeam!.ManagerId != null).Select(m => m.CustomerTeam!.ManagerId!.Value).ToListAsync(cancellationToken);
        // From the person's received rows (their own index, by time) to each recognition by key.
        var recognisers = await db.RecognitionRecipients.Where(r => r.RecipientId == review.EmployeeId && r.CreatedAt >= from && r.CreatedAt < to)
            .Join(db.Recognitions.Where(g => g.DeletedAt == null), r => r.RecognitionId, g => g.Id, (_, g) => g.GiverId)
            .ToListAsync(cancellationToken);
        var reasons = new Dictionary<int, string>();
        foreach (var id in served)
        {
            reasons.TryAdd(id, "named as the customer in a moment");
        }

        foreach (var id in teamManagers)
        {
            reasons.TryAdd(id, "manages a team named as the customer");
        }

        foreach (var id in recognisers)
        {
            reasons.TryAdd(id, "recognised them");
        }

        reasons.Remove(review.EmployeeId);
        reasons.Remove(review.ManagerId);
        var ids = reasons.Keys.ToList();
        var names = await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken);
        var counts = served.Concat(teamManagers).Concat(recognisers).GroupBy(i => i).ToDictionary(g => g.Key, g => g.Count());
        return [.. names.OrderByDescending(n => counts[n.Id]).ThenBy(n => n.DisplayName).Select(n => (n.Id, n.DisplayName, reasons[n.Id]))];
    }

    /// <summary>Asks up to five colleagues (in all) for feedback on the employee, answered by a date.</summary>
    public async Task<RuleResult> RequestFeedbackAsync(Review review, ReviewRole role, IReadOnlyList<int> giverIds, DateOnly dueOn, Actor actor, CancellationToken cancellationToken)
    {
        if (Refuse(ReviewAction.AskFeedback, review, role) is { } refused)
        {
            return refused;
        }

        const string field = "GiverIds";
        var wanted = giverIds.Distinct().ToList();
        var asked = await db.FeedbackRequests.Where(f => f.ReviewId == review.Id).Select(f => f.GiverId).ToListAsync(cancellationToken);
        if (wanted.Count == 0)
        {
            return RuleResult.Refused(Refusal.Invalid(field, "Choose at least one colleague to ask."));
        }

        if (wanted.Contains(review.EmployeeId) || wanted.Contains(review.ManagerId))
        {
            return RuleResult.Refused(Refusal.Invalid(field, "Ask colleagues the employee served, not the employee or the reviewing manager."));
        }

        if (wanted.FirstOrDefault(asked.Contains) is var again && again != 0)
        {
            return RuleResult.Refused(Refusal.Invalid(field, "One of those colleagues has already been asked."));
        }

        if (asked.Count + wanted.Count > FeedbackRequest.MaxPerReview)
        {
            return RuleResult.Refused(Refusal.Invalid(field, $"Ask up to {FeedbackRequest.MaxPerReview} colleagues per review; {asked.Count} already asked."));
        }

        var givers = await db.Users.Where(u => wanted.Contains(u.Id) && u.IsActive).Select(u => u.Id).ToListAsync(cancellationToken);
        if (givers.Count != wanted.Count)
        {
            return RuleResult.Refused(Refusal.Invalid(field, "One of those colleagues is not in the portal. Pick colleagues from the list."));
        }

        var today = await TodayForAsync(actor.Id, cancellationToken);
        if (dueOn < today || dueOn > today.AddDays(90))
        {
            return RuleResult.Refused(Refusal.Invalid("DueOn", "Give colleagues a date from today to 90 days ahead to answer by."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var requests = wanted.Select(g => new FeedbackRequest { ReviewId = review.Id, GiverId = g, RequestedById = actor.Id, RequestedAt = now, DueOn = dueOn }).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.FeedbackRequests.AddRange(requests);
        await db.SaveChangesAsync(cancellationToken);
        var employee = await NameAsync(review.EmployeeId, cancellationToken);
        foreach (var request in requests)
        {
            FeedbackRequested(request, employee);
            audit.Record(actor.Id, "review.feedback-requested", Subject, review.Id, $"request {request.Id} to {request.GiverId}");
        }

        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>Reminds a colleague who has not answered yet; at most once a day.</summary>
    public async Task<RuleResult> RemindAsync(FeedbackRequest request, Review review, ReviewRole role, Actor actor, CancellationToken cancellationToken)
    {
        if (Refuse(ReviewAction.AskFeedback, review, role) is { } refused)
        {
            return refused;
        }

        if (request.AnsweredAt is not null)
        {
            return RuleResult.Refused(Refusal.Conflict("They have already answered."));
        }

        var today = await TodayForAsync(request.GiverId, cancellationToken);
        if (today > request.DueOn)
        {
            return RuleResult.Refused(Refusal.NotAllowed("The date to answer by has passed; ask someone else instead."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        if (request.RemindedAt is { } last && now - last < TimeSpan.FromDays(1))
        {
            return RuleResult.Refused(Refusal.NotAllowed("They were reminded less than a day ago."));
        }

        request.RemindedAt = now;
        FeedbackReminded(request, await NameAsync(review.EmployeeId, cancellationToken), today);
        audit.Record(actor.Id, "review.feedback-reminded", Subject, review.Id, $"request {request.Id}");
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>A feedback giver answers, once, by the date; ratings per element they saw (at least one).</summary>
    public async Task<RuleResult> AnswerFeedbackAsync(FeedbackRequest request, IReadOnlyList<ElementRatingDraft> answers, Actor actor, CancellationToken cancellationToken)
    {
        if (request.GiverId != actor.Id)
        {
            return RuleResult.Refused(Refusal.NotAllowed("Only the colleague who was asked can answer."));
        }

        if (request.AnsweredAt is not null)
        {
            return RuleResult.Refused(Refusal.Conflict("You have already answered this request. Thank you!"));
        }

        var today = await TodayForAsync(actor.Id, cancellationToken);
        if (today > request.DueOn)
        {
            return RuleResult.Refused(Refusal.NotAllowed($"Answers were taken until {request.DueOn.ToString("d MMMM yyyy", CultureInfo.InvariantCulture)}."));
        }

        var problems = ValidateRatings(answers, requireAll: false);
        if (problems.Count == 0 && answers.All(a => a.Rating is null))
        {
            problems.Add(Refusal.Invalid("Ratings[0].Rating", "Rate at least one element you saw."));
        }

        if (problems.Count > 0)
        {
            return RuleResult.Refused(problems);
        }

        request.AnsweredAt = clock.GetUtcNow().UtcDateTime;
        request.Answers = [.. answers.Where(a => a.Rating is not null).Select(a => new FeedbackAnswer { Element = a.Element, Rating = a.Rating!.Value, Comment = Clean(a.Comment) })];
        audit.Record(actor.Id, "review.feedback-answered", Subject, request.ReviewId, $"request {request.Id}");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // The same answer sent twice at once: the first one counts.
            db.ChangeTracker.Clear();
            return RuleResult.Refused(Refusal.Conflict("You have already answered this request. Thank you!"));
        }

        return RuleResult.Done;
    }

    /// <summary>Fields that differ between what someone entered and the review as saved now.</summary>
    public static IReadOnlyList<string> Differences(Review saved, AssessmentDraft mine)
    {
        var changed = new List<string>();
        foreach (var info in ServiceElementCatalog.All)
        {
            var theirs = saved.Ratings.FirstOrDefault(r => r.Source == RatingSource.Manager && r.Element == info.Element);
            var ours = mine.Ratings.FirstOrDefault(r => r.Element == info.Element);
            if (theirs?.Rating != ours?.Rating || (theirs?.Comment ?? "") != (Clean(ours?.Comment) ?? ""))
            {
                changed.Add($"{info.Name} rating or comment (saved: {theirs?.Rating.ToString(CultureInfo.InvariantCulture) ?? "none"})");
            }
        }

        void Compare(string label, string? theirs, string? ours)
        {
            if ((theirs ?? "") != (Clean(ours) ?? ""))
            {
                changed.Add(label);
            }
        }

        Compare("Strengths", saved.Strengths, mine.Strengths);
        Compare("Focus element", saved.FocusElement?.ToString(), mine.FocusElement?.ToString());
        Compare("Actions", string.Join("|", saved.FocusActions), string.Join("|", mine.Actions.Select(Clean).Where(a => a is not null)));
        Compare("Revisit date", saved.RevisitOn?.ToString("O"), mine.RevisitOn?.ToString("O"));
        Compare("Summary", saved.Summary, mine.Summary);
        Compare("Private notes", saved.ManagerNotes, mine.ManagerNotes);
        return changed;
    }

    // ---- the events that tell people: the bell and an email, in the same unit of work as the change ----

    private void CycleOpened(ReviewCycle cycle, Review review)
    {
        var due = Day(cycle.SelfAssessmentDue);
        var text = $"Your review “{cycle.Name}” is open. Add your self-assessment by {due}.";
        notifications.Queue(review.EmployeeId, NotificationKind.ReviewShared, text, review.Id, $"review-opened:{review.Id}");
        outbox.Enqueue(review.EmployeeId, EmailKind.SelfAssessmentRequested, $"review:{review.Id}:opened", new EmailContent
        {
            Subject = $"Your review “{cycle.Name}” is open: self-assessment due {due}",
            Preheader = text,
            Heading = "Your review is open",
            Paragraphs =
            [
                text,
                "Rate yourself on the six service elements, add a comment where it helps, and pick one moment you are proud of.",
            ],
            Action = new EmailLink("Write your self-assessment", ReviewLink(review.Id, review.EmployeeId)),
            Tip = "Read your own moments of the period before you rate: evidence beats memory, for you and your manager.",
        });
    }

    private void Shared(Review review)
    {
        var round = review.Version + 1;
        var cycle = review.Cycle?.Name ?? "your review";
        notifications.Queue(review.EmployeeId, NotificationKind.ReviewShared,
            "Your manager shared your review with you. Read it and acknowledge it.", review.Id, $"review-shared:{review.Id}:{round}");
        outbox.Enqueue(review.EmployeeId, EmailKind.ReviewShared, $"review:{review.Id}:shared:{round}", new EmailContent
        {
            Subject = $"Your manager shared your review “{cycle}”",
            Preheader = "Read it, then acknowledge it, with a comment if you like.",
            Heading = "Your review is shared",
            Paragraphs =
            [
                $"Your manager shared your review “{cycle}” with you: their ratings on the six service elements, a summary, and the element to focus on next with concrete actions.",
                "Read it, then acknowledge it. Your comment, if you add one, stays with the review.",
            ],
            Action = new EmailLink("Read your review", ReviewLink(review.Id, review.EmployeeId)),
            Tip = "Pick the first action you will take this week and put a date on it.",
        });
    }

    private void Reopened(Review review, string reason)
    {
        var round = review.Version + 1;
        notifications.Queue(review.EmployeeId, NotificationKind.ReviewReopened,
            $"Your manager reopened your review: {reason}", review.Id, $"review-reopened:{review.Id}:{round}");
        outbox.Enqueue(review.EmployeeId, EmailKind.ReviewReopened, $"review:{review.Id}:reopened:{round}", new EmailContent
        {
            Subject = "Your manager reopened your review",
            Preheader = reason,
            Heading = "Your review was reopened",
            Paragraphs = ["Your manager took your review back to change it, and said why:", reason, "You will get an email when it is shared again."],
            Action = new EmailLink("Open your review", ReviewLink(review.Id, review.EmployeeId)),
        });
    }

    private void Acknowledged(Review review, string employee)
    {
        notifications.Queue(review.ManagerId, NotificationKind.ReviewAcknowledged,
            "A review you shared has been acknowledged.", review.Id, $"review-acknowledged:{review.Id}");
        outbox.Enqueue(review.ManagerId, EmailKind.ReviewAcknowledged, $"review:{review.Id}:acknowledged", new EmailContent
        {
            Subject = $"{employee} acknowledged their review",
            Preheader = review.EmployeeComment ?? "The review you shared has been read and acknowledged.",
            Heading = "Review acknowledged",
            Paragraphs = review.EmployeeComment is { } comment
                ? [$"{employee} read and acknowledged the review you shared. Their comment:", comment]
                : [$"{employee} read and acknowledged the review you shared."],
            Action = new EmailLink("Open the review", ReviewLink(review.Id, review.ManagerId)),
            Tip = "Put the revisit date in both your calendars now; actions nobody comes back to fade.",
        });
    }

    private void FeedbackRequested(FeedbackRequest request, string employee)
    {
        var due = Day(request.DueOn);
        var text = $"You were asked how {employee} served you. Answer by {due}.";
        notifications.Queue(request.GiverId, NotificationKind.FeedbackRequested, text, request.Id, $"feedback-requested:{request.Id}");
        outbox.Enqueue(request.GiverId, EmailKind.FeedbackRequested, $"feedback:{request.Id}:requested", FeedbackEmail(request, employee,
            $"How did {employee} serve you? Answer by {due}", text));
    }

    private void FeedbackReminded(FeedbackRequest request, string employee, DateOnly today)
    {
        var day = today.ToString("O", CultureInfo.InvariantCulture);
        var text = $"Reminder: how did {employee} serve you? Answers are taken until {Day(request.DueOn)}.";
        notifications.Queue(request.GiverId, NotificationKind.FeedbackReminder, text, request.Id, $"feedback-reminder:{request.Id}:{day}");
        outbox.Enqueue(request.GiverId, EmailKind.FeedbackReminder, $"feedback:{request.Id}:reminder:{day}", FeedbackEmail(request, employee,
            $"Reminder: how did {employee} serve you?", text));
    }

    private EmailContent FeedbackEmail(FeedbackRequest request, string employee, string subject, string text) => new()
    {
        Subject = subject,
        Preheader = text,
        Heading = $"How did {employee} serve you?",
        Paragraphs =
        [
            text,
            $"You are one of the colleagues {employee} served as an internal customer. Rate only the service elements you saw; a comment on what they did helps most. It takes a few minutes.",
        ],
        Action = new EmailLink("Give your feedback", links.ForNotification(NotificationKind.FeedbackRequested, request.Id, request.GiverId)),
        Tip = "Name one thing they did and what it changed for you: specific feedback is the kind people act on.",
    };

    private string ReviewLink(long reviewId, int recipientId) => links.ForNotification(NotificationKind.ReviewShared, reviewId, recipientId);

    private static string Day(DateOnly day) => day.ToString("d MMMM", CultureInfo.InvariantCulture);

    // ---- helpers ----

    private static RuleResult? Refuse(ReviewAction action, Review review, ReviewRole role) =>
        Allows(action, role, review.State, review.Cycle?.IsOpen ?? true)
            ? null
            : RuleResult.Refused(Refusal.NotAllowed(review.Cycle?.IsOpen == false ? "This cycle is closed; its reviews can be read, not changed." : Refusals[action]));

    private static List<Refusal> ValidateRatings(IReadOnlyList<ElementRatingDraft> ratings, bool requireAll)
    {
        var problems = new List<Refusal>();
        if (ratings.Select(r => r.Element).Distinct().Count() != ratings.Count || ratings.Any(r => ServiceElementCatalog.All.All(e => e.Element != r.Element)))
        {
            problems.Add(Refusal.Invalid("Ratings", "Rate each of the six service elements once."));
            return problems;
        }

        for (var i = 0; i < ServiceElementCatalog.All.Count; i++)
        {
            var info = ServiceElementCatalog.All[i];
            var rating = ratings.FirstOrDefault(r => r.Element == info.Element);
            if (rating?.Rating is { } value && value is < 1 or > 5)
            {
                problems.Add(Refusal.Invalid($"Ratings[{i}].Rating", $"Rate {info.Name} from 1 to 5."));
            }
            else if (requireAll && rating?.Rating is null)
            {
                problems.Add(Refusal.Invalid($"Ratings[{i}].Rating", $"Rate {info.Name} from 1 to 5."));
            }

            if (rating?.Comment is { Length: > Review.TextMaxLength })
            {
                problems.Add(Refusal.Invalid($"Ratings[{i}].Comment", $"Keep the comment to {Review.TextMaxLength:N0} characters; it has {rating.Comment.Length:N0}."));
            }
        }

        return problems;
    }

    private static void Length(List<Refusal> problems, string field, string? text)
    {
        if (text is { Length: > Review.TextMaxLength })
        {
            problems.Add(Refusal.Invalid(field, $"Keep this to {Review.TextMaxLength:N0} characters; it has {text.Length:N0}."));
        }
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    private static void Apply(Review review, RatingSource source, IReadOnlyList<ElementRatingDraft> ratings)
    {
        foreach (var draft in ratings)
        {
            var row = review.Ratings.FirstOrDefault(r => r.Source == source && r.Element == draft.Element);
            if (draft.Rating is not { } value)
            {
                if (row is not null)
                {
                    review.Ratings.Remove(row);
                }

                continue;
            }

            if (row is null)
            {
                row = new ReviewRating { ReviewId = review.Id, Source = source, Element = draft.Element };
                review.Ratings.Add(row);
            }

            row.Rating = value;
            row.Comment = Clean(draft.Comment);
        }
    }

    /// <summary>Saves the review if nobody saved it since <paramref name="expectedVersion"/>; audits what changed.</summary>
    private async Task<RuleResult> SaveAsync(Review review, int expectedVersion, int actorId, string[] actions, CancellationToken cancellationToken)
    {
        if (review.Version != expectedVersion)
        {
            var conflict = await ConflictAsync(review.Id, review.Version, cancellationToken);
            db.ChangeTracker.Clear();
            return conflict;
        }

        db.ChangeTracker.DetectChanges();
        var changed = Changed(review);
        db.Entry(review).Property(r => r.Version).OriginalValue = expectedVersion;
        review.Version = expectedVersion + 1;
        review.LastSavedAt = clock.GetUtcNow().UtcDateTime;
        review.LastSavedById = actorId;
        foreach (var action in actions)
        {
            audit.Record(actorId, action, Subject, review.Id, $"Version {review.Version}: {(changed.Count == 0 ? "no field changed" : string.Join(", ", changed))}");
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return RuleResult.Done;
        }
        catch (DbUpdateException)
        {
            // A concurrent save either failed the version check or inserted the same rating rows first.
            db.ChangeTracker.Clear();
            var current = await db.Reviews.AsNoTracking().Where(r => r.Id == review.Id).Select(r => r.Version).SingleAsync(cancellationToken);
            if (current == expectedVersion)
            {
                throw;
            }

            return await ConflictAsync(review.Id, current, cancellationToken);
        }
    }

    private List<string> Changed(Review review)
    {
        var changed = new List<string>();
        var entry = db.Entry(review);
        foreach (var property in entry.Properties.Where(p => p.IsModified))
        {
            changed.Add(property.Metadata.Name);
        }

        foreach (var rating in db.ChangeTracker.Entries<ReviewRating>().Where(e => e.Entity.ReviewId == review.Id && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            changed.Add($"{rating.Entity.Source} rating for {ServiceElementCatalog.Info(rating.Entity.Element).Name}");
        }

        return changed;
    }

    private async Task<RuleResult> ConflictAsync(long reviewId, int currentVersion, CancellationToken cancellationToken)
    {
        var last = await db.Reviews.AsNoTracking().Where(r => r.Id == reviewId)
            .Select(r => new { r.LastSavedAt, By = db.Users.Where(u => u.Id == r.LastSavedById).Select(u => u.DisplayName).FirstOrDefault() })
            .SingleAsync(cancellationToken);
        var when = last.LastSavedAt?.ToString("HH:mm 'UTC'", CultureInfo.InvariantCulture) ?? "just now";
        return RuleResult.Refused(Refusal.Conflict(
            $"{last.By ?? "Someone"} saved this review at {when}, after you opened it (it is now at version {currentVersion}). Nothing of yours was saved: compare what changed below, then save again to keep your entries."));
    }

    private async Task<DateOnly> TodayForAsync(int employeeId, CancellationToken cancellationToken)
    {
        var zone = await db.Users.Where(u => u.Id == employeeId).Select(u => u.TimeZoneId).SingleOrDefaultAsync(cancellationToken);
        return ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, zone);
    }

    private async Task<string> NameAsync(int employeeId, CancellationToken cancellationToken) =>
        await db.Users.Where(u => u.Id == employeeId).Select(u => u.DisplayName).SingleAsync(cancellationToken);
}
