using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The teams admin: the tree with its create form, and one team's page.</summary>
public sealed class TeamsPage(IPage page)
{
    public ILocator Tree => page.GetByTestId("teams-tree");
    public ILocator Row(string team) => Tree.Locator($"tr[data-team='{team}']");
    public ILocator ParentError => page.Locator("[data-valmsg-for='Form.ParentTeamId']");

    public async Task GotoAsync() => await page.GotoAsync("/Admin/Teams");

    public async Task CreateAsync(string name, string? parent = null)
    {
        var form = page.Locator("#create-team-form");
        await form.GetByLabel("Name").FillAsync(name);
        if (parent is not null)
        {
            await form.GetByLabel("Inside team").SelectOptionAsync(new SelectOptionValue { Label = parent });
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Create team" }).ClickAsync();
        await Row(name).WaitForAsync();
    }

    public async Task OpenAsync(string team)
    {
        await page.GotoAsync("/Admin/Teams");
        await page.GetByRole(AriaRole.Link, new() { Name = team, Exact = true }).ClickAsync();
        await page.Locator("#team-form").WaitForAsync();
    }

    public async Task SaveAsync(string? name = null, string? parent = null)
    {
        var form = page.Locator("#team-form");
        if (name is not null)
        {
            await form.GetByLabel("Name").FillAsync(name);
        }

        if (parent is not null)
        {
            await form.GetByLabel("Inside team").SelectOptionAsync(new SelectOptionValue { Label = parent });
        }

        await form.GetByRole(AriaRole.Button, new() { Name = "Save changes" }).ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }
}
