using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using R = ServiceCulture.Tests.Infrastructure.Recognitions;

namespace ServiceCulture.Tests.Gamification;

public sealed class LedgerTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_same_event_is_never_counted_twice()
    {
        var liam = await M.PersonAsync(App, "liam.byrne@demo.test");
        var entry = new PointsEntry { EmployeeId = liam, Amount = 10, Reason = PointsReason.MomentLogged, Source = "moment:424242", At = App.Factory.Clock.UtcNow, Elements = ServiceElements.Focus };
        await using (var scope = App.Scope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            Assert.Single(await ledger.RecordAsync([entry], CancellationToken.None));
        }

        await using (var scope = App.Scope())
        {
            var ledger = scope.ServiceProvider.GetRequiredService<PointsLedger>();
            var again = new PointsEntry { EmployeeId = liam, Amount = 10, Reason = PointsReason.MomentLogged, Source = "moment:424242", At = App.Factory.Clock.UtcNow };
            Assert.Empty(await ledger.RecordAsync([again, again], CancellationToken.None));
        }

        Assert.Equal(1, await App.WithDbAsync(db => db.PointsLedger.CountAsync(e => e.Source == "moment:424242")));
        await AssertRollupsMatchLedgerAsync();
    }

    [Fact]
    public async Task The_database_refuses_a_duplicate_ledger_key_even_past_the_service()
    {
        var liam = await M.PersonAsync(App, "liam.byrne@demo.test");
        await App.WithDbAsync(async db =>
        {
            db.PointsLedger.Add(new PointsEntry { EmployeeId = liam, Amount = 1, Reason = PointsReason.Badge, Source = "badge:test", At = App.Factory.Clock.UtcNow });
            await db.SaveChangesAsync();
        });
        await Assert.ThrowsAsync<DbUpdateException>(() => App.WithDbAsync(async db =>
        {
            db.PointsLedger.Add(new PointsEntry { EmployeeId = liam, Amount = 1, Reason = PointsReason.Badge, Source = "badge:test", At = App.Factory.Clock.UtcNow });
            await db.SaveChangesAsync();
        }));
    }

    [Fact]
    public async Task Logging_moments_earns_points_up_to_three_a_day_and_deleting_adds_a_reversing_row()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("sofia.rossi@demo.test");
        var sofia = await M.PersonAsync(App, "sofia.rossi@demo.test");
        var before = await R.PointsAsync(App, sofia);
        var ids = new List<long>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await M.LogAsync(client, M.ValidForm($"Moment {i} of a busy day")));
        }

        var gained = await R.PointsAsync(App, sofia) - before;
        // Three moments count today; the fourth is logged but earns nothing. Badges may add their bonus.
        var momentPoints = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == sofia && e.Reason == PointsReason.MomentLogged && ids.Select(id => "moment:" + id).Contains(e.Source)).SumAsync(e => e.Amount));
        Assert.Equal(30, momentPoints);
        Assert.True(gained >= 30);

        using var deleted = await client.SubmitFormAsync($"/Moments/{ids[0]}", [], "form[action*='handler=Delete']");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, deleted.StatusCode);
        var rows = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.Source == $"moment:{ids[0]}").OrderBy(e => e.Id).Select(e => new { e.Reason, e.Amount }).ToListAsync());
        Assert.Equal([(PointsReason.MomentLogged, 10), (PointsReason.MomentReversed, -10)], rows.Select(r => (r.Reason, r.Amount)));
        await AssertRollupsMatchLedgerAsync();

        // The next day the cap starts again.
        App.Factory.Clock.Advance(TimeSpan.FromDays(1));
        await client.SignInOrFailAsync("sofia.rossi@demo.test");
        var tomorrow = await M.LogAsync(client, M.ValidForm("The first moment of the next day"));
        Assert.Equal(10, await App.WithDbAsync(db => db.PointsLedger.Where(e => e.Source == $"moment:{tomorrow}" && e.Reason == PointsReason.MomentLogged).SumAsync(e => e.Amount)));
    }

    [Fact]
    public async Task A_recovery_earns_the_recoverer_25_points()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var miseryId = await M.IdOfAsync(App, "Access request left for a week");
        var noah = await M.PersonAsync(App, "noah.okafor@demo.test");
        var form = M.RecoveryForm();
        form["Form.RecoveredById"] = noah.ToString(System.Globalization.CultureInfo.InvariantCulture);
        using var response = await client.SubmitFormAsync($"/Moments/{miseryId}/Recover", form, "#recovery-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var recoveryId = (await M.LoadAsync(App, miseryId)).RecoveryId!.Value;
        var entry = await App.WithDbAsync(db => db.PointsLedger.SingleAsync(e => e.Source == $"moment:{recoveryId}" && e.Reason == PointsReason.RecoveryLogged));
        Assert.Equal((noah, 25), (entry.EmployeeId, entry.Amount));
    }

    [Fact]
    public async Task Rebuilding_the_rollups_from_the_ledger_gives_the_same_totals()
    {
        var before = await App.WithDbAsync(db => db.PointsTotals.OrderBy(t => t.EmployeeId).Select(t => new { t.EmployeeId, t.Points, t.LeaderboardPoints, t.Focus }).ToListAsync());
        await using (var scope = App.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<PointsLedger>().RebuildRollupsAsync(CancellationToken.None);
        }

        var after = await App.WithDbAsync(db => db.PointsTotals.OrderBy(t => t.EmployeeId).Select(t => new { t.EmployeeId, t.Points, t.LeaderboardPoints, t.Focus }).ToListAsync());
        Assert.NotEmpty(before);
        Assert.Equal(before, after);
        await AssertRollupsMatchLedgerAsync();
    }

    private async Task AssertRollupsMatchLedgerAsync()
    {
        var ledger = await App.WithDbAsync(db => db.PointsLedger.GroupBy(e => e.EmployeeId).Select(g => new { g.Key, Sum = g.Sum(e => e.Amount), Board = g.Sum(e => e.OnLeaderboard ? e.Amount : 0) }).ToListAsync());
        var totals = await App.WithDbAsync(db => db.PointsTotals.ToDictionaryAsync(t => t.EmployeeId));
        var days = await App.WithDbAsync(db => db.PointsDays.GroupBy(d => d.EmployeeId).Select(g => new { g.Key, Sum = g.Sum(d => d.Points) }).ToDictionaryAsync(g => g.Key, g => g.Sum));
        var months = await App.WithDbAsync(db => db.PointsMonths.GroupBy(m => m.EmployeeId).Select(g => new { g.Key, Sum = g.Sum(m => m.Points) }).ToDictionaryAsync(g => g.Key, g => g.Sum));
        foreach (var person in ledger)
        {
            Assert.Equal(person.Sum, totals[person.Key].Points);
            Assert.Equal(person.Board, totals[person.Key].LeaderboardPoints);
            Assert.Equal(person.Board, days[person.Key]);
            Assert.Equal(person.Board, months[person.Key]);
        }
    }
}
