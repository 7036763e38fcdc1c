using System.Globalization;
using System.Net;
using AngleSharp.Html.Dom;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Pages;

/// <summary>Reading the notifications list changes nothing; marking read is a POST.</summary>
public sealed class NotificationsTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Opening_the_notifications_page_marks_nothing_read()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var unread = await UnreadAsync(emma);
        Assert.True(unread > 0);

        await client.GetDocumentAsync("/Notifications");
        var again = await client.GetDocumentAsync("/Notifications");
        await client.GetDocumentAsync("/Notifications?handler=Open&id=" + FirstId(again));

        Assert.Equal(unread, await UnreadAsync(emma));
        Assert.Equal(unread, again.QuerySelectorAll("[data-testid=notification][data-unread=true]").Length);
    }

    [Fact]
    public async Task Opening_one_notification_marks_only_it_read_and_goes_to_what_it_is_about()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var unread = await UnreadAsync(emma);
        var list = await client.GetDocumentAsync("/Notifications");
        var row = list.QuerySelectorAll("[data-testid=notification][data-unread=true]").First(r => r.QuerySelector("[data-testid=open-notification]") is not null);
        var id = long.Parse(row.GetAttribute("data-id")!, CultureInfo.InvariantCulture);

        using var opened = await client.PostFormAsync((IHtmlFormElement)row.QuerySelector("form")!, "/Notifications", []);

        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        var target = opened.Headers.Location!.OriginalString;
        Assert.Matches("^/(Recognition|People|Moments|Reviews|Reviews/Feedback)/[0-9]+", target);
        await client.GetDocumentAsync(target.Split('#')[0]);
        Assert.NotNull(await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == id).Select(n => n.ReadAt).SingleAsync()));
        Assert.Equal(unread - 1, await UnreadAsync(emma));
        var after = await client.GetDocumentAsync("/Notifications");
        Assert.Equal("false", after.QuerySelector($"[data-testid=notification][data-id='{id}']")!.GetAttribute("data-unread"));
    }

    [Fact]
    public async Task Mark_all_read_marks_every_notification_read_and_says_how_many()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var unread = await UnreadAsync(emma);

        using var read = await client.SubmitFormAsync("/Notifications", [], "#read-all-form");

        Assert.Equal(HttpStatusCode.Redirect, read.StatusCode);
        Assert.Equal(0, await UnreadAsync(emma));
        var after = await client.GetDocumentAsync("/Notifications");
        Assert.True(unread > 1);
        Assert.Contains($"{unread} notifications marked read.", after.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Empty(after.QuerySelectorAll("[data-testid=notification][data-unread=true]"));
        Assert.Null(after.QuerySelector("#read-all-form"));
    }

    [Fact]
    public async Task Someone_elses_notification_cannot_be_opened_or_marked_read()
    {
        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var hers = await App.WithDbAsync(db => db.Notifications.Where(n => n.EmployeeId == emma && n.ReadAt == null).Select(n => n.Id).FirstAsync());
        using var other = App.CreateClient();
        await other.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var page = await other.GetDocumentAsync("/Notifications");
        var form = (IHtmlFormElement)page.QuerySelector("form[method=post]")!;
        form.Action = "/Notifications?handler=Open&id=" + hers.ToString(CultureInfo.InvariantCulture);

        using var response = await other.PostFormAsync(form, "/Notifications", []);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Null(await App.WithDbAsync(db => db.Notifications.Where(n => n.Id == hers).Select(n => n.ReadAt).SingleAsync()));
    }

    private Task<int> UnreadAsync(int employeeId) =>
        App.WithDbAsync(db => db.Notifications.CountAsync(n => n.EmployeeId == employeeId && n.ReadAt == null));

    private static string FirstId(IHtmlDocument page) => page.QuerySelector("[data-testid=notification]")!.GetAttribute("data-id")!;
}
