using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceCulture.Data;

namespace ServiceCulture.People.Import;

/// <summary>
/// Applies a queued import. The work is resumable: rows are applied in batches, each batch marks its
/// rows applied in the same transaction that changes the people, and everything else it does
/// (managers, deactivations, invitations) is idempotent. A run stopped half-way and run again
/// completes the import with nothing done twice.
/// </summary>
public sealed class PeopleImportJob(AppDbContext db, Invitations invitations, TimeProvider clock, ILogger<PeopleImportJob> logger)
{
    public const int BatchSize = 1000;

    public Task RunAsync(long importId, CancellationToken cancellationToken) => ApplyAsync(importId, cancellationToken);

    public async Task ApplyAsync(long importId, CancellationToken cancellationToken)
    {
        var import = await db.PeopleImports.SingleOrDefaultAsync(i => i.Id == importId, cancellationToken);
        if (import is null || import.Status is ImportStatus.Completed or ImportStatus.Previewed || import.ErrorRows > 0)
        {
            return;
        }

        import.Status = ImportStatus.Running;
        import.StartedAt ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        try
        {
            var roleIds = await RoleSetup.RoleIdsAsync(db, cancellationToken);
            while (await ApplyNextBatchAsync(importId, roleIds, cancellationToken))
            {
                db.ChangeTracker.Clear();
            }

            await SetManagersAsync(importId, cancellationToken);
            await DeactivateMissingAsync(importId, cancellationToken);
            if (import.SendInvitations)
            {
                await InviteNewPeopleAsync(importId, cancellationToken);
            }

            await db.PeopleImports.Where(i => i.Id == importId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Completed).SetProperty(i => i.FinishedAt, clock.GetUtcNow().UtcDateTime), cancellationToken);
        }
        catch (Exception error) when (error is not OperationCanceledException)
        {
            logger.LogError(error, "People import {ImportId} failed", importId);
            db.ChangeTracker.Clear();
            var message = error.Message.Length > 1000 ? error.Message[..1000] : error.Message;
            await db.PeopleImports.Where(i => i.Id == importId)
                .ExecuteUpdateAsync(s => s.SetProperty(i => i.Status, ImportStatus.Failed).SetProperty(i => i.Failure, message), CancellationToken.None);
            throw;
        }
    }

    private async Task<bool> ApplyNextBatchAsync(long importId, IReadOnlyDictionary<string, int> roleIds, CancellationToken cancellationToken)
    {
        var rows = await db.PeopleImportRows.AsNoTracking()
            .Where(r => r.ImportId == importId && !r.Applied && (r.Change == RowChange.New || r.Change == RowChange.Updated || r.Change == RowChange.Unchanged))
            .OrderBy(r => r.Line)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return false;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // Teams the batch names that do not exist yet are created first.
        var teamNames = rows.Where(r => r.Team is not null).Select(r => r.Team!).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var teams = (await db.Teams.Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            .ToDictionary(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var created = teamNames.Where(n => !teams.ContainsKey(n)).Select(n => new Team { Name = n }).ToList();
        if (created.Count > 0)
        {
            db.Teams.AddRange(created);
            await db.SaveChangesAsync(cancellationToken);
            foreach (var team in created)
            {
                teams[team.Name] = team.Id;
            }
        }

        var emails = rows.Select(r => r.Email.ToUpperInvariant()).ToList();
        var existing = await db.Users.Where(u => emails.Contains(u.NormalizedEmail!)).ToDictionaryAsync(u => u.NormalizedEmail!, StringComparer.Ordinal, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = new List<(PeopleImportRow Row, Employee Person)>();
        foreach (var row in rows)
        {
            int? teamId = row.Team is { } name ? teams[name] : null;
            if (existing.TryGetValue(row.Email.ToUpperInvariant(), out var person))
            {
                // Assigning equal values leaves EF's change tracking quiet, so unchanged rows write nothing.
                person.DisplayName = row.Name;
                person.TeamId = teamId;
                person.JobTitle = row.JobTitle;
                person.TimeZoneId = row.TimeZoneId;
                person.IsActive = true;
            }
            else
            {
                person = Invitations.NewEmployee(row.Name, row.Email, teamId, managerId: null, row.JobTitle, row.TimeZoneId, now);
                db.Users.Add(person);
                added.Add((row, person));
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // Roles: the row's role is the highest one the person holds afterwards.
        var people = existing.Values.Concat(added.Select(a => a.Person)).ToDictionary(p => p.NormalizedEmail!, p => p.Id, StringComparer.Ordinal);
        var ids = people.Values.ToList();
        var held = (await db.UserRoles.Where(r => ids.Contains(r.UserId)).ToListAsync(cancellationToken)).ToLookup(r => r.UserId);
        foreach (var row in rows)
        {
            var id = people[row.Email.ToUpperInvariant()];
            var wanted = Invitations.RolesFor(row.Role).Select(r => roleIds[r]).ToHashSet();
            foreach (var role in held[id].Where(r => !wanted.Contains(r.RoleId)))
            {
                db.UserRoles.Remove(role);
            }

            foreach (var roleId in wanted.Where(w => !held[id].Any(r => r.RoleId == w)))
            {
                db.UserRoles.Add(new IdentityUserRole<int> { UserId = id, RoleId = roleId });
            }

        }

        await db.SaveChangesAsync(cancellationToken);
        var rowIds = rows.Select(r => r.Id).ToList();
        await db.PeopleImportRows.Where(r => rowIds.Contains(r.Id)).ExecuteUpdateAsync(s => s.SetProperty(r => r.Applied, true), cancellationToken);
        await db.PeopleImports.Where(i => i.Id == importId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AppliedRows, i => db.PeopleImportRows.Count(r => r.ImportId == importId && r.Applied)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private async Task SetManagersAsync(long importId, CancellationToken cancellationToken)
    {
        var wanted = await db.PeopleImportRows.AsNoTracking()
            .Where(r => r.ImportId == importId && r.Change != RowChange.Deactivated && r.Change != RowChange.Invalid)
            .Select(r => new { r.Email, r.ManagerEmail })
            .ToListAsync(cancellationToken);
        var people = (await db.Users.AsNoTracking().Where(u => u.NormalizedEmail != null).Select(u => new { u.Id, u.NormalizedEmail, u.ManagerId }).ToListAsync(cancellationToken))
            .ToDictionary(u => u.NormalizedEmail!, StringComparer.Ordinal);

        // One statement per manager whose people change, not one per person.
        var changes = wanted
            .Select(r => (Person: people[r.Email.ToUpperInvariant()], ManagerId: r.ManagerEmail is { } m ? people[m.ToUpperInvariant()].Id : (int?)null))
            .Where(c => c.Person.ManagerId != c.ManagerId)
            .GroupBy(c => c.ManagerId);
        foreach (var group in changes)
        {
            foreach (var batch in group.Select(c => c.Person.Id).Chunk(BatchSize))
            {
                await db.Users.Where(u => batch.Contains(u.Id))
                    .ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, group.Key).SetProperty(u => u.ConcurrencyStamp, Guid.NewGuid().ToString()), cancellationToken);
            }
        }
    }

    private async Task DeactivateMissingAsync(long importId, CancellationToken cancellationToken)
    {
        var rows = await db.PeopleImportRows.Where(r => r.ImportId == importId && r.Change == RowChange.Deactivated && !r.Applied).ToListAsync(cancellationToken);
        if (rows.Count == 0)
        {
            return;
        }

        var ids = rows.Select(r => r.EmployeeId!.Value).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        foreach (var person in await db.Users.Where(u => ids.Contains(u.Id) && u.IsActive).ToListAsync(cancellationToken))
        {
            person.IsActive = false;
            person.SecurityStamp = PeopleAdministration.NewStamp();
        }

        foreach (var row in rows)
        {
            row.Applied = true;
        }

        await db.SaveChangesAsync(cancellationToken);
        await db.PeopleImports.Where(i => i.Id == importId)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.AppliedRows, i => db.PeopleImportRows.Count(r => r.ImportId == importId && r.Applied)), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    private async Task InviteNewPeopleAsync(long importId, CancellationToken cancellationToken)
    {
        var actor = await db.PeopleImports.Where(i => i.Id == importId).Select(i => i.CreatedById).SingleAsync(cancellationToken);
        var emails = await db.PeopleImportRows.AsNoTracking()
            .Where(r => r.ImportId == importId && r.Change == RowChange.New)
            .Select(r => r.Email.ToUpper())
            .ToListAsync(cancellationToken);
        foreach (var batch in emails.Chunk(BatchSize))
        {
            // Only people who never had an invitation and have no password: a re-run sends nothing twice.
            var uninvited = await db.Users.AsNoTracking()
                .Where(u => batch.Contains(u.NormalizedEmail!) && u.IsActive && u.PasswordHash == null && !db.Invitations.Any(i => i.EmployeeId == u.Id))
                .Select(u => u.Id)
                .ToListAsync(cancellationToken);
            foreach (var id in uninvited)
            {
                await invitations.SendAsync(actor, id, cancellationToken, sendNow: false);
            }
        }
    }
}
