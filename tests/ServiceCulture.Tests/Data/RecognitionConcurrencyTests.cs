using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using R = ServiceCulture.Tests.Infrastructure.Recognitions;

namespace ServiceCulture.Tests.Data;

/// <summary>Races that must come out right on every engine.</summary>
public sealed class RecognitionConcurrencyTests(EnginesFixture engines) : EngineTest(engines)
{
    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Two_recognitions_posted_at_once_can_never_overdraw_the_allowance(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var giver = app.CreateClient();
        await giver.SignInOrFailAsync("oscar.lindgren@demo.test");
        await R.FreshAllowanceAsync(app, "oscar.lindgren@demo.test");
        var oscar = await M.PersonAsync(app, "oscar.lindgren@demo.test");
        var spentBefore = await app.WithDbAsync(db => db.Allowances.Where(a => a.EmployeeId == oscar).SumAsync(a => a.Spent));
        var first = await M.PersonAsync(app, "laura.costa@demo.test");
        var second = await M.PersonAsync(app, "ben.cohen@demo.test");

        // Two forms, opened side by side, each asking for more than half of what is left.
        var left = 100 - spentBefore;
        var each = Math.Min(50, (left / 2) + 1);
        var forms = new List<IHtmlFormElement>();
        for (var i = 0; i < 2; i++)
        {
            forms.Add((IHtmlFormElement)(await giver.GetDocumentAsync("/Recognition/Give")).QuerySelector("#recognition-form")!);
        }

        var posts = await Task.WhenAll(
            giver.PostFormAsync(forms[0], "/Recognition/Give", R.Form(first, each, "Thank you for closing the month so smoothly, Laura.")),
            giver.PostFormAsync(forms[1], "/Recognition/Give", R.Form(second, each, "Thank you for the cash forecast that saved our week, Ben.")));
        var statuses = posts.Select(p => p.StatusCode).OrderBy(s => s).ToList();
        foreach (var post in posts)
        {
            post.Dispose();
        }

        var spent = await app.WithDbAsync(db => db.Allowances.Where(a => a.EmployeeId == oscar).SumAsync(a => a.Spent));
        Assert.True(spent <= 100, $"allowance overdrawn: {spent}");
        if (each * 2 > left)
        {
            Assert.Equal([HttpStatusCode.Redirect, HttpStatusCode.BadRequest], statuses);
            Assert.Equal(spentBefore + each, spent);
        }

        var given = await app.WithDbAsync(db => db.Recognitions.Where(r => r.GiverId == oscar && r.DeletedAt == null).SumAsync(r => r.Points * r.Recipients.Count));
        Assert.Equal(spent, given);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task The_same_form_posted_twice_at_once_creates_one_recognition_and_one_debit(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var giver = app.CreateClient();
        await giver.SignInOrFailAsync("arjun.mehta@demo.test");
        await R.FreshAllowanceAsync(app, "arjun.mehta@demo.test");
        var arjun = await M.PersonAsync(app, "arjun.mehta@demo.test");
        var nadia = await M.PersonAsync(app, "nadia.haddad@demo.test");
        var form = (IHtmlFormElement)(await giver.GetDocumentAsync("/Recognition/Give")).QuerySelector("#recognition-form")!;
        var fields = R.Form(nadia, 9, "Thank you for chasing the overdue invoices so kindly.");
        var before = await app.WithDbAsync(db => db.Allowances.Where(a => a.EmployeeId == arjun).SumAsync(a => a.Spent));

        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => giver.PostFormAsync(form, "/Recognition/Give", fields)));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        Assert.Single(posts.Select(p => p.Headers.Location!.OriginalString).Distinct());
        foreach (var post in posts)
        {
            post.Dispose();
        }

