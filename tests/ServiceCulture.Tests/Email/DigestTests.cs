using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Email;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Nudges;
using ServiceCulture.People;
using ServiceCulture.Tests.Infrastructure;
using static ServiceCulture.Tests.Infrastructure.Reinforcement;

namespace ServiceCulture.Tests.Email;

public sealed class DigestTests(MailFixture mail) : MailTest(mail)
{
    private const string Paris = "Europe/Paris";

    [Fact]
    public async Task The_weekly_digest_reports_last_local_week_as_computed_by_hand()
    {
        var monday = NextLocal(Mail, DayOfWeek.Monday, 8, 5, Paris);
        var weekStart = LocalToUtc(DateOnly.FromDateTime(monday).AddDays(-7), 0, 0);
        var team = await Mail.WithDbAsync(async db => { var t = new Team { Name = "Digest team" }; db.Teams.Add(t); await db.SaveChangesAsync(); return t.Id; });
        var ines = await AddPersonAsync(Mail, "Inès Laurent", Paris, monday.AddDays(-200), teamId: team);
        var colleague = await AddPersonAsync(Mail, "Hugo Petit", Paris, monday.AddDays(-200), teamId: team);

        // Points: 10 on Tuesday and 25 on Wednesday count; Sunday before the week and this Monday morning do not.
        await Mail.WithDbAsync(async db =>
        {
            db.PointsLedger.AddRange(
                Points(ines, 10, weekStart.AddDays(1).AddHours(10), "a"),
                Points(ines, 25, weekStart.AddDays(2).AddHours(15), "b"),
                Points(ines, 5, weekStart.AddMinutes(-30), "c"),
                Points(ines, 7, monday.AddHours(-1), "d"));
            db.BadgeAwards.Add(new BadgeAward { EmployeeId = ines, Code = "first-magic", AwardedAt = weekStart.AddDays(3) });
            db.BadgeAwards.Add(new BadgeAward { EmployeeId = ines, Code = "first-moment", AwardedAt = weekStart.AddDays(-3) });
            await db.SaveChangesAsync();
        });
        await AddRecognitionAsync(Mail, colleague, ines, weekStart.AddDays(1));
        await AddRecognitionAsync(Mail, colleague, ines, weekStart.AddDays(4).AddHours(20));
        await AddRecognitionAsync(Mail, colleague, ines, weekStart.AddDays(-2));

        // Active in each of the three weeks up to the digest's week: a 3-week streak. The moment
        // this Monday morning is in the week after it and does not lengthen it.
        await AddMomentAsync(Mail, ines, monday.AddHours(-1), teamId: team);
        var magic = await AddMomentAsync(Mail, ines, weekStart.AddDays(1).AddHours(9), MomentKind.Magic,
            ServiceElements.Focus | ServiceElements.Defined | ServiceElements.GivenLife, teamId: team, title: "Rebooked a stranded traveller");
        await AddMomentAsync(Mail, colleague, weekStart.AddDays(2).AddHours(9), MomentKind.Magic,
            ServiceElements.ProblemSolving | ServiceElements.Measured, teamId: team, title: "Found the missing order");
        await AddMomentAsync(Mail, ines, weekStart.AddDays(3), MomentKind.Misery, ServiceElements.Focus,
            Visibility.AuthorAndManager, team, "Private misery");
        await AddMomentAsync(Mail, ines, weekStart.AddDays(-5), teamId: team);
        await AddMomentAsync(Mail, ines, weekStart.AddDays(-12), teamId: team);
        await Mail.WithDbAsync(async db =>
        {
            db.MomentReactions.Add(new MomentReaction { MomentId = magic, EmployeeId = colleague, Kind = ReactionKind.Applause, At = weekStart.AddDays(2) });
            await db.SaveChangesAsync();
        });

        await DigestAsync(monday.AddMinutes(-10)); // 07:55 in Paris
        Assert.False(await HasDigestAsync(ines));

        await DigestAsync(monday);
        var content = await Mail.WithDbAsync(async db => Outbox.Read(await db.OutboxMessages.SingleAsync(m => m.RecipientId == ines && m.Kind == EmailKind.WeeklyDigest)));
        Assert.Equal(
            [("Points earned", "35"), ("Badges earned", "1"), ("Recognitions received", "2"), ("Streak", "3 weeks")],
            content.Stats.Select(s => (s.Label, s.Value)));
        Assert.Equal(["First moment of magic"], content.Sections.Single(s => s.Heading == "Badges you earned").Items.Select(i => i.Title));
        Assert.Equal(["Rebooked a stranded traveller", "Found the missing order"], content.Sections.Single(s => s.Heading == "Your team's highlights").Items.Select(i => i.Title));
        // Tagged that week: Focus 2, Defined 1, Given life 1, Problem solving 1, Measured 1, Reinforced 0.
        Assert.StartsWith("Your team showed “Reinforced” least last week.", content.Tip, StringComparison.Ordinal);

        await DigestAsync(monday.AddHours(1));
        Assert.Equal(1, await Mail.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientId == ines && m.Kind == EmailKind.WeeklyDigest)));

        await Mail.DispatchAsync();
        var email = Assert.Single(Mail.Smtp.Messages, m => m.Message.To.Mailboxes.Single().Name == "Inès Laurent").Message;
        Assert.Contains("Points earned: 35", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Rebooked a stranded traveller", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Private misery", email.HtmlBody, StringComparison.Ordinal);
        Assert.NotNull(email.Headers["List-Unsubscribe"]);
    }

    [Fact]
    public async Task Someone_who_turned_the_digest_off_gets_none()
    {
        var monday = NextLocal(Mail, DayOfWeek.Monday, 9, 0, Paris);
        var ines = await AddPersonAsync(Mail, "Inès Laurent", Paris, monday.AddDays(-200));
        await Mail.WithDbAsync(async db =>
        {
            db.EmailOptOuts.Add(new EmailOptOut { EmployeeId = ines, Topic = EmailTopic.WeeklyDigest, At = Mail.Now });
            await db.SaveChangesAsync();
        });

        await DigestAsync(monday);

        Assert.False(await HasDigestAsync(ines));
    }

    [Fact]
    public async Task Two_digest_runs_at_once_queue_one_digest_per_person()
    {
        var monday = NextLocal(Mail, DayOfWeek.Monday, 8, 30, "UTC");
        MoveTo(Mail, monday);
        await using var first = Mail.Scope();
        await using var second = Mail.Scope();
        await Task.WhenAll(
            first.ServiceProvider.GetRequiredService<WeeklyDigestJob>().SendAsync(Mail.Now, CancellationToken.None),
            second.ServiceProvider.GetRequiredService<WeeklyDigestJob>().SendAsync(Mail.Now, CancellationToken.None));

        var perPerson = await Mail.WithDbAsync(db => db.OutboxMessages.Where(m => m.Kind == EmailKind.WeeklyDigest).GroupBy(m => m.RecipientId).Select(g => g.Count()).ToListAsync());
        Assert.NotEmpty(perPerson);
        Assert.All(perPerson, count => Assert.Equal(1, count));
    }

    private async Task DigestAsync(DateTime at)
    {
        MoveTo(Mail, at);
        await using var scope = Mail.Scope();
        await scope.ServiceProvider.GetRequiredService<WeeklyDigestJob>().SendAsync(Mail.Now, CancellationToken.None);
    }

    private Task<bool> HasDigestAsync(int id) => Mail.WithDbAsync(db => db.OutboxMessages.AnyAsync(m => m.RecipientId == id && m.Kind == EmailKind.WeeklyDigest));

    private static DateTime LocalToUtc(DateOnly day, int hour, int minute) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(hour, minute)), ServiceTimeZones.Find(Paris));

    private static PointsEntry Points(int who, int amount, DateTime at, string source) => new()
    {
        EmployeeId = who, Amount = amount, Reason = PointsReason.MomentLogged, Source = $"digest-test:{source}", At = at, Elements = ServiceElements.Focus, OnLeaderboard = true,
    };
}
