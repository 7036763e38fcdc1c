using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Rules;

namespace ServiceCulture.People;

/// <summary>A team as an admin enters it: its name, the team it sits in, and its manager by email.</summary>
public sealed record TeamDraft(string? Name, int? ParentTeamId, string? ManagerEmail);

/// <summary>
/// Admin rules for teams: unique names, a tree of parent teams that never goes round in a circle, an
/// active manager, and archiving only once nobody active is left in the team. Every change is audited
/// with the values before and after.
/// </summary>
public sealed class TeamAdministration(AppDbContext db, AuditLog audit, TimeProvider clock)
{
    public async Task<RuleResult<Team>> CreateAsync(int actorId, TeamDraft draft, CancellationToken cancellationToken)
    {
        var (refusals, name, managerId) = await ValidateAsync(null, draft, cancellationToken);
        if (refusals.Count > 0)
        {
            return RuleResult<Team>.Refused(refusals);
        }

        var team = new Team { Name = name, ParentTeamId = draft.ParentTeamId, ManagerId = managerId };
        var after = await DescribeAsync(team, cancellationToken);
        // The audit entry names the new team's id, so the team and its entry are saved in one transaction.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.Teams.Add(team);
        if (!await SaveAsync(cancellationToken))
        {
            return RuleResult<Team>.Refused(Refusal.Conflict("Another team took this name a moment ago; choose another.", nameof(TeamDraft.Name)));
        }

        audit.Record(actorId, "team.created", nameof(Team), team.Id, name, null, after);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return RuleResult<Team>.Done(team);
    }