        Assert.Equal(1, await app.WithDbAsync(db => db.Recognitions.CountAsync(r => r.GiverId == arjun && r.Message.StartsWith("Thank you for chasing"))));
        Assert.Equal(before + 9, await app.WithDbAsync(db => db.Allowances.Where(a => a.EmployeeId == arjun).SumAsync(a => a.Spent)));
        Assert.Equal(1, await app.WithDbAsync(db => db.PointsLedger.CountAsync(e => e.EmployeeId == nadia && e.Reason == PointsReason.RecognitionReceived && e.Amount == 9)));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Badges_racing_each_other_are_awarded_once(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var zoe = await M.PersonAsync(app, "zoe.campbell@demo.test");
        await app.WithDbAsync(db => db.BadgeAwards.Where(b => b.EmployeeId == zoe).ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.PointsLedger.Where(e => e.EmployeeId == zoe && e.Reason == PointsReason.Badge).ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.Notifications.Where(n => n.EmployeeId == zoe).ExecuteDeleteAsync());
        await app.WithDbAsync(db => db.OutboxMessages.Where(m => m.RecipientId == zoe).ExecuteDeleteAsync());
        var qualifying = await app.WithDbAsync(db => db.Moments.AnyAsync(m => m.AuthorId == zoe && m.DeletedAt == null));

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var scope = app.Scope();
            return await scope.ServiceProvider.GetRequiredService<BadgeRules>().EvaluateAsync(zoe, CancellationToken.None);
        }));

        var awarded = await app.WithDbAsync(db => db.BadgeAwards.Where(b => b.EmployeeId == zoe).Select(b => b.Code).ToListAsync());
        Assert.Equal(awarded.Count, awarded.Distinct().Count());
        Assert.Equal(awarded.OrderBy(c => c), results.SelectMany(r => r).Select(b => b.Code).OrderBy(c => c));
        Assert.Equal(awarded.Count, await app.WithDbAsync(db => db.PointsLedger.CountAsync(e => e.EmployeeId == zoe && e.Reason == PointsReason.Badge)));
        Assert.Equal(qualifying, awarded.Contains("first-moment"));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Withdrawing_the_same_recognition_twice_at_once_refunds_it_once(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var giver = app.CreateClient();
        await giver.SignInOrFailAsync("arjun.mehta@demo.test");
        await R.FreshAllowanceAsync(app, "arjun.mehta@demo.test");
        var arjun = await M.PersonAsync(app, "arjun.mehta@demo.test");
        var nadia = await M.PersonAsync(app, "nadia.haddad@demo.test");
        var id = await R.GiveOrFailAsync(giver, R.Form(nadia, 20, "Thank you for untangling the supplier statement with me."));
        Assert.Equal(20, await app.WithDbAsync(db => db.Allowances.Where(a => a.EmployeeId == arjun).SumAsync(a => a.Spent)));

        var page = await giver.GetDocumentAsync($"/Recognition/{id}");
        var form = (IHtmlFormElement)page.QuerySelector("form[action*='handler=Withdraw']")!;
        var posts = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => giver.PostFormAsync(form, $"/Recognition/{id}", [])));
        var statuses = posts.Select(p => p.StatusCode).ToList();
        foreach (var post in posts)
        {
            post.Dispose();
        }

        Assert.Equal(1, statuses.Count(s => s == HttpStatusCode.Redirect));
        Assert.All(statuses, s => Assert.True(s is HttpStatusCode.Redirect or HttpStatusCode.Forbidden or HttpStatusCode.NotFound, $"answered {(int)s}"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Allowances.Where(a => a.EmployeeId == arjun).SumAsync(a => a.Spent)));
        Assert.Equal(1, await app.WithDbAsync(db => db.PointsLedger.CountAsync(e => e.Source == $"recognition:{id}" && e.Reason == PointsReason.RecognitionReceivedReversed)));
        Assert.Equal(1, await app.WithDbAsync(db => db.AuditEntries.CountAsync(a => a.Action == "recognition.withdrawn" && a.SubjectId == id.ToString(System.Globalization.CultureInfo.InvariantCulture))));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task A_pair_flagged_by_racing_recognitions_has_one_open_flag(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        var carlos = await M.PersonAsync(app, "carlos.silva@demo.test");
        var fatima = await M.PersonAsync(app, "fatima.zahra@demo.test");
        var now = app.Factory.Clock.UtcNow;
        await app.WithDbAsync(async db =>
        {
            for (var i = 0; i < ServiceCulture.Recognitions.RecognitionRules.PairTradeThreshold; i++)
            {
                foreach (var (from, to) in new[] { (carlos, fatima), (fatima, carlos) })
                {
                    db.Recognitions.Add(new ServiceCulture.Recognitions.Recognition
                    {
                        GiverId = from, Message = $"Traded thanks number {i} from {from}.", Elements = ServiceCulture.Moments.ServiceElements.Focus,
                        Points = 1, RequestId = Guid.NewGuid(), CreatedAt = now.AddMinutes(-i - 1),
                        Recipients = [new ServiceCulture.Recognitions.RecognitionRecipient { RecipientId = to }],
                    });
                }
            }

            await db.SaveChangesAsync();
        });

        // Both sides' last recognitions finish at the same moment and each flags the pair.
        await Task.WhenAll(Enumerable.Range(0, 4).Select(async i =>
        {
            await using var scope = app.Scope();
            var rules = scope.ServiceProvider.GetRequiredService<ServiceCulture.Recognitions.RecognitionRules>();
            await (i % 2 == 0 ? rules.FlagPairsAsync(carlos, [fatima], CancellationToken.None) : rules.FlagPairsAsync(fatima, [carlos], CancellationToken.None));
        }));

        Assert.Equal(1, await app.WithDbAsync(db => db.PairFlags.CountAsync(f => f.ReviewedAt == null)));
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Moments_posted_at_once_earn_no_more_than_the_daily_cap(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var client = app.CreateClient();
        await client.SignInOrFailAsync("sofia.rossi@demo.test");
        var sofia = await M.PersonAsync(app, "sofia.rossi@demo.test");
        var forms = new List<IHtmlFormElement>();
        for (var i = 0; i < 6; i++)
        {
            forms.Add((IHtmlFormElement)(await client.GetDocumentAsync("/Moments/New")).QuerySelector("#moment-form")!);
        }

        var posts = await Task.WhenAll(forms.Select((form, i) => client.PostFormAsync(form, "/Moments/New", M.ValidForm($"Busy day, moment number {i}"))));
        Assert.All(posts, p => Assert.Equal(HttpStatusCode.Redirect, p.StatusCode));
        foreach (var post in posts)
        {
            post.Dispose();
        }

        var zone = await app.WithDbAsync(db => db.Users.Where(u => u.Id == sofia).Select(u => u.TimeZoneId).SingleAsync());
        var start = ServiceCulture.People.ServiceTimeZones.StartOfDayUtc(ServiceCulture.People.ServiceTimeZones.LocalDate(app.Factory.Clock.UtcNow, zone), zone);
        var counted = await app.WithDbAsync(db => db.PointsLedger.CountAsync(e => e.EmployeeId == sofia && e.Reason == PointsReason.MomentLogged && e.At >= start));
        Assert.Equal(ServiceCulture.Gamification.PointsRules.Defaults.MomentsCountedPerDay, counted);
    }
}
