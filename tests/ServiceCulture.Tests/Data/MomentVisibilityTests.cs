using System.Net;
using ServiceCulture.Data;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Data;

/// <summary>
/// Who sees which moment, on each engine: the author, a teammate, someone in another team, the
/// author's manager and an admin, for each visibility; wherever a moment is asked for by id, in the
/// feed, on the profile, and for reactions and comments.
/// </summary>
public sealed class MomentVisibilityTests(EnginesFixture engines) : EngineTest(engines)
{
    private static readonly (string Email, string Role)[] Viewers =
    [
        (DemoOrganisation.EmployeeEmail, "author"),
        ("noah.okafor@demo.test", "teammate"),
        ("daniel.kim@demo.test", "other team"),
        (DemoOrganisation.ManagerEmail, "manager"),
        (DemoOrganisation.AdminEmail, "admin"),
    ];

    private static readonly Dictionary<Visibility, string[]> Allowed = new()
    {
        [Visibility.Everyone] = ["author", "teammate", "other team", "manager", "admin"],
        [Visibility.MyTeam] = ["author", "teammate", "manager", "admin"],
        [Visibility.AuthorAndManager] = ["author", "manager", "admin"],
    };

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Visibility_is_enforced_for_every_viewer_everywhere(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var author = app.CreateClient();
        await author.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var ids = new Dictionary<Visibility, long>();
        foreach (var visibility in Enum.GetValues<Visibility>())
        {
            ids[visibility] = await M.LogAsync(author, M.ValidForm($"Visible to {visibility}", visibility: visibility.ToString()));
        }

        var emmaId = await M.PersonAsync(app, DemoOrganisation.EmployeeEmail);
        var problems = new List<string>();
        foreach (var (email, role) in Viewers)
        {
            using var client = app.CreateClient();
            await client.SignInOrFailAsync(email);
            var feed = await client.GetDocumentAsync("/");
            var profile = await client.GetDocumentAsync($"/People/{emmaId}");
            foreach (var (visibility, id) in ids)
            {
                var allowed = Allowed[visibility].Contains(role);
                using var details = await client.GetAsync($"/Moments/{id}");
                var expected = allowed ? HttpStatusCode.OK : HttpStatusCode.NotFound;
                if (details.StatusCode != expected)
                {
                    problems.Add($"{role} got {(int)details.StatusCode} for {visibility} details");
                }

                if ((feed.QuerySelector($"#moment-{id}") is not null) != allowed)
                {
                    problems.Add($"{role} feed shows {visibility}: {!allowed}");
                }

                if ((profile.QuerySelector($"#moment-{id}") is not null) != allowed)
                {
                    problems.Add($"{role} profile shows {visibility}: {!allowed}");
                }

                if (!allowed)
                {
                    var token = feed.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
                    using var react = await client.PostAsync($"/Moments/{id}?handler=React", new Dictionary<string, string> { ["kind"] = "Heart", ["__RequestVerificationToken"] = token });
                    using var comment = await client.PostAsync($"/Moments/{id}?handler=Comment", new Dictionary<string, string> { ["CommentBody"] = "peek", ["__RequestVerificationToken"] = token });
                    using var edit = await client.GetAsync($"/Moments/{id}/Edit");
                    if (react.StatusCode != HttpStatusCode.NotFound || comment.StatusCode != HttpStatusCode.NotFound || edit.StatusCode != HttpStatusCode.NotFound)
                    {
                        problems.Add($"{role} reached hidden {visibility}: react {(int)react.StatusCode}, comment {(int)comment.StatusCode}, edit {(int)edit.StatusCode}");
                    }
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
        var reactions = await app.WithDbAsync(db => Task.FromResult(db.MomentReactions.Count(r => ids.Values.Contains(r.MomentId))));
        Assert.Equal(0, reactions);
    }

    [Theory]
    [MemberData(nameof(EnginesFixture.All), MemberType = typeof(EnginesFixture))]
    public async Task Two_recoveries_posted_at_once_close_the_misery_once(DatabaseProvider engine)
    {
        var app = await Engines.HostAsync(engine);
        using var emma = app.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var manager = app.CreateClient();
        await manager.SignInOrFailAsync(DemoOrganisation.ManagerEmail);
        var miseryId = await M.LogAsync(emma, M.ValidForm("Racing recoveries", kind: "Misery", visibility: "MyTeam"));

        var pages = new[] { emma, manager };
        var forms = new List<(PortalClient Client, AngleSharp.Html.Dom.IHtmlFormElement Form)>();
        foreach (var client in pages)
        {
            var page = await client.GetDocumentAsync($"/Moments/{miseryId}/Recover");
            forms.Add((client, (AngleSharp.Html.Dom.IHtmlFormElement)page.QuerySelector("#recovery-form")!));
        }

        var responses = await Task.WhenAll(forms.Select(f => f.Client.PostFormAsync(f.Form, $"/Moments/{miseryId}/Recover", M.RecoveryForm("Recovered in a race"))));
        var statuses = responses.Select(r => r.StatusCode).OrderBy(s => s).ToList();
        foreach (var response in responses)
        {
            response.Dispose();
        }

        Assert.Equal(HttpStatusCode.Redirect, statuses[0]);
        Assert.Contains(statuses[1], new[] { HttpStatusCode.Redirect, HttpStatusCode.Conflict });
        var live = await app.WithDbAsync(db => Task.FromResult(db.Moments.Where(m => m.RecoversMomentId == miseryId && m.DeletedAt == null).Select(m => m.Id).ToList()));
        Assert.Single(live);
        var misery = await M.LoadAsync(app, miseryId);
        Assert.Equal(live[0], misery.RecoveryId);
    }
}
