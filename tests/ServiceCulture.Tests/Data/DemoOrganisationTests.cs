using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.People;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Data;

public sealed class DemoOrganisationTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_demo_organisation_has_five_teams_with_managers_and_the_named_accounts()
    {
        await App.WithDbAsync(async db =>
        {
            Assert.Equal(5, await db.Teams.CountAsync());
            Assert.True(await db.Teams.AllAsync(t => t.ManagerId != null));
            Assert.InRange(await db.Users.CountAsync(), 35, 45);

            var emma = await db.Users.Include(u => u.Manager).SingleAsync(u => u.Email == DemoOrganisation.EmployeeEmail);
            Assert.Equal(DemoOrganisation.ManagerEmail, emma.Manager!.Email);

            var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name })
                .Join(db.Users, x => x.UserId, u => u.Id, (x, u) => new { u.Email, x.Name })
                .ToListAsync();
            Assert.Contains(roles, r => r.Email == DemoOrganisation.AdminEmail && r.Name == Roles.Admin);
            Assert.Contains(roles, r => r.Email == DemoOrganisation.ManagerEmail && r.Name == Roles.Manager);
            Assert.DoesNotContain(roles, r => r.Email == DemoOrganisation.EmployeeEmail && r.Name != Roles.Employee);
            Assert.Equal(await db.Users.CountAsync(), roles.Count(r => r.Name == Roles.Employee));
        });
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        await using var scope = App.Scope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoOrganisation>().SeedAsync(CancellationToken.None);
        Assert.False(seeded);
        Assert.Equal(DemoOrganisation.PeopleCount, await App.WithDbAsync(db => db.Users.CountAsync()));
    }
}
