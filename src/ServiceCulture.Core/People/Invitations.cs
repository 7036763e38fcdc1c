using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Email;
using ServiceCulture.Rules;

namespace ServiceCulture.People;

/// <summary>Builds the absolute link a person opens to accept an invitation (the web host knows the route).</summary>
public interface IInvitationLinks
{
    string AcceptUrl(string token);
}

/// <summary>A person to add by invitation.</summary>
public sealed record NewPerson(string Name, string Email, int? TeamId, int? ManagerId, string Role, string? JobTitle, string TimeZoneId);

/// <summary>Inviting people: a new account without a password, and a one-time link to choose one.</summary>
public sealed class Invitations(AppDbContext db, AuditLog audit, TimeProvider clock, Outbox outbox, OutboxDispatcher dispatcher, IInvitationLinks links, ILogger<Invitations> logger)
{
    public async Task<(RuleResult Outcome, int? EmployeeId)> InviteAsync(int actorId, NewPerson person, CancellationToken cancellationToken)
    {
        var email = person.Email.Trim();
        var name = person.Name.Trim();
        if (name.Length is 0 or > Employee.DisplayNameMaxLength)
        {
            return (RuleResult.Refused(Refusal.Invalid(nameof(person.Name), $"Enter a name of up to {Employee.DisplayNameMaxLength} characters.")), null);
        }

        if (!EmailAddress.IsValid(email))
        {
            return (RuleResult.Refused(Refusal.Invalid(nameof(person.Email), "Enter an email address like name@company.com.")), null);
        }

        var normalized = email.ToUpperInvariant();
        if (await db.Users.AnyAsync(u => u.NormalizedEmail == normalized, cancellationToken))
        {
            return (RuleResult.Refused(Refusal.Invalid(nameof(person.Email), "Someone with this email is already in the portal; find them in the list to resend their invitation.")), null);
        }

        if (person.TeamId is { } teamId && !await db.Teams.AnyAsync(t => t.Id == teamId && t.ArchivedAt == null, cancellationToken))
        {
            return (RuleResult.Refused(Refusal.Invalid(nameof(person.TeamId), "Choose a team that exists and is not archived.")), null);
        }

        if (person.ManagerId is { } managerId && !await db.Users.AnyAsync(u => u.Id == managerId && u.IsActive, cancellationToken))
        {
            return (RuleResult.Refused(Refusal.Invalid(nameof(person.ManagerId), "Choose an active person as manager.")), null);
        }

        if (!ServiceTimeZones.IsKnown(person.TimeZoneId))
        {
            return (RuleResult.Refused(Refusal.Invalid(nameof(person.TimeZoneId), "Choose a time zone from the list.")), null);
        }

        if (!Roles.All.Contains(person.Role))
        {
            return (RuleResult.Refused(Refusal.Invalid(nameof(person.Role), "Choose Employee, Manager or Admin.")), null);
        }

        var employee = NewEmployee(name, email, person.TeamId, person.ManagerId, person.JobTitle, person.TimeZoneId, clock.GetUtcNow().UtcDateTime);
        db.Users.Add(employee);
        await db.SaveChangesAsync(cancellationToken);
        var roleIds = await RoleSetup.RoleIdsAsync(db, cancellationToken);
        foreach (var role in RolesFor(person.Role))
        {
            db.UserRoles.Add(new IdentityUserRole<int> { UserId = employee.Id, RoleId = roleIds[role] });
        }

        audit.Record(actorId, "person.invited", nameof(Employee), employee.Id, name, null, $"email={email}; role={person.Role}");
        await db.SaveChangesAsync(cancellationToken);
        await SendAsync(actorId, employee.Id, cancellationToken);
        return (RuleResult.Done, employee.Id);
    }

    /// <summary>
    /// Sends a new link to someone who has not accepted yet; earlier links stop working and their mail,
    /// if still waiting, is not sent. Also used for the first invitation and by the import. The email is
    /// queued in the outbox in the same save as the invitation; with <paramref name="sendNow"/> it is also
    /// sent at once (an admin at the form), otherwise the dispatcher sends it (the import).
    /// </summary>
    public async Task<RuleResult> SendAsync(int? actorId, int employeeId, CancellationToken cancellationToken, bool sendNow = true)
    {
        var person = await db.Users.AsNoTracking()
            .Where(u => u.Id == employeeId)
            .Select(u => new { u.DisplayName, u.Email, u.IsActive, HasPassword = u.PasswordHash != null })
            .SingleOrDefaultAsync(cancellationToken);
        if (person is null || !person.IsActive)
        {
            return RuleResult.Refused(Refusal.Invalid(null, "Only active people can be invited."));
        }

        if (person.HasPassword)
        {
            return RuleResult.Refused(Refusal.Invalid(null, $"{person.DisplayName} has already chosen a password and can sign in."));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        await StopOpenInvitationsAsync(employeeId, now, "A newer invitation replaced this one.", cancellationToken);
        var (token, hash) = Invitation.NewToken();
        var invitation = new Invitation { EmployeeId = employeeId, InvitedById = actorId, TokenHash = hash, CreatedAt = now, ExpiresAt = now + Invitation.ValidFor };
        db.Invitations.Add(invitation);
        // The n-th invitation to this person: a resend is a new email, the same send twice is one.
        var sendNumber = await db.Invitations.CountAsync(i => i.EmployeeId == employeeId, cancellationToken) + 1;
        var inviter = actorId is { } a ? await db.Users.Where(u => u.Id == a).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken) : null;
        var message = outbox.Enqueue(employeeId, EmailKind.Invitation, InvitationMail.SourceOf(sendNumber), InvitationMail.Content(inviter, links.AcceptUrl(token), invitation.ExpiresAt));
        audit.Record(actorId, "invitation.sent", nameof(Employee), employeeId, person.DisplayName, null, $"invitation={sendNumber}; expires={invitation.ExpiresAt:yyyy-MM-dd HH:mm} UTC");
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another admin (or node) sent this person an invitation at the same moment: theirs stands.
            db.ChangeTracker.Clear();
            return RuleResult.Refused(Refusal.Invalid(null, $"An invitation to {person.DisplayName} was sent at the same moment; that one is on its way."));
        }

