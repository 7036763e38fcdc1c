using Microsoft.Playwright;

namespace ServiceCulture.BrowserTests.PageObjects;

/// <summary>The moment form on /Moments/New, /Moments/{id}/Recover and /Moments/{id}/Edit.</summary>
public sealed class MomentForm(IPage page)
{
    public ILocator Kind(string name) => page.GetByRole(AriaRole.Group, new() { Name = "Kind" }).GetByLabel(name);
    public ILocator Title => page.GetByLabel("Title", new() { Exact = true });
    public ILocator Story => page.GetByLabel("Story", new() { Exact = true });
    public ILocator OccurredOn => page.GetByLabel("When did it happen?");
    public ILocator Customer => page.GetByRole(AriaRole.Group, new() { Name = "Customer" });
    public ILocator Elements => page.GetByRole(AriaRole.Group, new() { Name = "Service elements" });
    public ILocator Lesson => page.GetByLabel("Lesson learned");
    public ILocator Visibility => page.GetByRole(AriaRole.Group, new() { Name = "Who can see this" });
    public ILocator Steps => page.GetByRole(AriaRole.Group, new() { Name = "The five recovery steps" });

    public async Task GotoNewAsync(string? kind = null) => await page.GotoAsync(kind is null ? "/Moments/New" : $"/Moments/New?kind={kind}");

    public async Task FillAsync(string title, string story, string[] elements, string? externalCustomer = null)
    {
        await Title.FillAsync(title);
        await Story.FillAsync(story);
        if (externalCustomer is not null)
        {
            await Customer.GetByLabel("External customer").CheckAsync();
            await Customer.GetByLabel("Who was the customer?").FillAsync(externalCustomer);
        }

        foreach (var element in elements)
        {
            await Elements.GetByLabel(element, new() { Exact = true }).CheckAsync();
        }
    }

    public async Task PickInternalCustomerAsync(string search, string option)
    {
        await Customer.GetByLabel("A colleague or team (internal customer)").CheckAsync();
        var box = Customer.GetByRole(AriaRole.Combobox, new() { Name = "Colleague or team" });
        await box.FillAsync(search);
        await page.GetByRole(AriaRole.Option, new() { Name = option }).First.ClickAsync();
    }

    public async Task CheckStepAsync(int number, string note)
    {
        await Steps.Locator($"#step-{number}").CheckAsync();
        await Steps.GetByLabel($"Note on step {number}").FillAsync(note);
    }

    public async Task SubmitAsync(string button) => await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
}
