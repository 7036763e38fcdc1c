using Microsoft.EntityFrameworkCore;
using ServiceCulture.Email;
using ServiceCulture.Moments;
using ServiceCulture.Nudges;
using ServiceCulture.People;
using ServiceCulture.Reviews;
using ServiceCulture.Tests.Infrastructure;
using static ServiceCulture.Tests.Infrastructure.Reinforcement;

namespace ServiceCulture.Tests.Email;

/// <summary>Nudge rule 5: a self-assessment, assessment or feedback request due within three days (or an assessment overdue), in each person's calendar.</summary>
public sealed class ReviewDueNudgeTests(MailFixture mail) : MailTest(mail)
{
    [Fact]
    public async Task A_self_assessment_is_nudged_from_three_days_before_it_is_due_in_the_employees_own_calendar()
    {
        // Tuesday 09:05 in Tokyo is still Monday evening in New York.
        var monday = NextLocal(Mail, DayOfWeek.Monday, 9, 5, "Asia/Tokyo");
        var tuesday = monday.AddDays(1);
        var due = LocalDate(tuesday, "Asia/Tokyo").AddDays(3); // Friday
        var manager = await AddPersonAsync(Mail, "Hana Mori", "Asia/Tokyo", tuesday.AddDays(-400));
        var aiko = await AddActivePersonAsync("Aiko Tanaka", "Asia/Tokyo", tuesday, manager);
        var sam = await AddActivePersonAsync("Sam Carter", "America/New_York", tuesday, manager);
        var (_, reviews) = await OpenCycleAsync("Autumn review", due, due.AddDays(14), manager, aiko, sam);

        await NudgeAsync(Mail, monday); // four days ahead in Tokyo
        Assert.DoesNotContain(await NudgesOfAsync(Mail, aiko), n => n.Kind == NudgeKind.ReviewDue);

        await NudgeAsync(Mail, tuesday);
        var nudge = Assert.Single(await NudgesOfAsync(Mail, aiko), n => n.Kind == NudgeKind.ReviewDue);
        Assert.Equal($"review-self:{reviews[aiko]}", nudge.Period);
        Assert.Contains("“Autumn review” is due on Friday", nudge.Text, StringComparison.Ordinal);
        Assert.Equal($"/Reviews/{reviews[aiko]}#self-heading", nudge.Link);
        Assert.False(string.IsNullOrWhiteSpace(nudge.Tip));
        Assert.DoesNotContain(await NudgesOfAsync(Mail, sam), n => n.Kind == NudgeKind.ReviewDue); // Monday night there: not a nudge hour

        // Tuesday 09:05 in New York: Friday is three days ahead there too.
        var newYorkTuesday = NextLocal(Mail, DayOfWeek.Tuesday, 9, 5, "America/New_York");
        await NudgeAsync(Mail, newYorkTuesday);
        Assert.Single(await NudgesOfAsync(Mail, sam), n => n.Kind == NudgeKind.ReviewDue && n.Text.Contains("due on Friday", StringComparison.Ordinal));

        // Once per review: Wednesday, Thursday and Friday give nothing new.
        for (var day = 1; day <= 3; day++)
        {
            await NudgeAsync(Mail, tuesday.AddDays(day));
        }

        Assert.Single(await NudgesOfAsync(Mail, aiko), n => n.Kind == NudgeKind.ReviewDue);
        await Mail.DispatchAsync();
        var email = Assert.Single(Mail.Smtp.Messages, m => m.Message.To.Mailboxes.Single().Name == "Aiko Tanaka" && m.Message.Subject!.Contains("self-assessment", StringComparison.Ordinal)).Message;
        Assert.Contains($"https://portal.test/Reviews/{reviews[aiko]}#self-heading", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tip:", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_self_assessment_already_written_or_a_closed_cycle_gives_no_nudge()
    {
        var wednesday = NextLocal(Mail, DayOfWeek.Wednesday, 9, 5, "Europe/Paris");
        var due = LocalDate(wednesday, "Europe/Paris").AddDays(1);
        var manager = await AddPersonAsync(Mail, "Claire Martin", "Europe/Paris", wednesday.AddDays(-400));
        var done = await AddActivePersonAsync("Louis Bernard", "Europe/Paris", wednesday, manager);
        var closed = await AddActivePersonAsync("Inès Petit", "Europe/Paris", wednesday, manager);
        var (_, open) = await OpenCycleAsync("Open cycle", due, due.AddDays(30), manager, done);
        var (closedCycle, _) = await OpenCycleAsync("Closed cycle", due, due.AddDays(30), manager, closed);
        await Mail.WithDbAsync(async db =>
        {
            await db.Reviews.Where(r => r.Id == open[done]).ExecuteUpdateAsync(s => s.SetProperty(r => r.SelfAssessedAt, wednesday.AddDays(-1)).SetProperty(r => r.State, ReviewState.SelfAssessed));
            await db.ReviewCycles.Where(c => c.Id == closedCycle).ExecuteUpdateAsync(s => s.SetProperty(c => c.ClosedAt, wednesday.AddDays(-1)));
        });

        await NudgeAsync(Mail, wednesday);

        Assert.DoesNotContain(await NudgesOfAsync(Mail, done), n => n.Kind == NudgeKind.ReviewDue);
        Assert.DoesNotContain(await NudgesOfAsync(Mail, closed), n => n.Kind == NudgeKind.ReviewDue);
    }

    [Fact]
    public async Task A_feedback_request_is_nudged_before_its_date_and_not_once_answered_or_past()
    {
        var thursday = NextLocal(Mail, DayOfWeek.Thursday, 9, 30, "America/Sao_Paulo");
        var today = LocalDate(thursday, "America/Sao_Paulo");
        var manager = await AddPersonAsync(Mail, "Marta Lima", "America/Sao_Paulo", thursday.AddDays(-400));
        var employee = await AddActivePersonAsync("Rafael Souza", "America/Sao_Paulo", thursday, manager);
        var giver = await AddActivePersonAsync("Bruna Alves", "America/Sao_Paulo", thursday, manager);
        var answered = await AddActivePersonAsync("Caio Rocha", "America/Sao_Paulo", thursday, manager);
        var late = await AddActivePersonAsync("Davi Melo", "America/Sao_Paulo", thursday, manager);
        var (_, reviews) = await OpenCycleAsync("Feedback cycle", today.AddDays(20), today.AddDays(30), manager, employee);
        var request = await AskAsync(reviews[employee], giver, employee, today.AddDays(2), thursday);
        var answeredRequest = await AskAsync(reviews[employee], answered, employee, today.AddDays(2), thursday);
        await AskAsync(reviews[employee], late, employee, today.AddDays(-1), thursday.AddDays(-5));
        await Mail.WithDbAsync(db => db.FeedbackRequests.Where(f => f.Id == answeredRequest).ExecuteUpdateAsync(s => s.SetProperty(f => f.AnsweredAt, thursday.AddHours(-1))));

        await NudgeAsync(Mail, thursday);

        var nudge = Assert.Single(await NudgesOfAsync(Mail, giver), n => n.Kind == NudgeKind.ReviewDue);
        Assert.Equal($"feedback:{request}", nudge.Period);
        Assert.StartsWith("Rafael Souza asked how they served you; answer by Saturday", nudge.Text, StringComparison.Ordinal);
        Assert.Equal($"/Reviews/Feedback/{request}", nudge.Link);
        Assert.DoesNotContain(await NudgesOfAsync(Mail, answered), n => n.Kind == NudgeKind.ReviewDue);
        Assert.DoesNotContain(await NudgesOfAsync(Mail, late), n => n.Kind == NudgeKind.ReviewDue);
    }

    [Fact]
    public async Task A_manager_is_nudged_weekly_about_assessments_due_or_overdue_until_they_are_shared()
    {
        var monday = NextLocal(Mail, DayOfWeek.Monday, 9, 15, "Europe/London");
        var today = LocalDate(monday, "Europe/London");
        var manager = await AddActivePersonAsync("Maya Patel", "Europe/London", monday, null);
        var oscar = await AddActivePersonAsync("Oscar Quinn", "Europe/London", monday, manager);
        var nina = await AddActivePersonAsync("Nina Berg", "Europe/London", monday, manager);
        var (_, reviews) = await OpenCycleAsync("Summer review", today.AddDays(-10), today.AddDays(-2), manager, oscar, nina);

        await NudgeAsync(Mail, monday);
        var first = Assert.Single(await NudgesOfAsync(Mail, manager), n => n.Kind == NudgeKind.ReviewDue);
        Assert.StartsWith("2 reviews you write are near or past their deadline; Nina Berg's in “Summer review” is overdue since", first.Text, StringComparison.Ordinal);
        Assert.Equal($"/Reviews/{reviews[nina]}#assessment-heading", first.Link);
        Assert.Equal("Open Nina Berg's review", first.LinkLabel);

        await NudgeAsync(Mail, monday.AddDays(1));
        Assert.Single(await NudgesOfAsync(Mail, manager), n => n.Kind == NudgeKind.ReviewDue);

        // Nina's shared: next week names Oscar alone.
        await Mail.WithDbAsync(db => db.Reviews.Where(r => r.Id == reviews[nina]).ExecuteUpdateAsync(s => s.SetProperty(r => r.State, ReviewState.Shared)));
        await NudgeAsync(Mail, monday.AddDays(7));
        var nudges = (await NudgesOfAsync(Mail, manager)).Where(n => n.Kind == NudgeKind.ReviewDue).ToList();
        Assert.Equal(2, nudges.Count);
        Assert.StartsWith("Oscar Quinn's review in “Summer review” is overdue since", nudges[1].Text, StringComparison.Ordinal);
        Assert.Equal($"/Reviews/{reviews[oscar]}#assessment-heading", nudges[1].Link);
    }

    [Fact]
    public async Task A_review_due_counts_toward_the_weekly_limit_and_wins_over_a_quiet_spell()
    {
        var tuesday = NextLocal(Mail, DayOfWeek.Tuesday, 9, 0, "Europe/Madrid");
        var manager = await AddPersonAsync(Mail, "Lucía Gómez", "Europe/Madrid", tuesday.AddDays(-400));
        // No moment for weeks, an old misery still open, and a self-assessment due tomorrow.
        var pablo = await AddPersonAsync(Mail, "Pablo Ruiz", "Europe/Madrid", tuesday.AddDays(-400), manager);
        await AddMomentAsync(Mail, pablo, tuesday.AddDays(-20), MomentKind.Misery, title: "Lost a parcel");
        var (_, reviews) = await OpenCycleAsync("Spring review", LocalDate(tuesday, "Europe/Madrid").AddDays(1), LocalDate(tuesday, "Europe/Madrid").AddDays(10), manager, pablo);

        await NudgeAsync(Mail, tuesday);
        await NudgeAsync(Mail, tuesday.AddDays(1));

        var given = await NudgesOfAsync(Mail, pablo);
        Assert.Equal([NudgeKind.MiseryOpen, NudgeKind.ReviewDue], given.Select(n => n.Kind).Order());
        Assert.Contains(given, n => n.Period == $"review-self:{reviews[pablo]}" && n.Text.EndsWith("is due tomorrow.", StringComparison.Ordinal));
        Assert.Equal(2, await Mail.WithDbAsync(db => db.OutboxMessages.CountAsync(m => m.RecipientId == pablo && m.Kind == EmailKind.Nudge)));
    }

    private static DateOnly LocalDate(DateTime utc, string zone) => ServiceTimeZones.LocalDate(utc, zone);

    /// <summary>Someone who logged a moment yesterday, so only the rule under test can nudge them.</summary>
    private async Task<int> AddActivePersonAsync(string name, string zone, DateTime at, int? manager)
    {
        var id = await AddPersonAsync(Mail, name, zone, at.AddDays(-400), manager);
        await AddMomentAsync(Mail, id, at.AddDays(-1));
        return id;
    }

    private Task<(int Cycle, Dictionary<int, long> Reviews)> OpenCycleAsync(string name, DateOnly selfDue, DateOnly reviewDue, int manager, params int[] people) =>
        Mail.WithDbAsync(async db =>
        {
            var cycle = new ReviewCycle
            {
                Name = name, PeriodStart = selfDue.AddDays(-90), PeriodEnd = selfDue.AddDays(-1), SelfAssessmentDue = selfDue, ReviewDue = reviewDue,
                CreatedById = manager, CreatedAt = Mail.Now,
                Reviews = [.. people.Select(p => new Review { EmployeeId = p, ManagerId = manager, State = ReviewState.NotStarted })],
            };
            db.ReviewCycles.Add(cycle);
            await db.SaveChangesAsync();
            return (cycle.Id, cycle.Reviews.ToDictionary(r => r.EmployeeId, r => r.Id));
        });

    private Task<long> AskAsync(long review, int giver, int requestedBy, DateOnly dueOn, DateTime at) =>
        Mail.WithDbAsync(async db =>
        {
            var request = new FeedbackRequest { ReviewId = review, GiverId = giver, RequestedById = requestedBy, RequestedAt = at, DueOn = dueOn };
            db.FeedbackRequests.Add(request);
            await db.SaveChangesAsync();
            return request.Id;
        });
}
