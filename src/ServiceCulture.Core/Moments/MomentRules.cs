using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Notifications;
using ServiceCulture.People;
using ServiceCulture.Rules;

namespace ServiceCulture.Moments;

/// <summary>
/// The rules for logging, editing, deleting, hiding, recovering, commenting on and reacting to moments.
/// Pages, jobs and imports call these; what a person may do is <see cref="MomentPermissions.For"/>, each
/// refusal names the field and says why, and nothing is saved when anything is refused.
/// </summary>
public sealed class MomentRules(AppDbContext db, TimeProvider clock, AuditLog audit, GamificationEvents gamification, NotificationCenter notifications)
{
    public static readonly TimeSpan EditWindow = TimeSpan.FromHours(24);

    /// <summary>What this person may do with this moment now.</summary>
    public static MomentPermissions PermissionsFor(Actor viewer, MomentFacts moment, DateTime now) => MomentPermissions.For(viewer, moment, now);

    /// <summary>The facts of a moment that decide permissions, or null when there is no such moment.</summary>
    public Task<MomentFacts?> FactsAsync(long momentId, CancellationToken cancellationToken) =>
        db.Moments.AsNoTracking()
            .Where(m => m.Id == momentId)
            .Select(m => new MomentFacts(
                m.Id, m.Kind, m.Visibility, m.AuthorId, m.Author!.ManagerId, m.AuthorTeamId, m.CreatedAt, m.DeletedAt, m.HiddenAt, m.RecoveryId,
                db.CaseStudies.Any(c => c.RecoveryMomentId == m.Id)))
            .SingleOrDefaultAsync(cancellationToken);

    /// <summary>What this person may do with the moment now; <see cref="MomentPermissions.None"/> when it does not exist.</summary>
    public async Task<MomentPermissions> PermissionsAsync(Actor viewer, long momentId, CancellationToken cancellationToken) =>
        await FactsAsync(momentId, cancellationToken) is { } facts
            ? PermissionsFor(viewer, facts, clock.GetUtcNow().UtcDateTime)
            : MomentPermissions.None;

