using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Gamification;
using ServiceCulture.Notifications;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;
using R = ServiceCulture.Tests.Infrastructure.Recognitions;

namespace ServiceCulture.Tests.Pages.Recognition;

public sealed class GiveTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task The_form_labels_read_as_the_product_names_them_and_show_the_allowance()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Recognition/Give");
        var form = page.QuerySelector("#recognition-form")!;
        var labels = form.QuerySelectorAll("label, legend").Select(l => l.TextContent.Trim()).ToList();
        foreach (var expected in new[] { "Who are you recognising?", "Message", "Service elements", "Points", "Related moment", "Quiet recognition (not on leaderboards)" })
        {
            Assert.Contains(expected, labels);
        }

        Assert.Equal("Recognise", form.QuerySelector("button[type=submit]")!.TextContent.Trim());
        Assert.Contains("what did they do, and why did it matter", form.TextContent, StringComparison.OrdinalIgnoreCase);
        var left = int.Parse(page.QuerySelector("[data-testid=allowance-left]")!.TextContent, CultureInfo.InvariantCulture);
        Assert.InRange(left, 0, 100);
    }

    [Fact]
    public async Task Recognising_moves_points_tells_the_recipient_and_shows_on_both_profiles_and_the_feed()
    {
        using var noah = App.CreateClient();
        await noah.SignInOrFailAsync("noah.okafor@demo.test");
        await R.FreshAllowanceAsync(App, "noah.okafor@demo.test");
        var tom = await M.PersonAsync(App, "tom.fischer@demo.test");
        var noahId = await M.PersonAsync(App, "noah.okafor@demo.test");
        var before = (Tom: await R.PointsAsync(App, tom), Noah: await R.PointsAsync(App, noahId));
        var leftBefore = int.Parse((await noah.GetDocumentAsync("/Recognition/Give")).QuerySelector("[data-testid=allowance-left]")!.TextContent, CultureInfo.InvariantCulture);

        var id = await R.GiveOrFailAsync(noah, R.Form(tom, points: 15));

        Assert.Equal(before.Tom + 15, await R.PointsAsync(App, tom));
        Assert.Equal(before.Noah + 2, await R.PointsAsync(App, noahId));
        var leftAfter = int.Parse((await noah.GetDocumentAsync("/Recognition/Give")).QuerySelector("[data-testid=allowance-left]")!.TextContent, CultureInfo.InvariantCulture);
        Assert.Equal(leftBefore - 15, leftAfter);

        var note = await App.WithDbAsync(db => db.Notifications.SingleAsync(n => n.EmployeeId == tom && n.Key == $"recognition:{id}"));
        Assert.Equal(NotificationKind.RecognitionReceived, note.Kind);
        Assert.Contains("Noah Okafor recognised you and 15 points", note.Text, StringComparison.Ordinal);

        foreach (var path in new[] { $"/People/{tom}", $"/People/{noahId}", "/" })
        {
            var page = await noah.GetDocumentAsync(path);
            Assert.NotNull(page.QuerySelector($"#recognition-{id}"));
        }

        var tomProfile = await noah.GetDocumentAsync($"/People/{tom}");
        Assert.Equal((before.Tom + 15).ToString(CultureInfo.InvariantCulture), tomProfile.QuerySelector("[data-testid=points]")!.TextContent.Trim());
    }

    public static TheoryData<string, string, string> Refusals => new()
    {
        { "Form.Message", "Too short", "Write at least 20 characters" },
        { "Form.Message", new string('m', 1001), "Keep the message to 1,000 characters." },
        { "Form.Elements", "", "Tick at least one service element" },
        { "Form.Points", "51", "Give between 0 and 50 points" },
        { "Form.Points", "-5", "Give between 0 and 50 points" },
        { "Form.Points", "2.5", "is not a valid value" },
        { "Form.Points", "lots", "is not a valid value" },
        { "Form.RecipientIds", "", "Choose at least one colleague" },
        { "Form.RecipientIds", "999999", "is not in the portal" },
        { "Form.RelatedMomentId", "999999", "is not one you can see" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Bad_input_is_refused_with_a_reason_and_nothing_is_saved(string field, string value, string message)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.EmployeeEmail);
        var form = R.Form(await M.PersonAsync(App, "noah.okafor@demo.test"));
        if (value.Length == 0)
        {
            form.Remove(field);
        }
        else
        {
            form[field] = value;
        }

        var before = (await R.CountAsync(App), await App.WithDbAsync(db => db.PointsLedger.CountAsync()));
        using var response = await R.GiveAsync(client, form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(message, R.Errors(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        Assert.Equal(before, (await R.CountAsync(App), await App.WithDbAsync(db => db.PointsLedger.CountAsync())));
    }

    [Fact]
    public async Task Recognising_yourself_is_refused_with_a_reason()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.EmployeeEmail);
        using var response = await R.GiveAsync(client, R.Form(await M.PersonAsync(App, DemoOrganisation.EmployeeEmail)));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("You cannot recognise yourself", R.Errors(await response.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Six_recipients_and_deactivated_people_are_refused()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.ManagerEmail);
        var ids = await App.WithDbAsync(db => db.Users.Where(u => u.Email != DemoOrganisation.ManagerEmail).OrderBy(u => u.Id).Select(u => u.Id).Take(6).ToListAsync());
        var form = R.Form(ids[0], points: 1);
        var values = form.ToList();
        values.RemoveAll(v => v.Key == "Form.RecipientIds");
        values.AddRange(ids.Select(id => new KeyValuePair<string, string>("Form.RecipientIds", id.ToString(CultureInfo.InvariantCulture))));
        using var six = await client.SubmitFormAsync("/Recognition/Give", values, "#recognition-form");
        Assert.Equal(HttpStatusCode.BadRequest, six.StatusCode);
        Assert.Contains("up to 5 colleagues", R.Errors(await six.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        var leaver = await M.PersonAsync(App, "hugo.laurent@demo.test");
        await App.WithDbAsync(db => db.Users.Where(u => u.Id == leaver).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, false)));
        using var inactive = await R.GiveAsync(client, R.Form(leaver));
        Assert.Equal(HttpStatusCode.BadRequest, inactive.StatusCode);
        Assert.Contains("Hugo Laurent is no longer active", R.Errors(await inactive.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_fourth_recognition_to_the_same_person_within_a_week_is_refused()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("ingrid.berg@demo.test");
        await R.FreshAllowanceAsync(App, "ingrid.berg@demo.test");
        var peter = await M.PersonAsync(App, "peter.novak@demo.test");
        for (var i = 1; i <= 3; i++)
        {
            await R.GiveOrFailAsync(client, R.Form(peter, points: 1, message: $"Thanks again for the IT help, round number {i} this week."));
        }

        using var fourth = await R.GiveAsync(client, R.Form(peter, points: 1, message: "Thanks again for the IT help, round number four this week."));
        Assert.Equal(HttpStatusCode.BadRequest, fourth.StatusCode);
        Assert.Contains("You have recognised Peter Novak 3 times in the last 7 days", R.Errors(await fourth.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // Seven days after the first three, Peter can be thanked again.
        App.Factory.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromMinutes(1));
        await client.SignInOrFailAsync("ingrid.berg@demo.test");
        await R.GiveOrFailAsync(client, R.Form(peter, points: 1, message: "Thanks again for the IT help, round number four, a week on."));
    }

    [Fact]
    public async Task A_repeated_message_is_found_by_its_key_and_also_on_recognitions_saved_without_one()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("ingrid.berg@demo.test");
        await R.FreshAllowanceAsync(App, "ingrid.berg@demo.test");
        var ingrid = await M.PersonAsync(App, "ingrid.berg@demo.test");
        await R.GiveOrFailAsync(client, R.Form(await M.PersonAsync(App, "peter.novak@demo.test"), points: 1, message: "Thank you for untangling the supplier invoices."));
        await R.GiveOrFailAsync(client, R.Form(await M.PersonAsync(App, "peter.novak@demo.test"), points: 1, message: "Thank you for the calm handover before the audit."));
        var keys = await App.WithDbAsync(db => db.Recognitions.Where(r => r.GiverId == ingrid).OrderByDescending(r => r.Id).Take(2).Select(r => r.MessageKey).ToListAsync());
        Assert.Equal([ServiceCulture.Recognitions.RecognitionRules.MessageKeyOf("THANK YOU for the calm handover  before the audit."), ServiceCulture.Recognitions.RecognitionRules.MessageKeyOf("thank you for untangling the supplier invoices.")], keys);

        // Recognitions saved before messages had keys are compared by their text.
        await App.WithDbAsync(db => db.Recognitions.Where(r => r.GiverId == ingrid).ExecuteUpdateAsync(set => set.SetProperty(r => r.MessageKey, (string?)null)));
        foreach (var repeated in new[] { "thank you for untangling the  supplier invoices.", "Thank you for the calm handover before the audit." })
        {
            using var again = await R.GiveAsync(client, R.Form(await M.PersonAsync(App, "jonas.weber@demo.test"), points: 1, message: repeated));
            Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
            Assert.Contains("You sent this same message in the last 30 days", R.Errors(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
        }

        await R.GiveOrFailAsync(client, R.Form(await M.PersonAsync(App, "jonas.weber@demo.test"), points: 1, message: "Thank you for untangling the supplier invoices again."));
    }

    [Fact]
    public async Task A_message_identical_to_one_sent_in_the_last_30_days_is_refused()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("ingrid.berg@demo.test");
        await R.FreshAllowanceAsync(App, "ingrid.berg@demo.test");
        await R.GiveOrFailAsync(client, R.Form(await M.PersonAsync(App, "peter.novak@demo.test"), points: 1, message: "Great work on the rollout, it made my day easier."));
        using var again = await R.GiveAsync(client, R.Form(await M.PersonAsync(App, "jonas.weber@demo.test"), points: 1, message: "  great work on the rollout,   it made my day easier. "));
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("You sent this same message in the last 30 days", R.Errors(await again.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Points_beyond_what_is_left_are_refused_with_what_is_left()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync("ingrid.berg@demo.test");
        await R.FreshAllowanceAsync(App, "ingrid.berg@demo.test");
        var peter = await M.PersonAsync(App, "peter.novak@demo.test");
        var jonas = await M.PersonAsync(App, "jonas.weber@demo.test");
        var left = int.Parse((await client.GetDocumentAsync("/Recognition/Give")).QuerySelector("[data-testid=allowance-left]")!.TextContent, CultureInfo.InvariantCulture);
        while (left >= 50)
        {
            await R.GiveOrFailAsync(client, R.Form(left % 2 == 0 ? peter : jonas, points: 40, message: $"Spending my allowance wisely, {left} left before this one."));
            left -= 40;
        }

        using var over = await R.GiveAsync(client, R.Form(jonas, points: left + 1, message: "One point too many for what is left this month."));
        Assert.Equal(HttpStatusCode.BadRequest, over.StatusCode);
        Assert.Contains($"You have {left} points left this month", R.Errors(await over.Content.ReadAsStringAsync()), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submitting_the_same_form_twice_creates_one_recognition()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.EmployeeEmail);
        var page = await client.GetDocumentAsync("/Recognition/Give");
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#recognition-form")!;
        var fields = R.Form(await M.PersonAsync(App, "liam.byrne@demo.test"), points: 5);
        var before = await R.CountAsync(App);
        using var first = await client.PostFormAsync(form, "/Recognition/Give", fields);
        using var second = await client.PostFormAsync(form, "/Recognition/Give", fields);
        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(before + 1, await R.CountAsync(App));
    }

    [Fact]
    public async Task Quiet_recognitions_count_for_the_person_but_not_on_leaderboards()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.EmployeeEmail);
        var liam = await M.PersonAsync(App, "liam.byrne@demo.test");
        var form = R.Form(liam, points: 20);
        form["Form.IsQuiet"] = "true";
        var id = await R.GiveOrFailAsync(client, form);
        var entry = await App.WithDbAsync(db => db.PointsLedger.SingleAsync(e => e.EmployeeId == liam && e.Source == $"recognition:{id}"));
        Assert.False(entry.OnLeaderboard);
        Assert.Equal(20, entry.Amount);
    }

    [Fact]
    public async Task Withdrawing_reverses_the_points_and_refunds_the_allowance()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.EmployeeEmail);
        var liam = await M.PersonAsync(App, "liam.byrne@demo.test");
        var before = await R.PointsAsync(App, liam);
        var left = (await client.GetDocumentAsync("/Recognition/Give")).QuerySelector("[data-testid=allowance-left]")!.TextContent;
        var radarBefore = await RadarAsync(client, liam);
        var id = await R.GiveOrFailAsync(client, R.Form(liam, points: 7));
        // Liam's profile lists it and counts it under Focus, the first element.
        var profile = await client.GetDocumentAsync($"/People/{liam}");
        Assert.NotNull(profile.QuerySelector($"#recognition-{id}"));
        Assert.Equal(radarBefore[0] + 1, (await RadarAsync(client, liam))[0]);
        using var withdrawn = await client.SubmitFormAsync($"/Recognition/{id}", [], "form[action*='handler=Withdraw']");
        Assert.Equal(HttpStatusCode.Redirect, withdrawn.StatusCode);
        Assert.Null((await client.GetDocumentAsync($"/People/{liam}")).QuerySelector($"#recognition-{id}"));
        Assert.Equal(radarBefore, await RadarAsync(client, liam));

        Assert.Equal(before, await R.PointsAsync(App, liam));
        var reasons = await App.WithDbAsync(db => db.PointsLedger.Where(e => e.Source == $"recognition:{id}").Select(e => e.Reason).ToListAsync());
        Assert.Contains(PointsReason.RecognitionReceivedReversed, reasons);
        Assert.Contains(PointsReason.RecognitionReceived, reasons);
        Assert.Equal(left, (await client.GetDocumentAsync("/Recognition/Give")).QuerySelector("[data-testid=allowance-left]")!.TextContent);
        using var gone = await client.GetAsync($"/Recognition/{id}");
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);
    }

    [Fact]
    public async Task A_recognition_can_be_withdrawn_for_24_hours_and_not_after()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.EmployeeEmail);
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var liam = await M.PersonAsync(App, "liam.byrne@demo.test");
        var id = await R.GiveOrFailAsync(client, R.Form(liam, points: 7));
        var form = (AngleSharp.Html.Dom.IHtmlFormElement)(await client.GetDocumentAsync($"/Recognition/{id}")).QuerySelector("form[action*='handler=Withdraw']")!;
        Assert.True(form.HasAttribute("data-once"));

        App.Factory.Clock.Advance(ServiceCulture.Recognitions.RecognitionRules.EditWindow - TimeSpan.FromMinutes(1));
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        Assert.NotNull((await client.GetDocumentAsync($"/Recognition/{id}")).QuerySelector("form[action*='handler=Withdraw']"));

        App.Factory.Clock.Advance(TimeSpan.FromMinutes(2));
        Assert.Null((await client.GetDocumentAsync($"/Recognition/{id}")).QuerySelector("form[action*='handler=Withdraw']"));
        using var late = await client.PostFormAsync(form, $"/Recognition/{id}?handler=Withdraw", []);
        Assert.Equal(HttpStatusCode.Forbidden, late.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Recognitions.Where(r => r.Id == id).Select(r => r.DeletedAt).SingleAsync()));
        Assert.Equal(7, await App.WithDbAsync(db => db.Allowances.Where(a => a.EmployeeId == emma).SumAsync(a => a.Spent)));
    }

    [Fact]
    public async Task The_allowance_renews_at_midnight_on_the_first_of_the_month_in_the_givers_time_zone()
    {
        const string giver = "ingrid.berg@demo.test";
        await App.WithDbAsync(db => db.Users.Where(u => u.Email == giver).ExecuteUpdateAsync(s => s.SetProperty(u => u.TimeZoneId, "Australia/Sydney")));
        var peter = await M.PersonAsync(App, "peter.novak@demo.test");
        var laura = await M.PersonAsync(App, "laura.costa@demo.test");
        var ben = await M.PersonAsync(App, "ben.cohen@demo.test");

        // 30 November, 23:00 in Sydney (12:00 UTC): the whole November allowance is given away.
        App.Factory.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 30, 12, 0, 0, TimeSpan.Zero));
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(giver);
        await R.FreshAllowanceAsync(App, giver);
        await R.GiveOrFailAsync(client, R.Form(peter, points: 50, message: "Thank you for rebuilding my laptop before the audit."));
        await R.GiveOrFailAsync(client, R.Form(laura, points: 50, message: "Thank you for the month-end figures a day early."));
        using var refused = await R.GiveAsync(client, R.Form(ben, points: 1, message: "Thank you for the cash forecast, it saved our week."));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("You have 0 points left this month", R.Errors(await refused.Content.ReadAsStringAsync()), StringComparison.Ordinal);

        // 59 minutes later it is still November in Sydney; a minute after that, December.
        App.Factory.Clock.Advance(TimeSpan.FromMinutes(59));
        using var stillNovember = await R.GiveAsync(client, R.Form(ben, points: 1, message: "Thank you for the cash forecast, it saved our week."));
        Assert.Equal(HttpStatusCode.BadRequest, stillNovember.StatusCode);
        App.Factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await R.GiveOrFailAsync(client, R.Form(ben, points: 50, message: "Thank you for the cash forecast, it saved our week."));
        Assert.Equal("50", (await client.GetDocumentAsync("/Recognition/Give")).QuerySelector("[data-testid=allowance-left]")!.TextContent.Trim());
    }

    [Fact]
    public async Task Pairs_trading_recognition_are_flagged_to_admins_not_blocked()
    {
        using var a = App.CreateClient();
        await a.SignInOrFailAsync("carlos.silva@demo.test");
        await R.FreshAllowanceAsync(App, "carlos.silva@demo.test");
        using var b = App.CreateClient();
        await b.SignInOrFailAsync("fatima.zahra@demo.test");
        await R.FreshAllowanceAsync(App, "fatima.zahra@demo.test");
        var carlos = await M.PersonAsync(App, "carlos.silva@demo.test");
        var fatima = await M.PersonAsync(App, "fatima.zahra@demo.test");
        for (var i = 1; i <= 3; i++)
        {
            await R.GiveOrFailAsync(a, R.Form(fatima, points: 1, message: $"Thanks for the warehouse help, exchange number {i}."));
            await R.GiveOrFailAsync(b, R.Form(carlos, points: 1, message: $"Thanks for the order help, exchange number {i}."));
        }

        // Eight days on: inside the 30-day window, outside the weekly limit per person.
        App.Factory.Clock.Advance(TimeSpan.FromDays(8));
        await a.SignInOrFailAsync("carlos.silva@demo.test");
        await b.SignInOrFailAsync("fatima.zahra@demo.test");
        Assert.False(await App.WithDbAsync(db => db.PairFlags.AnyAsync()));

        await R.GiveOrFailAsync(a, R.Form(fatima, points: 1, message: "Thanks for the warehouse help, exchange number 4."));
        Assert.False(await App.WithDbAsync(db => db.PairFlags.AnyAsync()));
        await R.GiveOrFailAsync(b, R.Form(carlos, points: 1, message: "Thanks for the order help, exchange number 4."));

        var flag = await App.WithDbAsync(db => db.PairFlags.SingleAsync());
        Assert.Equal((Math.Min(carlos, fatima), Math.Max(carlos, fatima)), (flag.FirstId, flag.SecondId));
        Assert.Equal((4, 4), (flag.FirstToSecond, flag.SecondToFirst));

        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        await R.FreshAllowanceAsync(App, DemoOrganisation.AdminEmail);
        var page = await admin.GetDocumentAsync("/Admin/Flags");
        Assert.Contains("Carlos Silva", page.QuerySelector("[data-testid=pair-flag]")!.TextContent, StringComparison.Ordinal);
        using var reviewed = await admin.SubmitFormAsync("/Admin/Flags", new Dictionary<string, string> { ["note"] = "Same project, fine." }, "form[action*='handler=Review']");
        Assert.Equal(HttpStatusCode.Redirect, reviewed.StatusCode);
        Assert.NotNull((await App.WithDbAsync(db => db.PairFlags.SingleAsync())).ReviewedAt);
    }

    private static async Task<int[]> RadarAsync(PortalClient client, int person)
    {
        var page = await client.GetDocumentAsync($"/People/{person}");
        return System.Text.Json.JsonSerializer.Deserialize<int[]>(page.QuerySelector("canvas[data-chart=radar]")!.GetAttribute("data-values")!)!;
    }
}