        if (sendNow)
        {
            try
            {
                await dispatcher.SendNowAsync(message.Id, cancellationToken);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                // The outbox keeps it: the dispatcher retries with back-off, and the admin can resend.
                logger.LogError(error, "Could not send the invitation to person {EmployeeId} at once", employeeId);
            }
        }

        return RuleResult.Done;
    }

    public async Task<RuleResult> RevokeAsync(int actorId, int employeeId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (await StopOpenInvitationsAsync(employeeId, now, "The invitation was revoked.", cancellationToken) == 0)
        {
            return RuleResult.Refused(Refusal.Invalid(null, "There is no open invitation to revoke."));
        }

        audit.Record(actorId, "invitation.revoked", nameof(Employee), employeeId);
        await db.SaveChangesAsync(cancellationToken);
        return RuleResult.Done;
    }

    /// <summary>Stages the revocation of open invitations and the skipping of their mail still waiting to leave; returns how many were open.</summary>
    private async Task<int> StopOpenInvitationsAsync(int employeeId, DateTime now, string reason, CancellationToken cancellationToken)
    {
        var open = await db.Invitations.Where(i => i.EmployeeId == employeeId && i.AcceptedAt == null && i.RevokedAt == null).ToListAsync(cancellationToken);
        foreach (var invitation in open)
        {
            invitation.RevokedAt = now;
        }

        var waiting = await db.OutboxMessages
            .Where(m => m.RecipientId == employeeId && m.Kind == EmailKind.Invitation && m.Status == OutboxStatus.Pending)
            .ToListAsync(cancellationToken);
        foreach (var message in waiting)
        {
            message.Status = OutboxStatus.Skipped;
            message.LastError = reason;
        }

        return open.Count;
    }

    /// <summary>The invitation behind a link, if the link is one we issued; never throws on a forged token.</summary>
    public async Task<Invitation?> FindAsync(string? token, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100)
        {
            return null;
        }

        var hash = Invitation.Hash(token);
        return await db.Invitations.Include(i => i.Employee).SingleOrDefaultAsync(i => i.TokenHash == hash, cancellationToken);
    }

    internal static IEnumerable<string> RolesFor(string role) => role switch
    {
        Roles.Admin => [Roles.Employee, Roles.Manager, Roles.Admin],
        Roles.Manager => [Roles.Employee, Roles.Manager],
        _ => [Roles.Employee],
    };

    /// <summary>A new account as Identity would create it, without a password: it cannot sign in until the invitation is accepted.</summary>
    internal static Employee NewEmployee(string name, string email, int? teamId, int? managerId, string? jobTitle, string timeZoneId, DateTime now) => new()
    {
        UserName = email,
        NormalizedUserName = email.ToUpperInvariant(),
        Email = email,
        NormalizedEmail = email.ToUpperInvariant(),
        EmailConfirmed = true,
        LockoutEnabled = true,
        SecurityStamp = PeopleAdministration.NewStamp(),
        ConcurrencyStamp = Guid.NewGuid().ToString(),
        DisplayName = name,
        TeamId = teamId,
        ManagerId = managerId,
        JobTitle = string.IsNullOrWhiteSpace(jobTitle) ? null : jobTitle.Trim(),
        TimeZoneId = timeZoneId,
        JoinedAt = now,
    };
}

/// <summary>The one check for an email address, shared by the invitation form and the import.</summary>
public static class EmailAddress
{
    public static bool IsValid(string? email) =>
        email is { Length: > 3 and <= 256 }
        && !email.Any(char.IsWhiteSpace)
        && email.IndexOf('@') is var at && at > 0 && at < email.Length - 3
        && email.IndexOf('@', at + 1) < 0
        && email[(at + 1)..].Contains('.', StringComparison.Ordinal)
        && !email.EndsWith('.');
}
