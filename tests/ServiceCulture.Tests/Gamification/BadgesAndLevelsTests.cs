using System.Net;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.Gamification;
using ServiceCulture.Notifications;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Web.Pages;

namespace ServiceCulture.Tests.Gamification;

public sealed class BadgesAndLevelsTests(AppFixture app) : AppTest(app)
{
    private const string NewcomerPassword = "amber kettle drifts north";

    [Fact]
    public void There_are_at_least_ten_badges_each_with_a_plain_criterion()
    {
        Assert.True(GamificationCatalog.Badges.Count >= 10);
        Assert.All(GamificationCatalog.Badges, b =>
        {
            Assert.False(string.IsNullOrWhiteSpace(b.Criterion));
            Assert.StartsWith("bi-", b.Icon, StringComparison.Ordinal);
        });
        Assert.Equal(GamificationCatalog.Badges.Count, GamificationCatalog.Badges.Select(b => b.Code).Distinct().Count());
    }

    [Fact]
    public async Task A_first_moment_of_magic_earns_badges_once_with_their_bonus_and_a_notification()
    {
        var newcomer = await NewcomerAsync();
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("newcomer@demo.test", NewcomerPassword);
        await M.LogAsync(client, M.ValidForm("My very first moment of magic"));

        var badges = await App.WithDbAsync(db => db.BadgeAwards.Where(b => b.EmployeeId == newcomer).Select(b => b.Code).ToListAsync());
        Assert.Contains("first-moment", badges);
        Assert.Contains("first-magic", badges);
        var bonus = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == newcomer && e.Reason == PointsReason.Badge).SumAsync(e => e.Amount));
        Assert.Equal(GamificationCatalog.Badge("first-moment").Bonus + GamificationCatalog.Badge("first-magic").Bonus, bonus);
        Assert.True(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == newcomer && n.Kind == NotificationKind.BadgeEarned && n.Key == "badge:first-magic")));

        await M.LogAsync(client, M.ValidForm("My second moment of magic"));
        Assert.Equal(1, await App.WithDbAsync(db => db.BadgeAwards.CountAsync(b => b.EmployeeId == newcomer && b.Code == "first-magic")));

        var profile = await client.GetDocumentAsync($"/People/{newcomer}");
        Assert.Equal("true", profile.QuerySelector("[data-badge=first-magic]")!.GetAttribute("data-earned"));
        Assert.Equal("false", profile.QuerySelector("[data-badge=recovery-hero]")!.GetAttribute("data-earned"));
    }

    [Fact]
    public async Task A_badge_bonus_set_at_the_settings_page_is_what_the_next_award_pays()
    {
        using (var admin = App.CreateClient())
        {
            await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
            using var saved = await admin.SubmitFormAsync("/Admin/Settings", new Dictionary<string, string> { ["Values[Badge.first-moment]"] = "99", ["Values[Badge.first-magic]"] = "0" }, "#settings-form");
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var newcomer = await NewcomerAsync();
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("newcomer@demo.test", NewcomerPassword);
        await M.LogAsync(client, M.ValidForm("A first moment under the new bonuses"));

        var awards = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == newcomer && e.Reason == PointsReason.Badge).Select(e => new { e.Source, e.Amount }).ToListAsync());
        Assert.Equal(99, Assert.Single(awards).Amount);
        Assert.Contains("first-magic", await App.WithDbAsync(db => db.BadgeAwards.Where(b => b.EmployeeId == newcomer).Select(b => b.Code).ToListAsync()));
    }

    [Fact]
    public async Task Counted_badges_are_earned_at_their_threshold_and_not_one_short()
    {
        var newcomer = await NewcomerAsync();
        var elements = ServiceCulture.Moments.ServiceElementCatalog.All.Select(e => e.Element).ToList();
        // 24 moments: 4 for internal customers, five of the six elements, one deleted moment carrying the sixth.
        await App.WithDbAsync(async db =>
        {
            db.Moments.AddRange(Enumerable.Range(0, 24).Select(i => Moment(newcomer, elements[i % 5], internalCustomer: i < 4)));
            var deleted = Moment(newcomer, elements[5], internalCustomer: true);
            deleted.DeletedAt = App.Factory.Clock.UtcNow;
            db.Moments.Add(deleted);
            await db.SaveChangesAsync();
        });

        var earned = await EvaluateAsync(newcomer);
        Assert.DoesNotContain("storyteller", earned);
        Assert.DoesNotContain("all-six", earned);
        Assert.DoesNotContain("internal-champion", earned);

        // The 25th moment, for a colleague and carrying the sixth element, earns all three.
        await App.WithDbAsync(async db =>
        {
            db.Moments.Add(Moment(newcomer, elements[5] | elements[0], internalCustomer: true));
            await db.SaveChangesAsync();
        });
        earned = await EvaluateAsync(newcomer);
        Assert.Contains("storyteller", earned);
        Assert.Contains("all-six", earned);
        Assert.Contains("internal-champion", earned);
    }

    [Fact]
    public async Task The_people_badges_count_different_colleagues_beyond_the_newest_two_hundred_recognitions()
    {
        var newcomer = await NewcomerAsync();
        var others = await App.WithDbAsync(db => db.Users.Where(u => u.Id != newcomer && u.IsActive).OrderBy(u => u.Id).Select(u => u.Id).Take(10).ToListAsync());
        Assert.Equal(10, others.Count);
        var now = App.Factory.Clock.UtcNow;
        // The newest 210 given thank nine colleagues and the newest 210 received come from four; the
        // tenth colleague thanked and the fifth who thanked were a year ago, beyond the newest 200.
        await App.WithDbAsync(async db =>
        {
            db.Recognitions.AddRange(Enumerable.Range(0, 210).Select(i => Given(newcomer, others[i % 9], now.AddMinutes(-i))));
            db.Recognitions.AddRange(Enumerable.Range(0, 210).Select(i => Given(others[i % 4], newcomer, now.AddMinutes(-i))));
            await db.SaveChangesAsync();
        });
        var earned = await EvaluateAsync(newcomer);
        Assert.DoesNotContain("generous", earned);
        Assert.DoesNotContain("well-recognised", earned);

        await App.WithDbAsync(async db =>
        {
            db.Recognitions.Add(Given(newcomer, others[9], now.AddYears(-1)));
            db.Recognitions.Add(Given(others[4], newcomer, now.AddYears(-1)));
            await db.SaveChangesAsync();
        });
        earned = await EvaluateAsync(newcomer);
        Assert.Contains("generous", earned);
        Assert.Contains("well-recognised", earned);
    }

    [Fact]
    public async Task After_an_activity_only_the_badges_it_can_earn_are_checked()
    {
        var newcomer = await NewcomerAsync();
        var givers = await App.WithDbAsync(db => db.Users.Where(u => u.Id != newcomer && u.IsActive).OrderBy(u => u.Id).Select(u => u.Id).Take(5).ToListAsync());
        var now = App.Factory.Clock.UtcNow;
        // 25 moments and thanks from 5 colleagues, none of them evaluated yet.
        await App.WithDbAsync(async db =>
        {
            db.Moments.AddRange(Enumerable.Range(0, 25).Select(_ => Moment(newcomer, ServiceCulture.Moments.ServiceElements.Focus, internalCustomer: false)));
            db.Recognitions.AddRange(givers.Select((giver, i) => Given(giver, newcomer, now.AddMinutes(-i))));
            await db.SaveChangesAsync();
        });

        Assert.Equal(["well-recognised"], await EvaluateAsync(newcomer, Activity.RecognitionReceived));
        var logged = await EvaluateAsync(newcomer, Activity.MomentLogged);
        Assert.Contains("storyteller", logged);
        Assert.Contains("first-moment", logged);
        Assert.DoesNotContain("well-recognised", logged);
        Assert.Empty(await EvaluateAsync(newcomer, Activity.ReviewAcknowledged));
    }

    private static ServiceCulture.Recognitions.Recognition Given(int giverId, int recipientId, DateTime at) => new()
    {
        GiverId = giverId, Message = "Thank you for the figures, sent early and checked.", Elements = ServiceCulture.Moments.ServiceElements.GivenLife,
        RequestId = Guid.NewGuid(), CreatedAt = at, Recipients = [new ServiceCulture.Recognitions.RecognitionRecipient { RecipientId = recipientId }],
    };

    private async Task<List<string>> EvaluateAsync(int employeeId, Activity activity = Activity.Any)
    {
        await using var scope = App.Scope();
        return [.. (await scope.ServiceProvider.GetRequiredService<BadgeRules>().EvaluateAsync(employeeId, activity, CancellationToken.None)).Select(b => b.Code)];
    }

    private ServiceCulture.Moments.Moment Moment(int authorId, ServiceCulture.Moments.ServiceElements elements, bool internalCustomer) => new()
    {
        Kind = ServiceCulture.Moments.MomentKind.Truth, Title = "Seeded", Story = "Seeded story", OccurredOn = DateOnly.FromDateTime(App.Factory.Clock.UtcNow),
        CustomerKind = internalCustomer ? ServiceCulture.Moments.CustomerKind.Colleague : ServiceCulture.Moments.CustomerKind.External,
        CustomerEmployeeId = internalCustomer ? authorId : null,
        Elements = elements, Visibility = ServiceCulture.Moments.Visibility.Everyone, AuthorId = authorId, CreatedAt = App.Factory.Clock.UtcNow,
    };

    [Fact]
    public async Task Badge_evaluation_racing_itself_awards_each_badge_once()
    {
        var newcomer = await NewcomerAsync();
        await App.WithDbAsync(async db =>
        {
            db.Moments.Add(new ServiceCulture.Moments.Moment
            {
                Kind = ServiceCulture.Moments.MomentKind.Magic, Title = "Seeded", Story = "Seeded story", OccurredOn = DateOnly.FromDateTime(App.Factory.Clock.UtcNow),
                CustomerKind = ServiceCulture.Moments.CustomerKind.External, Elements = ServiceCulture.Moments.ServiceElements.Focus,
                Visibility = ServiceCulture.Moments.Visibility.Everyone, AuthorId = newcomer, CreatedAt = App.Factory.Clock.UtcNow,
            });
            await db.SaveChangesAsync();
        });

        var runs = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = App.Scope();
            return await scope.ServiceProvider.GetRequiredService<BadgeRules>().EvaluateAsync(newcomer, CancellationToken.None);
        });
        var results = await Task.WhenAll(runs);
        Assert.Equal(1, results.Count(r => r.Any(b => b.Code == "first-magic")));
        Assert.Equal(1, await App.WithDbAsync(db => db.BadgeAwards.CountAsync(b => b.EmployeeId == newcomer && b.Code == "first-magic")));
        Assert.Equal(1, await App.WithDbAsync(db => db.PointsLedger.CountAsync(e => e.EmployeeId == newcomer && e.Source == "badge:first-magic")));
    }

    [Fact]
    public async Task Reaching_a_level_is_told_once()
    {
        var newcomer = await NewcomerAsync();
        await using (var scope = App.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<PointsLedger>().RecordAsync(
                [new PointsEntry { EmployeeId = newcomer, Amount = 60, Reason = PointsReason.RecognitionReceived, Source = "recognition:990001", At = App.Factory.Clock.UtcNow }], CancellationToken.None);
        }

        for (var i = 0; i < 2; i++)
        {
            await using var scope = App.Scope();
            await scope.ServiceProvider.GetRequiredService<LevelRules>().CheckAsync(newcomer, CancellationToken.None);
        }

        var notes = await App.WithDbAsync(db => db.Notifications.Where(n => n.EmployeeId == newcomer && n.Kind == NotificationKind.LevelReached).ToListAsync());
        var note = Assert.Single(notes);
        Assert.Contains("level 2, Helper", note.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_bell_counts_unread_notifications_and_mark_all_read_clears_it()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var bell = await client.GetDocumentAsync("/Notifications?handler=Bell");
        var unread = int.Parse(bell.QuerySelector("#bell")!.GetAttribute("data-unread")!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(unread > 0);

        var list = await client.GetDocumentAsync("/Notifications");
        Assert.Equal(unread, list.QuerySelectorAll("[data-testid=notification][data-unread=true]").Length);
        using var read = await client.SubmitFormAsync("/Notifications", [], "#read-all-form");
        Assert.Equal(System.Net.HttpStatusCode.Redirect, read.StatusCode);
        var after = await client.GetDocumentAsync("/Notifications?handler=Bell");
        Assert.Equal("0", after.QuerySelector("#bell")!.GetAttribute("data-unread"));
    }

    [Fact]
    public async Task A_comment_on_my_moment_is_told_to_me()
    {
        using var noah = App.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        var id = await M.IdOfAsync(App, "Invoice corrected and the reminder withdrawn");
        using var posted = await noah.SubmitFormAsync($"/Moments/{id}", new Dictionary<string, string> { ["CommentBody"] = "Nice fix." }, "#comments form");
        Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        Assert.True(await App.WithDbAsync(db => db.Notifications.AnyAsync(n => n.EmployeeId == emma && n.Kind == NotificationKind.CommentOnMoment && n.Text.Contains("Noah Okafor"))));
    }

    private async Task<int> NewcomerAsync()
    {
        await using var scope = App.Scope();
        var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<ServiceCulture.People.Employee>>();
        var team = await scope.Db().Teams.Select(t => t.Id).FirstAsync();
        var person = new ServiceCulture.People.Employee { UserName = "newcomer@demo.test", Email = "newcomer@demo.test", EmailConfirmed = true, DisplayName = "New Comer", TeamId = team, TimeZoneId = "Europe/London" };
        var created = await users.CreateAsync(person, NewcomerPassword);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(e => e.Description)));
        await users.AddToRoleAsync(person, ServiceCulture.People.Roles.Employee);
        return person.Id;
    }
}
