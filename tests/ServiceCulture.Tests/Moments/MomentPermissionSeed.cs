using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Tests.Infrastructure;
using static ServiceCulture.Tests.Moments.MomentPermissionMatrix;

namespace ServiceCulture.Tests.Moments;

/// <summary>The matrix as rows in the demo organisation: Emma's moments in every state and visibility, and who looks at them.</summary>
public static class MomentPermissionSeed
{
    public sealed record Cell(long Id, State State, Visibility Visibility);

    public static readonly IReadOnlyDictionary<Role, string> Emails = new Dictionary<Role, string>
    {
        [Role.Author] = DemoOrganisation.EmployeeEmail,
        [Role.Teammate] = "noah.okafor@demo.test",
        [Role.OtherTeam] = "daniel.kim@demo.test",
        [Role.Manager] = DemoOrganisation.ManagerEmail,
        [Role.Admin] = DemoOrganisation.AdminEmail,
    };

    /// <summary>The demo person in a role, as the rules see them.</summary>
    public static async Task<Actor> ActorAsync(IPortalHost app, Role role)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
        var person = await users.FindByEmailAsync(Emails[role]) ?? throw new InvalidOperationException(Emails[role]);
        return new Actor(person.Id, person.TeamId, person.TimeZoneId, await users.IsInRoleAsync(person, Roles.Admin));
    }

    /// <summary>Writes one of Emma's moments per state and visibility (only "Everyone" when <paramref name="everyoneOnly"/>).</summary>
    public static async Task<IReadOnlyList<Cell>> SeedAsync(IPortalHost app, bool everyoneOnly = false)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var emma = await db.Users.SingleAsync(u => u.Email == DemoOrganisation.EmployeeEmail);
        var cells = new List<(Moment Moment, State State, Visibility Visibility)>();
        foreach (var visibility in everyoneOnly ? [Visibility.Everyone] : Enum.GetValues<Visibility>())
        {
            foreach (var state in Enum.GetValues<State>())
            {
                var facts = Facts(state, visibility, emma.Id, emma.ManagerId, emma.TeamId, now);
                var moment = new Moment
                {
                    Kind = facts.Kind,
                    Title = $"Matrix {state} {visibility}",
                    Story = "A moment written for the permission matrix.",
                    OccurredOn = DateOnly.FromDateTime(facts.CreatedAt),
                    CustomerKind = CustomerKind.External,
                    Elements = ServiceElements.Focus,
                    Visibility = visibility,
                    AuthorId = emma.Id,
                    AuthorTeamId = emma.TeamId,
                    CreatedAt = facts.CreatedAt,
                    DeletedAt = facts.DeletedAt,
                    HiddenAt = facts.HiddenAt,
                    HiddenById = facts.HiddenAt is null ? null : emma.ManagerId,
                    HiddenReason = facts.HiddenAt is null ? null : "Names a customer.",
                    RecoveredById = facts.Kind == MomentKind.Recovery ? emma.Id : null,
                };
                db.Moments.Add(moment);
                cells.Add((moment, state, visibility));
            }
        }

        await db.SaveChangesAsync();
        foreach (var (moment, state, _) in cells)
        {
            if (state == State.RecoveredMisery)
            {
                var recovery = cells.First(c => c.State == State.UnsharedRecovery).Moment;
                moment.RecoveryId = recovery.Id;
                moment.RecoveredAt = now;
            }
            else if (state == State.SharedRecovery)
            {
                db.CaseStudies.Add(new CaseStudy
                {
                    RecoveryMomentId = moment.Id,
                    Title = "Shared for the matrix",
                    WhatWentWrong = "Something went wrong.",
                    HowItWasRecovered = "It was put right.",
                    SharedById = emma.Id,
                    SharedAt = now,
                });
            }
        }

        await db.SaveChangesAsync();
        return [.. cells.Select(c => new Cell(c.Moment.Id, c.State, c.Visibility))];
    }
}
