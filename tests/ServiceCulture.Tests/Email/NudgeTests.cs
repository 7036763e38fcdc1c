using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.Email;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.Nudges;
using ServiceCulture.Tests.Infrastructure;
using static ServiceCulture.Tests.Infrastructure.Reinforcement;

namespace ServiceCulture.Tests.Email;

public sealed class NudgeTests(MailFixture mail) : MailTest(mail)
{
    [Fact]
    public async Task A_person_with_no_moment_for_14_days_is_nudged_at_nine_on_a_working_day_in_their_own_time_zone()
    {
        var tuesday = NextLocal(Mail, DayOfWeek.Tuesday, 9, 5, "Asia/Tokyo");
        var aiko = await AddPersonAsync(Mail, "Aiko Tanaka", "Asia/Tokyo", tuesday.AddDays(-60));
        await AddMomentAsync(Mail, aiko, tuesday.AddDays(-15));

        await NudgeAsync(Mail, tuesday.AddMinutes(-10)); // 08:55 in Tokyo
        Assert.Empty(await NudgesOfAsync(Mail, aiko));

        await NudgeAsync(Mail, tuesday);
        var nudge = Assert.Single(await NudgesOfAsync(Mail, aiko));
        Assert.Equal(NudgeKind.NoRecentMoment, nudge.Kind);
        Assert.Equal("/Moments/New", nudge.Link);
        Assert.False(string.IsNullOrWhiteSpace(nudge.Tip));
        Assert.True(await Mail.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == aiko && n.Kind == NotificationKind.Nudge)));

        await NudgeAsync(Mail, tuesday.AddHours(1)); // the next hourly run
        Assert.Single(await NudgesOfAsync(Mail, aiko));

        await Mail.DispatchAsync();
        var email = Assert.Single(Mail.Smtp.Messages, m => m.Message.To.Mailboxes.Single().Name == "Aiko Tanaka").Message;
        Assert.Contains("https://portal.test/Moments/New", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tip:", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Nobody_is_nudged_at_the_weekend()
    {
        var saturday = NextLocal(Mail, DayOfWeek.Saturday, 10, 0, "Europe/Paris");
        var claire = await AddPersonAsync(Mail, "Claire Martin", "Europe/Paris", saturday.AddDays(-60));

        await NudgeAsync(Mail, saturday);
        await NudgeAsync(Mail, saturday.AddDays(1));

        Assert.Empty(await NudgesOfAsync(Mail, claire));
    }

    [Fact]
    public async Task The_nudge_hour_follows_local_time_across_a_daylight_saving_change()
    {
        // New York moves its clocks forward on Sunday 14 March 2027: 09:00 is 14:00 UTC before, 13:00 UTC after.
        Assert.True(Mail.Now < new DateTime(2027, 3, 8, 0, 0, 0, DateTimeKind.Utc));
        var sam = await AddPersonAsync(Mail, "Sam Carter", "America/New_York", new DateTime(2026, 6, 1, 0, 0, 0, DateTimeKind.Utc));

        await NudgeAsync(Mail, new DateTime(2027, 3, 8, 13, 30, 0, DateTimeKind.Utc)); // 08:30 EST
        Assert.Empty(await NudgesOfAsync(Mail, sam));
        await NudgeAsync(Mail, new DateTime(2027, 3, 8, 14, 5, 0, DateTimeKind.Utc)); // 09:05 EST
        Assert.Single(await NudgesOfAsync(Mail, sam));

        await NudgeAsync(Mail, new DateTime(2027, 3, 15, 12, 55, 0, DateTimeKind.Utc)); // 08:55 EDT
        Assert.Single(await NudgesOfAsync(Mail, sam));
        await NudgeAsync(Mail, new DateTime(2027, 3, 15, 13, 5, 0, DateTimeKind.Utc)); // 09:05 EDT
        var nudges = await NudgesOfAsync(Mail, sam);
        Assert.Equal([new DateOnly(2027, 3, 8), new DateOnly(2027, 3, 15)], nudges.Select(n => n.Week));
    }

    [Fact]
    public async Task A_streak_that_ends_this_week_is_pointed_out_from_thursday_with_a_link_to_recognise()
    {
        var thursday = NextLocal(Mail, DayOfWeek.Thursday, 9, 10, "Europe/Paris");
        var lea = await AddPersonAsync(Mail, "Léa Dubois", "Europe/Paris", thursday.AddDays(-90));
        await AddMomentAsync(Mail, lea, thursday.AddDays(-7));
        await AddMomentAsync(Mail, lea, thursday.AddDays(-14));

        await NudgeAsync(Mail, thursday.AddDays(-1)); // Wednesday: too early to warn
        Assert.Empty(await NudgesOfAsync(Mail, lea));

        await NudgeAsync(Mail, thursday);
        var nudge = Assert.Single(await NudgesOfAsync(Mail, lea));
        Assert.Equal(NudgeKind.StreakEnding, nudge.Kind);
        Assert.Contains("2-week streak", nudge.Text, StringComparison.Ordinal);
        Assert.Equal("/Recognition/Give", nudge.Link);
    }

    [Fact]
    public async Task A_streak_kept_alive_this_week_gets_no_warning()
    {
        var thursday = NextLocal(Mail, DayOfWeek.Thursday, 9, 10, "Europe/Paris");
        var lea = await AddPersonAsync(Mail, "Léa Dubois", "Europe/Paris", thursday.AddDays(-90));
        await AddMomentAsync(Mail, lea, thursday.AddDays(-7));
        await AddMomentAsync(Mail, lea, thursday.AddDays(-1));

        await NudgeAsync(Mail, thursday);

        Assert.Empty(await NudgesOfAsync(Mail, lea));
    }

    [Fact]
    public async Task A_teammate_nobody_recognised_for_21_days_is_named_to_their_manager()
    {
        var monday = NextLocal(Mail, DayOfWeek.Monday, 9, 30, "Europe/London");
        var manager = await AddPersonAsync(Mail, "Maya Patel", "Europe/London", monday.AddDays(-400));
        await AddMomentAsync(Mail, manager, monday.AddDays(-2));
        var quiet = await AddPersonAsync(Mail, "Oscar Quinn", "Europe/London", monday.AddDays(-100), manager);
        await AddMomentAsync(Mail, quiet, monday.AddDays(-2));
        var thanked = await AddPersonAsync(Mail, "Nina Berg", "Europe/London", monday.AddDays(-100), manager);
        await AddMomentAsync(Mail, thanked, monday.AddDays(-2));
        await AddRecognitionAsync(Mail, manager, thanked, monday.AddDays(-20));
        await AddRecognitionAsync(Mail, thanked, quiet, monday.AddDays(-22));

        await NudgeAsync(Mail, monday);

        var nudge = Assert.Single(await NudgesOfAsync(Mail, manager));
        Assert.Equal(NudgeKind.TeammateUnrecognised, nudge.Kind);
        Assert.Contains("Oscar Quinn", nudge.Text, StringComparison.Ordinal);
        Assert.Equal($"/Recognition/Give?to={quiet}", nudge.Link);
        Assert.Equal(EmailTopic.ManagerReports, await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientId == manager && m.Kind == EmailKind.Nudge).Select(m => m.Topic).SingleAsync()));
        Assert.Empty(await NudgesOfAsync(Mail, quiet));
    }

    [Fact]
    public async Task A_misery_open_for_more_than_48_hours_nudges_its_author_and_their_manager_once()
    {
        var wednesday = NextLocal(Mail, DayOfWeek.Wednesday, 9, 0, "Europe/Berlin");
        var manager = await AddPersonAsync(Mail, "Jonas Weber", "Europe/Berlin", wednesday.AddDays(-400));
        await AddMomentAsync(Mail, manager, wednesday.AddDays(-1));
        var author = await AddPersonAsync(Mail, "Lena Koch", "Europe/Berlin", wednesday.AddDays(-400), manager);
        var old = await AddMomentAsync(Mail, author, wednesday.AddHours(-49), MomentKind.Misery, title: "Invoice sent to the wrong address");
        await AddMomentAsync(Mail, author, wednesday.AddHours(-47), MomentKind.Misery, title: "Late reply to a supplier");

        await NudgeAsync(Mail, wednesday);
        await NudgeAsync(Mail, wednesday.AddDays(1));

        var mine = Assert.Single(await NudgesOfAsync(Mail, author), n => n.Kind == NudgeKind.MiseryOpen && n.Period == $"misery:{old}");
        Assert.Equal($"/Moments/{old}/Recover", mine.Link);
        Assert.Contains("Own it and fix it fast", mine.Tip, StringComparison.Ordinal);
        var theirs = Assert.Single(await NudgesOfAsync(Mail, manager), n => n.Kind == NudgeKind.MiseryOpen && n.Period == $"misery:{old}");
        Assert.Contains("Lena Koch", theirs.Text, StringComparison.Ordinal);
        // The second misery passed 48 hours on Thursday: it has its own nudge then.
        Assert.Equal(2, (await NudgesOfAsync(Mail, author)).Count(n => n.Kind == NudgeKind.MiseryOpen));
    }

    [Fact]
    public async Task Nobody_gets_more_than_two_nudges_a_week_and_the_rest_wait_for_next_week()
    {
        var monday = NextLocal(Mail, DayOfWeek.Monday, 9, 0, "Europe/Madrid");
        var pablo = await AddPersonAsync(Mail, "Pablo Ruiz", "Europe/Madrid", monday.AddDays(-400));
        await AddMomentAsync(Mail, pablo, monday.AddDays(-20), MomentKind.Misery, title: "Lost a parcel");
        await AddMomentAsync(Mail, pablo, monday.AddDays(-19), MomentKind.Misery, title: "Wrong size delivered");

        await NudgeAsync(Mail, monday);
        await NudgeAsync(Mail, monday.AddDays(1));
        await NudgeAsync(Mail, monday.AddDays(2));
        var firstWeek = await NudgesOfAsync(Mail, pablo);
        Assert.Equal(2, firstWeek.Count);
        Assert.All(firstWeek, n => Assert.Equal(NudgeKind.MiseryOpen, n.Kind));

        await NudgeAsync(Mail, monday.AddDays(7));
        var all = await NudgesOfAsync(Mail, pablo);
        Assert.Equal(3, all.Count);
        Assert.Equal(NudgeKind.NoRecentMoment, all[2].Kind);
    }

    [Fact]
    public async Task Two_runs_at_once_give_each_nudge_once()
    {
        var tuesday = NextLocal(Mail, DayOfWeek.Tuesday, 9, 0, "UTC");
        var ids = new List<int>();
        for (var i = 0; i < 20; i++)
        {
            ids.Add(await AddPersonAsync(Mail, $"Quiet Person {i}", "UTC", tuesday.AddDays(-60)));
        }

        MoveTo(Mail, tuesday);
        await using var first = Mail.Scope();
        await using var second = Mail.Scope();
        await Task.WhenAll(
            first.ServiceProvider.GetRequiredService<NudgeJob>().EvaluateAsync(Mail.Now, CancellationToken.None),
            second.ServiceProvider.GetRequiredService<NudgeJob>().EvaluateAsync(Mail.Now, CancellationToken.None));

        var given = await Mail.WithDbAsync(db => db.Nudges.Where(n => ids.Contains(n.EmployeeId)).GroupBy(n => n.EmployeeId).Select(g => g.Count()).ToListAsync());
        Assert.Equal(20, given.Count);
        Assert.All(given, count => Assert.Equal(1, count));
        Assert.Equal(20, await Mail.WithDbAsync(db => db.OutboxMessages.CountAsync(m => ids.Contains(m.RecipientId) && m.Kind == EmailKind.Nudge)));
    }

    [Fact]
    public async Task A_nudge_shows_on_the_feed_until_it_is_dismissed()
    {
        var emma = await Infrastructure.Moments.PersonAsync(Mail, DemoOrganisation.EmployeeEmail);
        await Mail.WithDbAsync(async db =>
        {
            db.Nudges.Add(new Nudge
            {
                EmployeeId = emma, Kind = NudgeKind.NoRecentMoment, Period = "feed-test", Week = DateOnly.FromDateTime(Mail.Now),
                Text = "You have not logged a service moment for 14 days.", Tip = "Listen first.", Link = "/Moments/New", LinkLabel = "Log a moment", CreatedAt = Mail.Now,
            });
            await db.SaveChangesAsync();
        });
        using var client = Mail.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);

        var feed = await client.GetDocumentAsync("/");
        var card = feed.QuerySelector("[data-testid=nudge-card]")!;
        Assert.Contains("14 days", card.TextContent, StringComparison.Ordinal);
        Assert.Equal("/Moments/New", card.QuerySelector("a")!.GetAttribute("href"));

        using var dismissed = await client.SubmitFormAsync("/", new Dictionary<string, string>(), "[data-testid=nudge-card] form");
        Assert.Equal(HttpStatusCode.Redirect, dismissed.StatusCode);
        Assert.Null((await client.GetDocumentAsync("/")).QuerySelector("[data-testid=nudge-card]"));
    }
}