    public async Task<IReadOnlyList<Refusal>> ValidateAsync(MomentDraft draft, Actor author, Moment? editing, CancellationToken cancellationToken)
    {
        var problems = new List<Refusal>();
        var kind = editing?.Kind ?? draft.Kind;
        if (!Enum.IsDefined(draft.Kind))
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Kind), "Choose one of the four kinds of moment."));
        }

        if (!Enum.IsDefined(draft.Visibility))
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Visibility), "Choose who can see this: Everyone, My team, or Only me and my manager."));
        }

        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Title), "Give the moment a short title."));
        }
        else if (draft.Title.Trim().Length > Moment.TitleMaxLength)
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Title), $"Keep the title to {Moment.TitleMaxLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(draft.Story))
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Story), "Tell the story: what happened, what the customer needed, what you did."));
        }
        else if (draft.Story.Length > Moment.StoryMaxLength)
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Story), $"Keep the story to {Moment.StoryMaxLength:N0} characters; it has {draft.Story.Length:N0}."));
        }

        if (draft.Lesson is { Length: > Moment.LessonMaxLength })
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Lesson), $"Keep the lesson to {Moment.LessonMaxLength:N0} characters."));
        }

        var today = ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, author.TimeZoneId);
        if (draft.OccurredOn > today)
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.OccurredOn), "That date is in the future. Log moments that have already happened."));
        }
        else if (draft.OccurredOn < today.AddYears(-1))
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.OccurredOn), "That is more than a year ago. Log moments from the past twelve months."));
        }

        if (!ServiceElementCatalog.IsValid(draft.Elements))
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.Elements), draft.Elements == ServiceElements.None
                ? "Tick at least one service element."
                : "One of those service elements does not exist."));
        }

        await ValidateCustomerAsync(draft, author, problems, cancellationToken);

        if (kind == MomentKind.Recovery && editing is null)
        {
            await ValidateRecoveryLinkAsync(draft, author, problems, cancellationToken);
        }

        if (kind == MomentKind.Recovery)
        {
            await ValidateRecoveredByAsync(draft, problems, cancellationToken);
            foreach (var step in draft.Steps)
            {
                if (step.Number is < 1 or > 5)
                {
                    problems.Add(Refusal.Invalid(nameof(MomentDraft.Steps), "There are five recovery steps."));
                    break;
                }

                if (step.Note is { Length: > RecoveryStep.NoteMaxLength })
                {
                    problems.Add(Refusal.Invalid($"{nameof(MomentDraft.Steps)}[{step.Number - 1}].Note", $"Keep each step's note to {RecoveryStep.NoteMaxLength} characters."));
                }
            }
        }

        return problems;
    }

    /// <summary>Validates and saves a new moment; a recovery closes its misery in the same transaction.</summary>
    public async Task<RuleResult<Moment>> LogAsync(MomentDraft draft, Actor author, CancellationToken cancellationToken)
    {
        var problems = await ValidateAsync(draft, author, editing: null, cancellationToken);
        if (problems.Count > 0)
        {
            return RuleResult<Moment>.Refused(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var moment = new Moment
        {
            Kind = draft.Kind,
            AuthorId = author.Id,
            AuthorTeamId = author.TeamId,
            CreatedAt = now,
        };
        Apply(moment, draft);
        if (draft.Kind == MomentKind.Recovery)
        {
            moment.RecoversMomentId = draft.RecoversMomentId;
            moment.RecoveredById = draft.RecoveredById ?? author.Id;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Moments.Add(moment);
        await db.SaveChangesAsync(cancellationToken);

        if (moment.Kind == MomentKind.Recovery)
        {
            // Only one recovery can close a misery, even when two are posted at the same instant.
            var closed = await db.Moments
                .Where(m => m.Id == moment.RecoversMomentId && m.Kind == MomentKind.Misery && m.RecoveryId == null && m.DeletedAt == null)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.RecoveryId, moment.Id).SetProperty(m => m.RecoveredAt, now), cancellationToken);
            if (closed == 0)
            {
                await transaction.RollbackAsync(cancellationToken);
                db.ChangeTracker.Clear();
                return RuleResult<Moment>.Refused(Refusal.Conflict("That misery has just been recovered by someone else.", nameof(MomentDraft.RecoversMomentId)));
            }
        }

        await gamification.MomentLoggedAsync(moment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The moment is saved: its follow-ups (badges, levels) finish even if the client has gone.
        await gamification.MomentCommittedAsync(moment, CancellationToken.None);
        return RuleResult<Moment>.Done(moment);
    }

    public async Task<RuleResult<Moment>> EditAsync(Moment moment, MomentDraft draft, Actor author, CancellationToken cancellationToken)
    {
        if (!(await PermissionsAsync(author, moment.Id, cancellationToken)).Edit)
        {
            return RuleResult<Moment>.Refused(Refusal.NotAllowed("Moments can be edited by their author for 24 hours after logging."));
        }

        var problems = await ValidateAsync(draft with { Kind = moment.Kind }, author, moment, cancellationToken);
        if (problems.Count > 0)
        {
            return RuleResult<Moment>.Refused(problems);
        }

        Apply(moment, draft);
        if (moment.Kind == MomentKind.Recovery && draft.RecoveredById is { } recoveredBy)
        {
            moment.RecoveredById = recoveredBy;
        }

        moment.EditedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult<Moment>.Done(moment);
    }

    /// <summary>Soft-deletes within the edit window; deleting a recovery reopens its misery.</summary>
    public async Task<RuleResult> DeleteAsync(Moment moment, Actor author, CancellationToken cancellationToken)
    {
        var may = await PermissionsAsync(author, moment.Id, cancellationToken);
        if (!may.Delete)
        {
            return RuleResult.Refused(may.Edit
                ? Refusal.Conflict("This misery has a recovery. Delete the recovery first if the misery should go.")
                : Refusal.NotAllowed("Moments can be deleted by their author for 24 hours after logging."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        moment.DeletedAt = now;
        if (moment.Kind == MomentKind.Recovery && moment.RecoversMomentId is { } miseryId)
        {
            await db.Moments.Where(m => m.Id == miseryId && m.RecoveryId == moment.Id)
                .ExecuteUpdateAsync(set => set.SetProperty(m => m.RecoveryId, (long?)null).SetProperty(m => m.RecoveredAt, (DateTime?)null), cancellationToken);
        }

        audit.Record(author.Id, "moment.deleted", nameof(Moment), moment.Id, $"{moment.Kind}: {moment.Title}");
        await db.SaveChangesAsync(cancellationToken);
        await gamification.MomentDeletedAsync(moment, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>The author's manager (or an admin) hides a moment from shared lists, with a reason the author sees.</summary>
    public async Task<RuleResult> HideAsync(Moment moment, Actor moderator, string? reason, CancellationToken cancellationToken)
    {
        if (!(await PermissionsAsync(moderator, moment.Id, cancellationToken)).Hide)
        {
            return RuleResult.Refused(moment.HiddenAt is null
                ? Refusal.NotAllowed("Only the author's manager or an admin can hide a moment.")
                : Refusal.Conflict("This moment is already hidden."));
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < 5)
        {
            return RuleResult.Refused(Refusal.Invalid(HideReasonField, "Say why the moment is hidden (at least 5 characters); the author will see it."));
        }

        if (reason.Length > Moment.HiddenReasonMaxLength)
        {
            return RuleResult.Refused(Refusal.Invalid(HideReasonField, $"Keep the reason to {Moment.HiddenReasonMaxLength} characters."));
        }

        moment.HiddenAt = clock.GetUtcNow().UtcDateTime;
        moment.HiddenById = moderator.Id;
        moment.HiddenReason = reason;
        audit.Record(moderator.Id, "moment.hidden", nameof(Moment), moment.Id, reason);
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>The field name <see cref="HideAsync"/> gives its reason's refusals.</summary>
    public const string HideReasonField = "Reason";

    public async Task<RuleResult> UnhideAsync(Moment moment, Actor moderator, CancellationToken cancellationToken)
    {
        if (!(await PermissionsAsync(moderator, moment.Id, cancellationToken)).Unhide)
        {
            return RuleResult.Refused(moment.HiddenAt is null
                ? Refusal.Conflict("This moment is not hidden.")
                : Refusal.NotAllowed("Only the author's manager or an admin can show a hidden moment again."));
        }

        moment.HiddenAt = null;
        moment.HiddenById = null;
        moment.HiddenReason = null;
        audit.Record(moderator.Id, "moment.shown", nameof(Moment), moment.Id);
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>The field name <see cref="CommentAsync"/> gives its body's refusals.</summary>
    public const string CommentBodyField = "Body";

    /// <summary>Adds a comment from someone who may see the moment; its author is told, unless they wrote it.</summary>
    public async Task<RuleResult<MomentComment>> CommentAsync(long momentId, Actor commenter, string? body, CancellationToken cancellationToken)
    {
        var moment = await db.Moments.AsNoTracking().Where(m => m.Id == momentId).Select(m => new { m.Id, m.AuthorId, m.Title }).SingleOrDefaultAsync(cancellationToken);
        if (moment is null || !(await PermissionsAsync(commenter, momentId, cancellationToken)).Comment)
        {
            return RuleResult<MomentComment>.Refused(Refusal.NotFound("There is no such moment."));
        }

        body = body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return RuleResult<MomentComment>.Refused(Refusal.Invalid(CommentBodyField, "Write a comment first."));
        }

        if (body.Length > MomentComment.BodyMaxLength)
        {
            return RuleResult<MomentComment>.Refused(Refusal.Invalid(CommentBodyField, $"Keep comments to {MomentComment.BodyMaxLength} characters."));
        }

        var comment = new MomentComment { MomentId = momentId, AuthorId = commenter.Id, Body = body, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.MomentComments.Add(comment);
        if (moment.AuthorId != commenter.Id)
        {
            var name = await db.Users.Where(u => u.Id == commenter.Id).Select(u => u.DisplayName).SingleAsync(cancellationToken);
            // The comment's id is not known before it is saved, so the key names the moment and the instant.
            notifications.Queue(moment.AuthorId, NotificationKind.CommentOnMoment, $"{name} commented on “{moment.Title}”.", moment.Id,
                $"comment:{moment.Id}:{commenter.Id}:{comment.CreatedAt.Ticks}");
        }

        await db.SaveChangesAsync(cancellationToken);
        return RuleResult<MomentComment>.Done(comment);
    }

    /// <summary>Turns the person's reaction of this kind on, or off again when they already gave it.</summary>
    public async Task<RuleResult> ReactAsync(long momentId, Actor reactor, ReactionKind kind, CancellationToken cancellationToken)
    {
        if (!(await PermissionsAsync(reactor, momentId, cancellationToken)).React)
        {
            return RuleResult.Refused(Refusal.NotFound("There is no such moment."));
        }

        if (!Enum.IsDefined(kind))
        {
            return RuleResult.Refused(Refusal.Invalid("Kind", "Choose one of the reactions."));
        }

        var existing = await db.MomentReactions.FindAsync([momentId, reactor.Id, kind], cancellationToken);
        if (existing is null)
        {
            db.MomentReactions.Add(new MomentReaction { MomentId = momentId, EmployeeId = reactor.Id, Kind = kind, At = clock.GetUtcNow().UtcDateTime });
        }
        else
        {
            db.MomentReactions.Remove(existing);
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // A double click raced itself; the reaction is already in the state the person asked for.
            db.ChangeTracker.Clear();
        }

        return RuleResult.Done;
    }

    private static void Apply(Moment moment, MomentDraft draft)
    {
        moment.Title = draft.Title.Trim();
        moment.Story = draft.Story.Trim();
        moment.OccurredOn = draft.OccurredOn;
        moment.CustomerKind = draft.CustomerKind;
        moment.ExternalCustomer = draft.CustomerKind == CustomerKind.External && !string.IsNullOrWhiteSpace(draft.ExternalCustomer) ? draft.ExternalCustomer.Trim() : null;
        moment.CustomerEmployeeId = draft.CustomerKind == CustomerKind.Colleague ? draft.CustomerEmployeeId : null;
        moment.CustomerTeamId = draft.CustomerKind == CustomerKind.Team ? draft.CustomerTeamId : null;
        moment.Elements = draft.Elements;
        moment.Lesson = string.IsNullOrWhiteSpace(draft.Lesson) ? null : draft.Lesson.Trim();
        moment.Visibility = draft.Visibility;
        if (moment.Kind == MomentKind.Recovery)
        {
            moment.Steps = Enumerable.Range(1, 5).Select(n =>
            {
                var step = draft.Steps.FirstOrDefault(s => s.Number == n);
                return new RecoveryStep
                {
                    Number = n,
                    Done = step?.Done ?? false,
                    Note = string.IsNullOrWhiteSpace(step?.Note) ? null : step.Note.Trim(),
                };
            }).ToList();
        }
    }

    private async Task ValidateCustomerAsync(MomentDraft draft, Actor author, List<Refusal> problems, CancellationToken cancellationToken)
    {
        switch (draft.CustomerKind)
        {
            case CustomerKind.External:
                if (draft.ExternalCustomer is { Length: > Moment.CustomerNameMaxLength })
                {
                    problems.Add(Refusal.Invalid(nameof(MomentDraft.ExternalCustomer), $"Keep the customer's description to {Moment.CustomerNameMaxLength} characters."));
                }

                break;
            case CustomerKind.Colleague:
                if (draft.CustomerEmployeeId is not { } colleagueId)
                {
                    problems.Add(Refusal.Invalid(nameof(MomentDraft.CustomerEmployeeId), "Pick the colleague you served from the list."));
                }
                else if (colleagueId == author.Id)
                {
                    problems.Add(Refusal.Invalid(nameof(MomentDraft.CustomerEmployeeId), "You cannot be your own customer; pick the colleague you served."));
                }
                else if (!await db.Users.AnyAsync(u => u.Id == colleagueId && u.IsActive, cancellationToken))
                {
                    problems.Add(Refusal.Invalid(nameof(MomentDraft.CustomerEmployeeId), "That colleague is not in the portal. Pick one from the list."));
                }

                break;
            case CustomerKind.Team:
                if (draft.CustomerTeamId is not { } teamId)
                {
                    problems.Add(Refusal.Invalid(nameof(MomentDraft.CustomerTeamId), "Pick the team you served from the list."));
                }
                else if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
                {
                    problems.Add(Refusal.Invalid(nameof(MomentDraft.CustomerTeamId), "That team does not exist. Pick one from the list."));
                }

                break;
            default:
                problems.Add(Refusal.Invalid(nameof(MomentDraft.CustomerKind), "Say whether the customer was external, a colleague or a team."));
                break;
        }
    }

    private async Task ValidateRecoveryLinkAsync(MomentDraft draft, Actor author, List<Refusal> problems, CancellationToken cancellationToken)
    {
        const string field = nameof(MomentDraft.RecoversMomentId);
        if (draft.RecoversMomentId is not { } miseryId)
        {
            problems.Add(Refusal.Invalid(field, "A recovery turns a misery around: choose the misery it recovers."));
            return;
        }

        var misery = await FactsAsync(miseryId, cancellationToken);
        var may = misery is null ? MomentPermissions.None : PermissionsFor(author, misery, clock.GetUtcNow().UtcDateTime);
        if (misery is null || !may.See || (misery.AuthorId != author.Id && misery.AuthorManagerId != author.Id))
        {
            problems.Add(Refusal.Invalid(field, "You can log recoveries for your own miseries, or for your team's as their manager."));
        }
        else if (misery.Kind != MomentKind.Misery)
        {
            problems.Add(Refusal.Invalid(field, "Only a moment of misery can be recovered."));
        }
        else if (!may.Recover)
        {
            problems.Add(Refusal.Conflict("That misery has already been recovered.", field));
        }
    }

    private async Task ValidateRecoveredByAsync(MomentDraft draft, List<Refusal> problems, CancellationToken cancellationToken)
    {
        if (draft.RecoveredById is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.IsActive, cancellationToken))
        {
            problems.Add(Refusal.Invalid(nameof(MomentDraft.RecoveredById), "Pick who recovered it from the list of colleagues."));
        }
    }
}
