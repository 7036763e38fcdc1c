using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.People;

namespace ServiceCulture.Moments;

/// <summary>
/// The rules for logging, editing, deleting, hiding and recovering moments. Pages and imports call
/// these; each refusal names the field and says why, and nothing is saved when anything is refused.
/// </summary>
public sealed class MomentRules(AppDbContext db, TimeProvider clock, AuditLog audit, IMomentEvents events)
{
    public static readonly TimeSpan EditWindow = TimeSpan.FromHours(24);

    public sealed record Outcome(Moment? Moment, IReadOnlyList<RuleViolation> Violations)
    {
        public bool Succeeded => Moment is not null && Violations.Count == 0;

        public static Outcome Refused(params RuleViolation[] violations) => new(null, violations);
    }

    public async Task<IReadOnlyList<RuleViolation>> ValidateAsync(MomentDraft draft, Author author, Moment? editing, CancellationToken cancellationToken)
    {
        var problems = new List<RuleViolation>();
        var kind = editing?.Kind ?? draft.Kind;
        if (!Enum.IsDefined(draft.Kind))
        {
            problems.Add(new(nameof(MomentDraft.Kind), "Choose one of the four kinds of moment."));
        }

        if (!Enum.IsDefined(draft.Visibility))
        {
            problems.Add(new(nameof(MomentDraft.Visibility), "Choose who can see this: Everyone, My team, or Only me and my manager."));
        }

        if (string.IsNullOrWhiteSpace(draft.Title))
        {
            problems.Add(new(nameof(MomentDraft.Title), "Give the moment a short title."));
        }
        else if (draft.Title.Trim().Length > Moment.TitleMaxLength)
        {
            problems.Add(new(nameof(MomentDraft.Title), $"Keep the title to {Moment.TitleMaxLength} characters."));
        }

        if (string.IsNullOrWhiteSpace(draft.Story))
        {
            problems.Add(new(nameof(MomentDraft.Story), "Tell the story: what happened, what the customer needed, what you did."));
        }
        else if (draft.Story.Length > Moment.StoryMaxLength)
        {
            problems.Add(new(nameof(MomentDraft.Story), $"Keep the story to {Moment.StoryMaxLength:N0} characters; it has {draft.Story.Length:N0}."));
        }

        if (draft.Lesson is { Length: > Moment.LessonMaxLength })
        {
            problems.Add(new(nameof(MomentDraft.Lesson), $"Keep the lesson to {Moment.LessonMaxLength:N0} characters."));
        }

        var today = ServiceTimeZones.LocalDate(clock.GetUtcNow().UtcDateTime, author.TimeZoneId);
        if (draft.OccurredOn > today)
        {
            problems.Add(new(nameof(MomentDraft.OccurredOn), "That date is in the future. Log moments that have already happened."));
        }
        else if (draft.OccurredOn < today.AddYears(-1))
        {
            problems.Add(new(nameof(MomentDraft.OccurredOn), "That is more than a year ago. Log moments from the past twelve months."));
        }

        if (!ServiceElementCatalog.IsValid(draft.Elements))
        {
            problems.Add(new(nameof(MomentDraft.Elements), draft.Elements == ServiceElements.None
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
                    problems.Add(new(nameof(MomentDraft.Steps), "There are five recovery steps."));
                    break;
                }

                if (step.Note is { Length: > RecoveryStep.NoteMaxLength })
                {
                    problems.Add(new($"{nameof(MomentDraft.Steps)}[{step.Number - 1}].Note", $"Keep each step's note to {RecoveryStep.NoteMaxLength} characters."));
                }
            }
        }

        return problems;
    }

    /// <summary>Validates and saves a new moment; a recovery closes its misery in the same transaction.</summary>
    public async Task<Outcome> LogAsync(MomentDraft draft, Author author, CancellationToken cancellationToken)
    {
        var problems = await ValidateAsync(draft, author, editing: null, cancellationToken);
        if (problems.Count > 0)
        {
            return new(null, problems);
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
                return Outcome.Refused(new RuleViolation(nameof(MomentDraft.RecoversMomentId), "That misery has just been recovered by someone else."));
            }
        }

