using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Moments;
using ServiceCulture.Tests.Infrastructure;
using ServiceCulture.Tests.Moments;
using static ServiceCulture.Tests.Moments.MomentPermissionMatrix;

namespace ServiceCulture.Tests.Pages.Moments;

/// <summary>The buttons on a moment's page follow <see cref="MomentRules.PermissionsFor"/>, for every person and state.</summary>
public sealed class DetailsPermissionsTests(AppFixture app) : AppTest(app)
{
    private static readonly (char Letter, string Selector)[] Buttons =
    [
        ('E', "[data-testid=edit]"),
        ('D', "[data-testid=delete]"),
        ('H', "[data-testid=hide]"),
        ('U', "[data-testid=unhide]"),
        ('R', "[data-testid=recover]"),
        ('S', "[data-testid=share]"),
        ('C', "[data-testid=comment-form]"),
        ('X', "button[data-reaction]"),
    ];

    [Fact]
    public async Task Each_person_sees_exactly_the_buttons_their_permissions_allow()
    {
        var cells = await MomentPermissionSeed.SeedAsync(App, everyoneOnly: true);
        var problems = new List<string>();
        foreach (var role in Enum.GetValues<Role>())
        {
            using var client = App.CreateClient();
            await client.SignInOrFailAsync(MomentPermissionSeed.Emails[role]);
            var viewer = await MomentPermissionSeed.ActorAsync(App, role);
            foreach (var cell in cells)
            {
                MomentPermissions may;
                await using (var scope = App.Scope())
                {
                    may = await scope.ServiceProvider.GetRequiredService<MomentRules>().PermissionsAsync(viewer, cell.Id, CancellationToken.None);
                }

                using var response = await client.GetAsync($"/Moments/{cell.Id}");
                if (!may.See)
                {
                    if (response.StatusCode != HttpStatusCode.NotFound)
                    {
                        problems.Add($"{role} on {cell.State}: expected 404, got {(int)response.StatusCode}");
                    }

                    continue;
                }

                var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
                var shown = string.Concat(Buttons.Where(b => page.QuerySelector(b.Selector) is not null).Select(b => b.Letter));
                if (shown != Letters(may))
                {
                    problems.Add($"{role} on {cell.State}: buttons '{shown}', permissions '{Letters(may)}'");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }

    [Fact]
    public async Task An_admin_sees_the_hide_button_on_a_moment_they_wrote_and_can_hide_it()
    {
        using var admin = App.CreateClient();
        await admin.SignInOrFailAsync(ServiceCulture.Demo.DemoOrganisation.AdminEmail);
        var id = await Infrastructure.Moments.LogAsync(admin, Infrastructure.Moments.ValidForm("Written and hidden by an admin"));
        var page = await admin.GetDocumentAsync($"/Moments/{id}");
        Assert.NotNull(page.QuerySelector("[data-testid=hide]"));
        Assert.NotNull(page.QuerySelector("[data-testid=edit]"));

        var form = page.QuerySelector("[data-testid=hide]")!.Closest("form")!;
        var token = form.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var hidden = await admin.PostAsync($"/Moments/{id}?handler=Hide", new Dictionary<string, string> { ["HideReason"] = "Names a customer by mistake.", ["__RequestVerificationToken"] = token });
        Assert.Equal(HttpStatusCode.Redirect, hidden.StatusCode);
        Assert.NotNull((await Infrastructure.Moments.LoadAsync(App, id)).HiddenAt);
    }
}