    /// <summary>Renames the team, moves it under another parent (or to the top) and sets its manager, in one change.</summary>
    public async Task<RuleResult> ChangeAsync(int actorId, int teamId, TeamDraft draft, CancellationToken cancellationToken)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return RuleResult.Refused(Refusal.NotFound("This team does not exist."));
        }

        var (refusals, name, managerId) = await ValidateAsync(team, draft, cancellationToken);
        if (refusals.Count > 0)
        {
            return RuleResult.Refused(refusals);
        }

        var before = await DescribeAsync(team, cancellationToken);
        team.Name = name;
        team.ParentTeamId = draft.ParentTeamId;
        team.ManagerId = managerId;
        var after = await DescribeAsync(team, cancellationToken);
        if (before == after)
        {
            return RuleResult.Done;
        }

        audit.Record(actorId, "team.changed", nameof(Team), team.Id, name, before, after);
        return await SaveAsync(cancellationToken)
            ? RuleResult.Done
            : RuleResult.Refused(Refusal.Conflict("Another team took this name a moment ago; choose another.", nameof(TeamDraft.Name)));
    }

    /// <summary>Archives a team nobody active belongs to: it leaves pickers and filters, its history stays.</summary>
    public async Task<RuleResult> ArchiveAsync(int actorId, int teamId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return RuleResult.Refused(Refusal.NotFound("This team does not exist."));
        }

        if (team.ArchivedAt is not null)
        {
            return RuleResult.Refused(Refusal.Conflict($"{team.Name} is already archived."));
        }

        var refusals = new List<Refusal>();
        var active = await db.Users.CountAsync(u => u.TeamId == teamId && u.IsActive, cancellationToken);
        if (active > 0)
        {
            refusals.Add(Refusal.Invalid(null, active == 1
                ? $"1 active person is still in {team.Name}; move them to another team (or deactivate them) first."
                : $"{active} active people are still in {team.Name}; move them to other teams (or deactivate them) first."));
        }

        var subTeams = await db.Teams.Where(t => t.ParentTeamId == teamId && t.ArchivedAt == null).Select(t => t.Name).ToListAsync(cancellationToken);
        if (subTeams.Count > 0)
        {
            refusals.Add(Refusal.Invalid(null, $"{team.Name} still holds {string.Join(", ", subTeams.Order(StringComparer.Ordinal))}; move or archive those teams first."));
        }

        if (refusals.Count > 0)
        {
            return RuleResult.Refused(refusals);
        }

        team.ArchivedAt = clock.GetUtcNow().UtcDateTime;
        audit.Record(actorId, "team.archived", nameof(Team), team.Id, team.Name, "archived=no", "archived=yes");
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    public async Task<RuleResult> UnarchiveAsync(int actorId, int teamId, CancellationToken cancellationToken)
    {
        var team = await db.Teams.SingleOrDefaultAsync(t => t.Id == teamId, cancellationToken);
        if (team is null)
        {
            return RuleResult.Refused(Refusal.NotFound("This team does not exist."));
        }

        if (team.ArchivedAt is null)
        {
            return RuleResult.Refused(Refusal.Conflict($"{team.Name} is not archived."));
        }

        team.ArchivedAt = null;
        audit.Record(actorId, "team.unarchived", nameof(Team), team.Id, team.Name, "archived=yes", "archived=no");
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>Every reason the draft cannot be saved, with the trimmed name and the manager it names.</summary>
    private async Task<(List<Refusal> Refusals, string Name, int? ManagerId)> ValidateAsync(Team? team, TeamDraft draft, CancellationToken cancellationToken)
    {
        var refusals = new List<Refusal>();
        var name = draft.Name?.Trim() ?? "";
        if (name.Length is 0 or > Team.NameMaxLength)
        {
            refusals.Add(Refusal.Invalid(nameof(TeamDraft.Name), $"Enter a name of up to {Team.NameMaxLength} characters."));
        }
        else
        {
            var upper = name.ToUpperInvariant();
            var selfId = team?.Id ?? 0;
            if (await db.Teams.AnyAsync(t => t.Id != selfId && t.Name.ToUpper() == upper, cancellationToken))
            {
                refusals.Add(Refusal.Invalid(nameof(TeamDraft.Name), $"A team called {name} already exists (archived teams keep their names too); choose another name."));
            }
        }

        if (draft.ParentTeamId is { } parentId)
        {
            var parent = await db.Teams.AsNoTracking().Where(t => t.Id == parentId).Select(t => new { t.Name, t.ArchivedAt }).SingleOrDefaultAsync(cancellationToken);
            if (parent is null)
            {
                refusals.Add(Refusal.Invalid(nameof(TeamDraft.ParentTeamId), "Choose a parent team from the list."));
            }
            else if (team is not null && parentId == team.Id)
            {
                refusals.Add(Refusal.Invalid(nameof(TeamDraft.ParentTeamId), "A team cannot sit inside itself."));
            }
            else if (parent.ArchivedAt is not null && parentId != team?.ParentTeamId)
            {
                refusals.Add(Refusal.Invalid(nameof(TeamDraft.ParentTeamId), $"{parent.Name} is archived; choose a team that is not."));
            }
            else if (team is not null)
            {
                var parents = await db.Teams.AsNoTracking().Where(t => t.ParentTeamId != null).ToDictionaryAsync(t => t.Id, t => t.ParentTeamId, cancellationToken);
                if (ManagerChain.WouldCycle(team.Id, (int?)parentId, id => parents.GetValueOrDefault(id)))
                {
                    refusals.Add(Refusal.Invalid(nameof(TeamDraft.ParentTeamId), $"{parent.Name} is inside {team.Name}, directly or through other teams: moving {team.Name} under it would make the teams go round in a circle."));
                }
            }
        }

        int? managerId = null;
        if (draft.ManagerEmail?.Trim() is { Length: > 0 } email)
        {
            var normalized = email.ToUpperInvariant();
            managerId = await db.Users.Where(u => u.NormalizedEmail == normalized && u.IsActive).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (managerId is null)
            {
                refusals.Add(Refusal.Invalid(nameof(TeamDraft.ManagerEmail), $"No active person has the email {email}."));
            }
        }

        return (refusals, name, managerId);
    }

    private async Task<bool> SaveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return true;
        }
        catch (DbUpdateException)
        {
            // The unique name index: another admin saved the same name between the check and the save.
            db.ChangeTracker.Clear();
            return false;
        }
    }

    private async Task<string> DescribeAsync(Team team, CancellationToken cancellationToken)
    {
        var parent = team.ParentTeamId is { } p ? await db.Teams.Where(t => t.Id == p).Select(t => t.Name).FirstOrDefaultAsync(cancellationToken) : null;
        var manager = team.ManagerId is { } m ? await db.Users.Where(u => u.Id == m).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) : null;
        return $"name={team.Name}; parent={parent ?? "none"}; manager={manager ?? "none"}";
    }
}
