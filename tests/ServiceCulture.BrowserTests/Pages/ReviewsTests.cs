using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class ReviewsTests(BrowserFixture browser)
{
    [Fact]
    public Task A_cycle_runs_from_opening_to_the_employee_acknowledging_their_review() =>
        browser.RunAsync(nameof(A_cycle_runs_from_opening_to_the_employee_acknowledging_their_review), async page =>
        {
            const string cycle = "Year-end check-in";
            var reviews = new ReviewPage(page);
            var shell = await new LoginPage(page).SignInAsync("manager@demo.test");

            // The manager opens a cycle for their team and asks a colleague Emma served for feedback.
            await reviews.OpenCycleAsync(cycle);
            await BrowserFixture.AssertAccessibleAsync(page);
            await reviews.OpenFromListAsync(cycle, "Emma Lindqvist");
            await BrowserFixture.AssertAccessibleAsync(page);
            await reviews.AskAsync("Zoe", "Zoe Campbell");
            await Assertions.Expect(page.GetByTestId("feedback-request").Filter(new() { HasText = "Zoe Campbell" })).ToBeVisibleAsync();
            await shell.SignOutAsync();

            // Emma assesses herself.
            shell = await new LoginPage(page).SignInAsync("employee@demo.test");
            await reviews.OpenFromListAsync(cycle);
            await Assertions.Expect(page.GetByTestId("assessment-empty")).ToBeVisibleAsync();
            await reviews.RateAllAsync(reviews.SelfForm, 4);
            await page.GetByLabel("Anything else for your manager").FillAsync("The address check after the invoice misery is the change I am proudest of.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Save self-assessment" }).ClickAsync();
            await Assertions.Expect(reviews.State("SelfAssessed")).ToBeVisibleAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            await shell.SignOutAsync();

            // Zoe answers from the bell's link, listed on her reviews page.
            shell = await new LoginPage(page).SignInAsync("zoe.campbell@demo.test");
            await page.GotoAsync("/Reviews");
            await page.GetByRole(AriaRole.Link, new() { Name = "How did Emma Lindqvist serve you?" }).ClickAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            await reviews.RateAllAsync(page.Locator("#feedback-form"), 5);
            await page.GetByRole(AriaRole.Button, new() { Name = "Send my feedback" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("answered")).ToBeVisibleAsync();
            await shell.SignOutAsync();

            // The manager assesses with the evidence panel beside the form, and shares.
            shell = await new LoginPage(page).SignInAsync("manager@demo.test");
            await reviews.OpenFromListAsync(cycle, "Emma Lindqvist");
            await Assertions.Expect(reviews.Evidence).ToBeVisibleAsync();
            Assert.True(int.Parse((await page.GetByTestId("evidence-moments").TextContentAsync())!, System.Globalization.CultureInfo.InvariantCulture) > 0);
            var item = reviews.Evidence.Locator("details[data-element]").Filter(new() { Has = page.GetByTestId("evidence-item") }).First;
            await item.Locator(":scope > summary").ClickAsync();
            await Assertions.Expect(item.GetByTestId("evidence-item").First).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("feedback-request").Filter(new() { HasText = "Zoe Campbell" })).ToContainTextAsync("Answered");
            await reviews.RateAllAsync(reviews.AssessForm, 4);
            await page.GetByLabel("Strengths").FillAsync("Calls back before customers chase, and shares what works.");
            await page.GetByLabel("Focus element").SelectOptionAsync(new SelectOptionValue { Label = "Measured" });
            await page.GetByLabel("Action 1").FillAsync("Ask one internal customer a month how a hand-over went.");
            await page.GetByLabel("Overall summary").FillAsync("A strong period with the evidence to show it.");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Share with Emma Lindqvist" }).ClickAsync();
            await Assertions.Expect(reviews.State("Shared")).ToBeVisibleAsync();
            await shell.SignOutAsync();

            // Emma reads it and acknowledges.
            await new LoginPage(page).SignInAsync("employee@demo.test");
            await reviews.OpenFromListAsync(cycle);
            await Assertions.Expect(page.GetByTestId("summary")).ToHaveTextAsync("A strong period with the evidence to show it.");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GetByLabel("Your comment (optional)").FillAsync("Thank you, agreed on the focus.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Acknowledge" }).ClickAsync();
            await Assertions.Expect(reviews.State("Acknowledged")).ToBeVisibleAsync();
            await Assertions.Expect(page.GetByTestId("employee-comment")).ToHaveTextAsync("Thank you, agreed on the focus.");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GotoAsync(page.Url + "?handler=Print");
            await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print" })).ToBeVisibleAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
        });
}
