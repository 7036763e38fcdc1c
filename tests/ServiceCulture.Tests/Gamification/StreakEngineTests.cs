using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Gamification;

/// <summary>
/// A streak's weeks are asked of the database as one list of week bounds; each engine must put a
/// moment at a bound's very instant in the week it starts, and one a microsecond before in the week before.
/// </summary>
[Collection(EnginesCollection.Name)]
public sealed class StreakEngineTests(EnginesFixture engines) : EngineTest(engines)
{
    private const string TimeZone = "Asia/Kolkata"; // weeks start at 18:30 UTC on Sundays

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Moments_on_a_weeks_first_instant_count_in_that_week_and_a_microsecond_earlier_in_the_one_before(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var now = app.Factory.Clock.UtcNow;
        var thisWeek = StreakRules.WeekStart(ServiceTimeZones.LocalDate(now, TimeZone));
        DateTime StartOf(int weeksBack) => ServiceTimeZones.StartOfDayUtc(thisWeek.AddDays(-7 * weeksBack), TimeZone);

        var person = await app.WithDbAsync(async db =>
        {
            var someone = await db.Users.OrderBy(u => u.Id).Skip(3).FirstAsync();
            someone.TimeZoneId = TimeZone;
            await db.Moments.Where(m => m.AuthorId == someone.Id).ExecuteUpdateAsync(s => s.SetProperty(m => m.DeletedAt, now));
            await db.Recognitions.Where(r => r.GiverId == someone.Id).ExecuteUpdateAsync(s => s.SetProperty(r => r.DeletedAt, now));
            // Weeks 1 to 3 back at their first instant; week 5 only through a moment a microsecond
            // before week 4 begins; nothing in week 4 itself, so the streak is 3 and the longest 3.
            db.Moments.AddRange(new[] { StartOf(1), StartOf(2), StartOf(3), StartOf(4).AddTicks(-10) }.Select(at => Moment(someone, at)));
            await db.SaveChangesAsync();
            return someone.Id;
        });

        await using var scope = app.Scope();
        var streak = await scope.ServiceProvider.GetRequiredService<StreakRules>().ForAsync(person, TimeZone, CancellationToken.None);
        Assert.Equal((3, 3, false), (streak.Current, streak.Longest, streak.ActiveThisWeek));

        await app.WithDbAsync(async db =>
        {
            db.Moments.Add(Moment(await db.Users.SingleAsync(u => u.Id == person), StartOf(4)));
            await db.SaveChangesAsync();
        });
        var longer = await scope.ServiceProvider.GetRequiredService<StreakRules>().ForAsync(person, TimeZone, CancellationToken.None);
        Assert.Equal((5, 5), (longer.Current, longer.Longest));
    }

    private static Moment Moment(Employee author, DateTime at) => new()
    {
        Kind = MomentKind.Magic,
        Title = "On the week's edge",
        Story = "The order went out at the turn of the week, as promised.",
        OccurredOn = DateOnly.FromDateTime(at),
        CustomerKind = CustomerKind.External,
        ExternalCustomer = "a customer",
        Elements = ServiceElements.Focus,
        Visibility = Visibility.Everyone,
        AuthorId = author.Id,
        AuthorTeamId = author.TeamId,
        CreatedAt = at,
    };
}
