using System.Text;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.People;
using ServiceCulture.Rules;

namespace ServiceCulture.Moments;

/// <summary>Anonymised text proposed for a case study; the sharer reviews and edits it before publishing.</summary>
public sealed record CaseStudyDraft(string Title, string WhatWentWrong, string HowItWasRecovered, string? Lesson);

/// <summary>Turning a recovery into an anonymised case study the whole company can discuss.</summary>
public sealed class CaseStudyRules(AppDbContext db, TimeProvider clock, AuditLog audit, MomentRules moments, GamificationEvents gamification)
{
    /// <summary>Only a live recovery, shared by its author or the author's manager (<see cref="MomentPermissions.Share"/>), and only once.</summary>
    public async Task<RuleResult> CheckAsync(long recoveryId, Actor viewer, CancellationToken cancellationToken)
    {
        var recovery = await moments.FactsAsync(recoveryId, cancellationToken);
        var may = recovery is null ? MomentPermissions.None : MomentRules.PermissionsFor(viewer, recovery, clock.GetUtcNow().UtcDateTime);
        if (recovery is null || !may.See || recovery.Kind != MomentKind.Recovery)
        {
            return RuleResult.Refused(Refusal.NotFound("There is no such recovery."));
        }

        if (may.Share)
        {
            return RuleResult.Done;
        }

        return RuleResult.Refused(recovery.IsSharedAsCaseStudy && (recovery.AuthorId == viewer.Id || recovery.AuthorManagerId == viewer.Id)
            ? Refusal.Conflict("This recovery is already shared as a case study.")
            : Refusal.NotAllowed("A recovery can be shared by its author or the author's manager."));
    }

    public async Task<CaseStudyDraft> PrepareAsync(long recoveryId, CancellationToken cancellationToken)
    {
        var recovery = await db.Moments.AsNoTracking().Include(m => m.Steps).SingleAsync(m => m.Id == recoveryId, cancellationToken);
        var misery = recovery.RecoversMomentId is { } miseryId
            ? await db.Moments.AsNoTracking().SingleOrDefaultAsync(m => m.Id == miseryId, cancellationToken)
            : null;
        var anonymiser = await AnonymiserForAsync(recovery, misery, cancellationToken);

        var how = new StringBuilder(anonymiser.Apply(recovery.Story));
        var notes = recovery.Steps.Where(s => s.Done || !string.IsNullOrWhiteSpace(s.Note)).OrderBy(s => s.Number).ToList();
        if (notes.Count > 0)
        {
            how.AppendLine().AppendLine();
            foreach (var step in notes)
            {
                var title = MomentCatalog.RecoverySteps[step.Number - 1].Title;
                how.Append(System.Globalization.CultureInfo.InvariantCulture, $"- **{step.Number}. {title}**");
                if (!string.IsNullOrWhiteSpace(step.Note))
                {
                    how.Append(" — ").Append(anonymiser.Apply(step.Note));
                }

                how.AppendLine();
            }
        }

        var lesson = string.Join(Environment.NewLine, new[] { misery?.Lesson, recovery.Lesson }.Where(l => !string.IsNullOrWhiteSpace(l)).Select(anonymiser.Apply));
        return new CaseStudyDraft(
            Truncate(anonymiser.Apply(misery?.Title ?? recovery.Title), CaseStudy.TitleMaxLength),
            Truncate(anonymiser.Apply(misery?.Story ?? ""), CaseStudy.TextMaxLength),
            Truncate(how.ToString().TrimEnd(), CaseStudy.TextMaxLength),
            string.IsNullOrEmpty(lesson) ? null : Truncate(lesson, Moment.LessonMaxLength));
    }