        await events.LoggedAsync(moment, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The moment is saved: its follow-ups (badges, levels) finish even if the client has gone.
        await events.CommittedAsync(moment, CancellationToken.None);
        return new(moment, []);
    }

    public bool CanEdit(Moment moment, Author author) =>
        moment.AuthorId == author.Id && moment.DeletedAt is null && clock.GetUtcNow().UtcDateTime - moment.CreatedAt <= EditWindow;

    public async Task<Outcome> EditAsync(Moment moment, MomentDraft draft, Author author, CancellationToken cancellationToken)
    {
        if (!CanEdit(moment, author))
        {
            return Outcome.Refused(new RuleViolation(string.Empty, "Moments can be edited by their author for 24 hours after logging."));
        }

        var problems = await ValidateAsync(draft with { Kind = moment.Kind }, author, moment, cancellationToken);
        if (problems.Count > 0)
        {
            return new(null, problems);
        }

        Apply(moment, draft);
        if (moment.Kind == MomentKind.Recovery && draft.RecoveredById is { } recoveredBy)
        {
            moment.RecoveredById = recoveredBy;
        }

        moment.EditedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        return new(moment, []);
    }

    /// <summary>Soft-deletes within the edit window; deleting a recovery reopens its misery.</summary>
    public async Task<RuleViolation?> DeleteAsync(Moment moment, Author author, CancellationToken cancellationToken)
    {
        if (!CanEdit(moment, author))
        {
            return new(string.Empty, "Moments can be deleted by their author for 24 hours after logging.");
        }

        if (moment.Kind == MomentKind.Misery && moment.RecoveryId is not null)
        {
            return new(string.Empty, "This misery has a recovery. Delete the recovery first if the misery should go.");
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
        await events.DeletedAsync(moment, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return null;
    }

    /// <summary>The author's manager (or an admin) hides a moment from shared lists, with a reason.</summary>
    public async Task<RuleViolation?> HideAsync(Moment moment, int managerId, bool isAdmin, string? reason, CancellationToken cancellationToken)
    {
        var authorManager = await db.Users.Where(u => u.Id == moment.AuthorId).Select(u => u.ManagerId).SingleAsync(cancellationToken);
        if (!isAdmin && authorManager != managerId)
        {
            return new(string.Empty, "Only the author's manager or an admin can hide a moment.");
        }

        reason = reason?.Trim();
        if (string.IsNullOrEmpty(reason) || reason.Length < 5)
        {
            return new("Reason", "Say why the moment is hidden (at least 5 characters); the author will see it.");
        }

        if (reason.Length > Moment.HiddenReasonMaxLength)
        {
            return new("Reason", $"Keep the reason to {Moment.HiddenReasonMaxLength} characters.");
        }

        moment.HiddenAt = clock.GetUtcNow().UtcDateTime;
        moment.HiddenById = managerId;
        moment.HiddenReason = reason;
        audit.Record(managerId, "moment.hidden", nameof(Moment), moment.Id, reason);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    public async Task<RuleViolation?> UnhideAsync(Moment moment, int managerId, bool isAdmin, CancellationToken cancellationToken)
    {
        var authorManager = await db.Users.Where(u => u.Id == moment.AuthorId).Select(u => u.ManagerId).SingleAsync(cancellationToken);
        if (!isAdmin && authorManager != managerId)
        {
            return new(string.Empty, "Only the author's manager or an admin can show a hidden moment again.");
        }

        moment.HiddenAt = null;
        moment.HiddenById = null;
        moment.HiddenReason = null;
        audit.Record(managerId, "moment.shown", nameof(Moment), moment.Id);
        await db.SaveChangesAsync(cancellationToken);
        return null;
    }

    /// <summary>Who may log the recovery of a misery: its author and the author's manager.</summary>
    public static bool CanRecover(Moment misery, int authorManagerId, Author author) =>
        misery.AuthorId == author.Id || authorManagerId == author.Id;

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

    private async Task ValidateCustomerAsync(MomentDraft draft, Author author, List<RuleViolation> problems, CancellationToken cancellationToken)
    {
        switch (draft.CustomerKind)
        {
            case CustomerKind.External:
                if (draft.ExternalCustomer is { Length: > Moment.CustomerNameMaxLength })
                {
                    problems.Add(new(nameof(MomentDraft.ExternalCustomer), $"Keep the customer's description to {Moment.CustomerNameMaxLength} characters."));
                }

                break;
            case CustomerKind.Colleague:
                if (draft.CustomerEmployeeId is not { } colleagueId)
                {
                    problems.Add(new(nameof(MomentDraft.CustomerEmployeeId), "Pick the colleague you served from the list."));
                }
                else if (colleagueId == author.Id)
                {
                    problems.Add(new(nameof(MomentDraft.CustomerEmployeeId), "You cannot be your own customer; pick the colleague you served."));
                }
                else if (!await db.Users.AnyAsync(u => u.Id == colleagueId && u.IsActive, cancellationToken))
                {
                    problems.Add(new(nameof(MomentDraft.CustomerEmployeeId), "That colleague is not in the portal. Pick one from the list."));
                }

                break;
            case CustomerKind.Team:
                if (draft.CustomerTeamId is not { } teamId)
                {
                    problems.Add(new(nameof(MomentDraft.CustomerTeamId), "Pick the team you served from the list."));
                }
                else if (!await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
                {
                    problems.Add(new(nameof(MomentDraft.CustomerTeamId), "That team does not exist. Pick one from the list."));
                }

                break;
            default:
                problems.Add(new(nameof(MomentDraft.CustomerKind), "Say whether the customer was external, a colleague or a team."));
                break;
        }
    }

    private async Task ValidateRecoveryLinkAsync(MomentDraft draft, Author author, List<RuleViolation> problems, CancellationToken cancellationToken)
    {
        const string field = nameof(MomentDraft.RecoversMomentId);
        if (draft.RecoversMomentId is not { } miseryId)
        {
            problems.Add(new(field, "A recovery turns a misery around: choose the misery it recovers."));
            return;
        }

        var misery = await db.Moments
            .Where(m => m.Id == miseryId && m.DeletedAt == null)
            .Select(m => new { m.Kind, m.AuthorId, m.RecoveryId, AuthorManagerId = m.Author!.ManagerId })
            .SingleOrDefaultAsync(cancellationToken);
        if (misery is null || (misery.AuthorId != author.Id && misery.AuthorManagerId != author.Id))
        {
            problems.Add(new(field, "You can log recoveries for your own miseries, or for your team's as their manager."));
        }
        else if (misery.Kind != MomentKind.Misery)
        {
            problems.Add(new(field, "Only a moment of misery can be recovered."));
        }
        else if (misery.RecoveryId is not null)
        {
            problems.Add(new(field, "That misery has already been recovered."));
        }
    }

    private async Task ValidateRecoveredByAsync(MomentDraft draft, List<RuleViolation> problems, CancellationToken cancellationToken)
    {
        if (draft.RecoveredById is { } id && !await db.Users.AnyAsync(u => u.Id == id && u.IsActive, cancellationToken))
        {
            problems.Add(new(nameof(MomentDraft.RecoveredById), "Pick who recovered it from the list of colleagues."));
        }
    }
}

/// <summary>What other features do when moments come and go (points, badges, notifications).</summary>
public interface IMomentEvents
{
    Task LoggedAsync(Moment moment, CancellationToken cancellationToken);

    Task DeletedAsync(Moment moment, CancellationToken cancellationToken);

    Task CommentedAsync(Moment moment, MomentComment comment, CancellationToken cancellationToken);

    /// <summary>After the moment's transaction has committed.</summary>
    Task CommittedAsync(Moment moment, CancellationToken cancellationToken);
}
