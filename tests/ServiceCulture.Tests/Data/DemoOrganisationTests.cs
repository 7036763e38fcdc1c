using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.People;
using ServiceCulture.Reporting;
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
    public async Task The_demo_has_a_year_of_figures_and_snapshots_and_every_team_shows_its_recent_satisfaction_but_nothing_is_rated_this_month()
    {
        var thisMonth = ReportRange.MonthOf(App.Factory.Clock.UtcNow);
        var first = thisMonth.AddMonths(-12);
        await App.WithDbAsync(async db =>
        {
            var teams = await db.Teams.Select(t => t.Id).ToListAsync();
            Assert.Equal(teams.Count * 12, await db.OutcomeMeasures.CountAsync(o => o.Month >= first && o.Month < thisMonth && o.Csat != null && o.Nps != null && o.Complaints != null));
            Assert.False(await db.OutcomeMeasures.AnyAsync(o => o.Month >= thisMonth));
            Assert.False(await db.ServiceRatings.AnyAsync(r => r.Month >= thisMonth));
            Assert.False(await db.ServiceRatings.AnyAsync(r => r.RaterTeamId == r.RatedTeamId));
            Assert.Equal((teams.Count + 1) * 12, await db.ReportSnapshots.CountAsync(s => s.Month >= first && s.Month < thisMonth));
        });

        // Each of the last six months has at least three different raters per team, so the figure shows.
        await using var scope = App.Scope();
        var builder = scope.ServiceProvider.GetRequiredService<ReportBuilder>();
        var report = await builder.BuildAsync(null, ReportRange.ForMonth(thisMonth.AddMonths(-1)), App.Factory.Clock.UtcNow, CancellationToken.None);
        Assert.True(report.FromSnapshot);
        Assert.All(report.Teams, t => Assert.True(t.Figures.SatisfactionReceived.IsShown, t.Name));
        Assert.All(report.Trend, p => Assert.True(p.FromSnapshot || p.Month == thisMonth));
        Assert.All(report.Trend, p => Assert.NotNull(p.Figures.Outcomes.Csat));
        Assert.True(report.Figures.Moments.Total > 0);
    }

    [Fact]
    public async Task Seeding_again_changes_nothing()
    {
        await using var scope = App.Scope();
        var seeded = await scope.ServiceProvider.GetRequiredService<DemoOrganisation>().SeedAsync(CancellationToken.None);
        Assert.False(seeded);
        Assert.Equal(DemoOrganisation.PeopleCount, await App.WithDbAsync(db => db.Users.CountAsync()));
    }

    [Fact]
    public async Task Demo_recognitions_are_told_to_recipients_in_the_words_the_portal_uses()
    {
        var notices = await App.WithDbAsync(db => db.Notifications.AsNoTracking()
            .Where(n => n.Kind == ServiceCulture.Notifications.NotificationKind.RecognitionReceived)
            .Select(n => new { n.Key, n.Text }).ToListAsync());
        Assert.NotEmpty(notices);
        var recognitions = await App.WithDbAsync(db => db.Recognitions.AsNoTracking().Include(r => r.Giver).ToDictionaryAsync(r => "recognition:" + r.Id));
        foreach (var notice in notices)
        {
            var recognition = recognitions[notice.Key];
            Assert.Equal(ServiceCulture.Recognitions.RecognitionRules.ReceivedNotice(recognition.Giver!.DisplayName, recognition), notice.Text);
        }
    }

    [Fact]
    public async Task Demo_allowances_hold_exactly_what_the_demo_recognitions_spent()
    {
        var people = await App.WithDbAsync(db => db.Users.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.TimeZoneId));
        var recognitions = await App.WithDbAsync(db => db.Recognitions.AsNoTracking().Where(r => r.DeletedAt == null)
            .Select(r => new { r.GiverId, r.CreatedAt, Cost = r.Points * r.Recipients.Count }).ToListAsync());
        var spent = recognitions
            .GroupBy(r => (r.GiverId, ServiceCulture.Recognitions.RecognitionRules.MonthOf(r.CreatedAt, people[r.GiverId])))
            .Where(g => g.Sum(r => r.Cost) > 0)
            .ToDictionary(g => g.Key, g => g.Sum(r => r.Cost));
        var allowances = await App.WithDbAsync(db => db.Allowances.AsNoTracking().Where(a => a.Spent > 0).ToDictionaryAsync(a => (a.EmployeeId, a.Month), a => a.Spent));
        Assert.Equal(spent.OrderBy(s => s.Key), allowances.OrderBy(a => a.Key));
    }
}
