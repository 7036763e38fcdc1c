using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Rules;

namespace ServiceCulture.People;

/// <summary>What an admin may change about a person.</summary>
public sealed record PersonChanges(int? TeamId, int? ManagerId, IReadOnlyCollection<string> Roles, string? JobTitle, string TimeZoneId);

/// <summary>What erasing a person's personal data replaced, per place.</summary>
public sealed record ErasureReport(string FormerName, string NewName, IReadOnlyList<(string Place, int Count)> Changes);

/// <summary>Admin rules for people: changes with no manager cycles, deactivation, reactivation and erasure.</summary>
public sealed class PeopleAdministration(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public const string ErasedName = "Former colleague";

    public async Task<RuleResult> ChangeAsync(int actorId, int personId, PersonChanges changes, CancellationToken cancellationToken)
    {
        var person = await db.Users.SingleOrDefaultAsync(u => u.Id == personId, cancellationToken);
        if (person is null)
        {
            return RuleResult.Refused(Refusal.NotFound("This person does not exist."));
        }

        if (changes.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId && t.ArchivedAt == null, cancellationToken))
        {
            return RuleResult.Refused(Refusal.Invalid(nameof(changes.TeamId), "Choose a team that exists and is not archived."));
        }

        if (changes.ManagerId is { } managerId)
        {
            if (managerId == personId)
            {
                return RuleResult.Refused(Refusal.Invalid(nameof(changes.ManagerId), "A person cannot be their own manager."));
            }

            if (!await db.Users.AnyAsync(u => u.Id == managerId && u.IsActive, cancellationToken))
            {
                return RuleResult.Refused(Refusal.Invalid(nameof(changes.ManagerId), "Choose an active person as manager."));
            }

            var chain = await db.Users.AsNoTracking().Where(u => u.ManagerId != null).ToDictionaryAsync(u => u.Id, u => u.ManagerId, cancellationToken);
            if (ManagerChain.WouldCycle(personId, (int?)managerId, id => chain.GetValueOrDefault(id)))
            {
                return RuleResult.Refused(Refusal.Invalid(nameof(changes.ManagerId), $"{person.DisplayName} already manages this person, directly or through others: the chain of managers would go round in a circle."));
            }
        }

        if (!ServiceTimeZones.IsKnown(changes.TimeZoneId))
        {
            return RuleResult.Refused(Refusal.Invalid(nameof(changes.TimeZoneId), "Choose a time zone from the list."));
        }

        var wanted = changes.Roles.Where(r => People.Roles.All.Contains(r)).Append(People.Roles.Employee).ToHashSet(StringComparer.Ordinal);
        var roleIds = await RoleSetup.RoleIdsAsync(db, cancellationToken);
        var current = await CurrentRolesAsync(personId, roleIds, cancellationToken);
        if (current.Contains(People.Roles.Admin) && !wanted.Contains(People.Roles.Admin))
        {
            if (personId == actorId)
            {
                return RuleResult.Refused(Refusal.Invalid(nameof(changes.Roles), "You cannot remove your own admin role; ask another admin."));
            }

            if (await ActiveAdminCountAsync(roleIds, cancellationToken) <= 1)
            {
                return RuleResult.Refused(Refusal.Invalid(nameof(changes.Roles), "This is the last admin; make someone else an admin first."));
            }
        }

        var jobTitle = string.IsNullOrWhiteSpace(changes.JobTitle) ? null : changes.JobTitle.Trim();
        if (jobTitle is { Length: > Employee.JobTitleMaxLength })
        {
            return RuleResult.Refused(Refusal.Invalid(nameof(changes.JobTitle), $"Keep the job title to {Employee.JobTitleMaxLength} characters."));
        }

        var before = await DescribeAsync(person, current, cancellationToken);
        person.TeamId = changes.TeamId;
        person.ManagerId = changes.ManagerId;
        person.JobTitle = jobTitle;
        person.TimeZoneId = changes.TimeZoneId;
        foreach (var role in current.Except(wanted))
        {
            db.UserRoles.Remove(new IdentityUserRole<int> { UserId = personId, RoleId = roleIds[role] });
        }

        foreach (var role in wanted.Except(current))
        {
            db.UserRoles.Add(new IdentityUserRole<int> { UserId = personId, RoleId = roleIds[role] });
        }

        if (current.Except(wanted).Any())
        {
            // Rights taken away take effect at once: their sessions end and they sign in again.
            person.SecurityStamp = NewStamp();
        }

        var after = await DescribeAsync(person, wanted, cancellationToken);
        if (before != after)
        {
            audit.Record(actorId, "person.changed", nameof(Employee), personId, person.DisplayName, before, after);
        }

        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>Ends every session at once and leaves the person out of pickers, leaderboards and nudges; history stays.</summary>
    public async Task<RuleResult> DeactivateAsync(int actorId, int personId, CancellationToken cancellationToken)
    {
        if (personId == actorId)
        {
            return RuleResult.Refused(Refusal.Invalid(null, "You cannot deactivate yourself; ask another admin."));
        }

        var person = await db.Users.SingleOrDefaultAsync(u => u.Id == personId, cancellationToken);
        if (person is null)
        {
            return RuleResult.Refused(Refusal.NotFound("This person does not exist."));
        }

        if (!person.IsActive)
        {
            return RuleResult.Done;
        }

        var roleIds = await RoleSetup.RoleIdsAsync(db, cancellationToken);
        if ((await CurrentRolesAsync(personId, roleIds, cancellationToken)).Contains(People.Roles.Admin)
            && await ActiveAdminCountAsync(roleIds, cancellationToken) <= 1)
        {
            return RuleResult.Refused(Refusal.Invalid(null, "This is the last admin; make someone else an admin first."));
        }

        person.IsActive = false;
        person.SecurityStamp = NewStamp();
        var now = clock.GetUtcNow().UtcDateTime;
        foreach (var invitation in await db.Invitations.Where(i => i.EmployeeId == personId && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken))
        {
            invitation.RevokedAt = now;
        }

        audit.Record(actorId, "person.deactivated", nameof(Employee), personId, person.DisplayName, "active", "inactive");
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    public async Task<RuleResult> ReactivateAsync(int actorId, int personId, CancellationToken cancellationToken)
    {
        var person = await db.Users.SingleOrDefaultAsync(u => u.Id == personId, cancellationToken);
        if (person is null)
        {
            return RuleResult.Refused(Refusal.NotFound("This person does not exist."));
        }

        if (person.ErasedAt is not null)
        {
            return RuleResult.Refused(Refusal.Invalid(null, "This person's personal data was erased; invite them again as a new person."));
        }

        if (person.IsActive)
        {
            return RuleResult.Done;
        }

        person.IsActive = true;
        audit.Record(actorId, "person.reactivated", nameof(Employee), personId, person.DisplayName, "inactive", "active");
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>
    /// Replaces the name and email of someone who left wherever they appear, keeping every figure
    /// (points, counts, ratings). Only a deactivated person can be erased; erasing cannot be undone.
    /// </summary>
    public async Task<RuleResult<ErasureReport>> EraseAsync(int actorId, int personId, CancellationToken cancellationToken)
    {
        var person = await db.Users.SingleOrDefaultAsync(u => u.Id == personId, cancellationToken);
        if (person is null)
        {
            return RuleResult<ErasureReport>.Refused(Refusal.NotFound("This person does not exist."));
        }

        if (person.IsActive)
        {
            return RuleResult<ErasureReport>.Refused(Refusal.Invalid(null, "Deactivate this person before erasing their personal data."));
        }

        if (person.ErasedAt is not null)
        {
            return RuleResult<ErasureReport>.Refused(Refusal.Invalid(null, "This person's personal data is already erased."));
        }

        var formerName = person.DisplayName;
        var formerEmail = person.Email ?? "";
        var newName = $"{ErasedName} {personId}";
        var patterns = new[] { formerName, formerEmail }
            .Where(p => p.Length >= 3)
            .Select(p => new Regex(Regex.Escape(p), RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1)))
            .ToList();
        string Scrub(string text) => patterns.Aggregate(text, (current, pattern) => pattern.Replace(current, newName));
        string? ScrubOrNull(string? text) => text is null ? null : Scrub(text);
        bool Mentions(string? text) => text is not null && patterns.Any(p => p.IsMatch(text));

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var changes = new List<(string Place, int Count)>();

        // Text columns are searched in the database for the exact name or email, then scrubbed here,
        // so the same case-insensitive replacement applies on every engine.
        var moments = await db.Moments
            .Where(m => m.Title.Contains(formerName) || m.Story.Contains(formerName) || (m.Lesson != null && m.Lesson.Contains(formerName))
                || (m.ExternalCustomer != null && m.ExternalCustomer.Contains(formerName)) || (m.HiddenReason != null && m.HiddenReason.Contains(formerName))
                || m.Story.Contains(formerEmail))
            .ToListAsync(cancellationToken);
        var momentCount = 0;
        foreach (var moment in moments.Where(m => Mentions(m.Title) || Mentions(m.Story) || Mentions(m.Lesson) || Mentions(m.ExternalCustomer) || Mentions(m.HiddenReason)))
        {
            moment.Title = Scrub(moment.Title);
            moment.Story = Scrub(moment.Story);
            moment.Lesson = ScrubOrNull(moment.Lesson);
            moment.ExternalCustomer = ScrubOrNull(moment.ExternalCustomer);
            moment.HiddenReason = ScrubOrNull(moment.HiddenReason);
            momentCount++;
        }

        var steps = await db.RecoverySteps.Where(s => s.Note != null && s.Note.Contains(formerName)).ToListAsync(cancellationToken);
        foreach (var step in steps)
        {
            step.Note = ScrubOrNull(step.Note);
        }

        changes.Add(("moments", momentCount + steps.Select(s => s.MomentId).Except(moments.Select(m => m.Id)).Distinct().Count()));

        var recognitions = await db.Recognitions.Where(r => r.Message.Contains(formerName) || r.Message.Contains(formerEmail)).ToListAsync(cancellationToken);
        foreach (var recognition in recognitions)
        {
            recognition.Message = Scrub(recognition.Message);
        }

        changes.Add(("recognitions", recognitions.Count));

        var caseStudies = await db.CaseStudies
            .Where(c => c.Title.Contains(formerName) || c.WhatWentWrong.Contains(formerName) || c.HowItWasRecovered.Contains(formerName) || (c.Lesson != null && c.Lesson.Contains(formerName)))
            .ToListAsync(cancellationToken);
        foreach (var study in caseStudies)
        {
            study.Title = Scrub(study.Title);
            study.WhatWentWrong = Scrub(study.WhatWentWrong);
            study.HowItWasRecovered = Scrub(study.HowItWasRecovered);
            study.Lesson = ScrubOrNull(study.Lesson);
        }

        changes.Add(("case studies", caseStudies.Count));

        var momentComments = await db.MomentComments.Where(c => c.Body.Contains(formerName) || c.Body.Contains(formerEmail)).ToListAsync(cancellationToken);
        foreach (var comment in momentComments)
        {
            comment.Body = Scrub(comment.Body);
        }

        var studyComments = await db.CaseStudyComments.Where(c => c.Body.Contains(formerName) || c.Body.Contains(formerEmail)).ToListAsync(cancellationToken);
        foreach (var comment in studyComments)
        {
            comment.Body = Scrub(comment.Body);
        }

        changes.Add(("comments", momentComments.Count + studyComments.Count));

        var notifications = await db.Notifications.Where(n => n.Text.Contains(formerName)).ToListAsync(cancellationToken);
        foreach (var notification in notifications)
        {
            notification.Text = Scrub(notification.Text);
        }

        changes.Add(("notifications", notifications.Count));

        var entries = await db.AuditEntries
            .Where(e => (e.Detail != null && (e.Detail.Contains(formerName) || e.Detail.Contains(formerEmail)))
                || (e.Before != null && (e.Before.Contains(formerName) || e.Before.Contains(formerEmail)))
                || (e.After != null && (e.After.Contains(formerName) || e.After.Contains(formerEmail))))
            .ToListAsync(cancellationToken);
        foreach (var entry in entries)
        {
            entry.Detail = ScrubOrNull(entry.Detail);
            entry.Before = ScrubOrNull(entry.Before);
            entry.After = ScrubOrNull(entry.After);
        }

        changes.Add(("audit log entries", entries.Count));

        var placeholder = $"erased-{personId}@erased.invalid";
        person.DisplayName = newName;
        person.Email = placeholder;
        person.NormalizedEmail = placeholder.ToUpperInvariant();
        person.UserName = placeholder;
        person.NormalizedUserName = placeholder.ToUpperInvariant();
        person.JobTitle = null;
        person.PhoneNumber = null;
        person.PasswordHash = null;
        person.TwoFactorEnabled = false;
        person.SecurityStamp = NewStamp();
        person.ErasedAt = clock.GetUtcNow().UtcDateTime;
        await db.UserTokens.Where(t => t.UserId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.UserLogins.Where(l => l.UserId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.UserClaims.Where(c => c.UserId == personId).ExecuteDeleteAsync(cancellationToken);
        await db.Invitations.Where(i => i.EmployeeId == personId).ExecuteDeleteAsync(cancellationToken);
        changes.Insert(0, ("profile (name, email, job title, password)", 1));

        // The audit entry names the record, not the person: the whole point is that the name is gone.
        audit.Record(actorId, "person.erased", nameof(Employee), personId, string.Join(", ", changes.Select(c => $"{c.Place}: {c.Count}")));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RuleResult<ErasureReport>.Done(new ErasureReport(formerName, newName, changes));
    }

    public async Task<int> ActiveAdminCountAsync(IReadOnlyDictionary<string, int> roleIds, CancellationToken cancellationToken)
    {
        var adminRole = roleIds[People.Roles.Admin];
        return await db.UserRoles.CountAsync(r => r.RoleId == adminRole && db.Users.Any(u => u.Id == r.UserId && u.IsActive), cancellationToken);
    }

    private async Task<HashSet<string>> CurrentRolesAsync(int personId, IReadOnlyDictionary<string, int> roleIds, CancellationToken cancellationToken)
    {
        var ids = await db.UserRoles.Where(r => r.UserId == personId).Select(r => r.RoleId).ToListAsync(cancellationToken);
        return roleIds.Where(r => ids.Contains(r.Value)).Select(r => r.Key).ToHashSet(StringComparer.Ordinal);
    }

    private async Task<string> DescribeAsync(Employee person, IEnumerable<string> roles, CancellationToken cancellationToken)
    {
        var team = person.TeamId is { } t ? await db.Teams.Where(x => x.Id == t).Select(x => x.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var manager = person.ManagerId is { } m ? await db.Users.Where(x => x.Id == m).Select(x => x.DisplayName).FirstOrDefaultAsync(cancellationToken) : null;
        return $"team={team ?? "none"}; manager={manager ?? "none"}; roles={string.Join("+", roles.Order(StringComparer.Ordinal))}; title={person.JobTitle ?? "none"}; zone={person.TimeZoneId}";
    }

    internal static string NewStamp() => Guid.NewGuid().ToString("N").ToUpperInvariant();
}