    public async Task<CaseStudy> PublishAsync(long recoveryId, CaseStudyDraft text, int sharedById, CancellationToken cancellationToken)
    {
        var recovery = await db.Moments.AsNoTracking().SingleAsync(m => m.Id == recoveryId, cancellationToken);
        var misery = recovery.RecoversMomentId is { } miseryId
            ? await db.Moments.AsNoTracking().SingleOrDefaultAsync(m => m.Id == miseryId, cancellationToken)
            : null;
        var study = new CaseStudy
        {
            RecoveryMomentId = recoveryId,
            Title = text.Title.Trim(),
            WhatWentWrong = text.WhatWentWrong.Trim(),
            HowItWasRecovered = text.HowItWasRecovered.Trim(),
            Lesson = string.IsNullOrWhiteSpace(text.Lesson) ? null : text.Lesson.Trim(),
            Elements = recovery.Elements | (misery?.Elements ?? ServiceElements.None),
            SharedById = sharedById,
            SharedAt = clock.GetUtcNow().UtcDateTime,
        };
        db.CaseStudies.Add(study);
        audit.Record(sharedById, "case-study.shared", nameof(CaseStudy), recoveryId);
        await db.SaveChangesAsync(cancellationToken);
        await gamification.AfterActivityAsync(sharedById, Activity.CaseStudyShared | (recovery.AuthorId == sharedById ? Activity.LessonShared : Activity.None), cancellationToken);
        if (recovery.AuthorId != sharedById)
        {
            await gamification.AfterActivityAsync(recovery.AuthorId, Activity.LessonShared, cancellationToken);
        }

        return study;
    }

    /// <summary>Adds a comment to a case study's discussion; every case study is open to everyone.</summary>
    public async Task<RuleResult<CaseStudyComment>> CommentAsync(long caseStudyId, Actor commenter, string? body, CancellationToken cancellationToken)
    {
        if (!await db.CaseStudies.AnyAsync(c => c.Id == caseStudyId, cancellationToken))
        {
            return RuleResult<CaseStudyComment>.Refused(Refusal.NotFound("There is no such case study."));
        }

        body = body?.Trim();
        if (string.IsNullOrEmpty(body))
        {
            return RuleResult<CaseStudyComment>.Refused(Refusal.Invalid(MomentRules.CommentBodyField, "Write a comment first."));
        }

        if (body.Length > MomentComment.BodyMaxLength)
        {
            return RuleResult<CaseStudyComment>.Refused(Refusal.Invalid(MomentRules.CommentBodyField, $"Keep comments to {MomentComment.BodyMaxLength} characters."));
        }

        var comment = new CaseStudyComment { CaseStudyId = caseStudyId, AuthorId = commenter.Id, Body = body, CreatedAt = clock.GetUtcNow().UtcDateTime };
        db.CaseStudyComments.Add(comment);
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult<CaseStudyComment>.Done(comment);
    }

    private async Task<Anonymiser> AnonymiserForAsync(Moment recovery, Moment? misery, CancellationToken cancellationToken)
    {
        var people = await db.Users.AsNoTracking().Select(u => new { u.Id, u.DisplayName, u.Email, u.ManagerId }).ToListAsync(cancellationToken);
        var involvedIds = new HashSet<int>(new[]
        {
            recovery.AuthorId, recovery.RecoveredById, recovery.CustomerEmployeeId, misery?.AuthorId, misery?.CustomerEmployeeId,
        }.Where(id => id is not null).Select(id => id!.Value));
        foreach (var manager in people.Where(p => involvedIds.Contains(p.Id) && p.ManagerId is not null).Select(p => p.ManagerId!.Value).ToList())
        {
            involvedIds.Add(manager);
        }

        var teamIds = new[] { recovery.CustomerTeamId, misery?.CustomerTeamId }.Where(t => t is not null).Select(t => t!.Value).ToList();
        var teams = await db.Teams.AsNoTracking().Where(t => teamIds.Contains(t.Id)).Select(t => t.Name).ToListAsync(cancellationToken);
        return new Anonymiser(
            people.Select(p => p.DisplayName),
            people.Where(p => involvedIds.Contains(p.Id)).Select(p => p.DisplayName),
            new[] { recovery.ExternalCustomer, misery?.ExternalCustomer }.Where(c => !string.IsNullOrWhiteSpace(c)).Cast<string>(),
            teams,
            people.Where(p => p.Email is not null).Select(p => p.Email!));
    }

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
