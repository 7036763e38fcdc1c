using Microsoft.Playwright;
using ServiceCulture.BrowserTests.Infrastructure;
using ServiceCulture.BrowserTests.PageObjects;

namespace ServiceCulture.BrowserTests.Pages;

[Collection(BrowserCollection.Name)]
public sealed class MomentsTests(BrowserFixture browser)
{
    [Fact]
    public Task A_misery_is_logged_recovered_found_in_the_feed_and_shared_as_a_case_study() =>
        browser.RunAsync(nameof(A_misery_is_logged_recovered_found_in_the_feed_and_shared_as_a_case_study), async page =>
        {
            await new LoginPage(page).SignInAsync("priya.nair@demo.test");
            var form = new MomentForm(page);
            await form.GotoNewAsync();
            await BrowserFixture.AssertAccessibleAsync(page);

            await form.Kind("Moment of misery").CheckAsync();
            await form.FillAsync("Refund promised but never sent", "A customer was promised a refund on the phone. **Nobody** processed it and they called back angry.", ["Measured", "Problem solving"], "a customer waiting for a refund");
            await Assertions.Expect(form.Visibility.GetByLabel("Everyone")).Not.ToBeCheckedAsync();
            await form.Visibility.GetByLabel("My team").CheckAsync();
            await form.SubmitAsync("Log moment");

            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Refund promised but never sent");
            await Assertions.Expect(page.GetByTestId("misery-status")).ToContainTextAsync("Open");
            await BrowserFixture.AssertAccessibleAsync(page);
            var miseryUrl = page.Url;

            await page.GetByRole(AriaRole.Link, new() { Name = "Log the recovery" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Recover a misery");
            await BrowserFixture.AssertAccessibleAsync(page);
            await form.Title.FillAsync("Refund sent the same hour, with an apology");
            await form.Story.FillAsync("Sent the refund while the customer was on the phone, apologised, and added a refund check to our daily list.");
            await form.CheckStepAsync(1, "Paid first, looked for the cause after.");
            await form.CheckStepAsync(2, "I owned it and gave my direct line.");
            await form.CheckStepAsync(4, "Refunds now go on the daily checklist.");
            await form.CheckStepAsync(5, "Apologised and explained what changed.");
            await form.SubmitAsync("Log recovery");

            await Assertions.Expect(page.GetByTestId("recovers")).ToContainTextAsync("Refund promised but never sent");
            await Assertions.Expect(page.GetByTestId("recovery-step")).ToHaveCountAsync(5);
            await BrowserFixture.AssertAccessibleAsync(page);
            var recoveryUrl = page.Url;

            await page.GotoAsync("/");
            var miseryCard = page.Locator($"#moment-{miseryUrl.Split('/')[^1]}");
            await Assertions.Expect(miseryCard.GetByTestId("misery-status")).ToContainTextAsync("Refund sent the same hour, with an apology");
            await Assertions.Expect(page.Locator($"#moment-{recoveryUrl.Split('/')[^1]}").GetByTestId("recovers")).ToContainTextAsync("Refund promised but never sent");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GotoAsync(recoveryUrl);
            await page.GetByRole(AriaRole.Link, new() { Name = "Prepare the case study" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Share as a case study");
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.GetByRole(AriaRole.Button, new() { Name = "Publish case study" }).ClickAsync();
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Refund promised but never sent");
            await Assertions.Expect(page.GetByTestId("how-recovered")).ToContainTextAsync("Refunds now go on the daily checklist.");
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GetByLabel("What would you have done?").FillAsync("Same, and I would call back a week later.");
            await page.GetByRole(AriaRole.Button, new() { Name = "Add to the discussion" }).ClickAsync();
            await Assertions.Expect(page.GetByTestId("comment")).ToContainTextAsync("call back a week later");

            await page.GotoAsync("/Learn/CaseStudies");
            await Assertions.Expect(page.GetByTestId("case-study-card").First).ToContainTextAsync("Refund promised but never sent");
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task The_form_explains_bad_input_next_to_each_field() =>
        browser.RunAsync(nameof(The_form_explains_bad_input_next_to_each_field), async page =>
        {
            await new LoginPage(page).SignInAsync("tom.fischer@demo.test");
            var form = new MomentForm(page);
            await form.GotoNewAsync();
            await form.Kind("Moment of magic").CheckAsync();
            await form.Title.FillAsync("No story, no element");
            await form.OccurredOn.FillAsync("2099-12-31");
            // Straight to the server, past the browser's own checks: the server is the judge.
            await page.EvaluateAsync("() => { document.querySelector('#moment-form').classList.add('sent'); document.querySelector('#moment-form').submit(); }");
            await page.WaitForFunctionAsync("() => !document.querySelector('#moment-form.sent')");
            await Assertions.Expect(page.Locator("[data-valmsg-for='Form.Story']")).ToContainTextAsync("Tell the story");
            await Assertions.Expect(page.Locator("[data-valmsg-for='Form.OccurredOn']")).ToContainTextAsync("in the future");
            await Assertions.Expect(page.Locator("[data-valmsg-for='Form.Elements']")).ToContainTextAsync("Tick at least one service element.");
            await Assertions.Expect(form.Title).ToHaveValueAsync("No story, no element");
            await BrowserFixture.AssertAccessibleAsync(page);
        });

    [Fact]
    public Task A_colleague_is_picked_as_the_internal_customer_by_typing() =>
        browser.RunAsync(nameof(A_colleague_is_picked_as_the_internal_customer_by_typing), async page =>
        {
            await new LoginPage(page).SignInAsync("sofia.rossi@demo.test");
            var form = new MomentForm(page);
            await form.GotoNewAsync("magic");
            await form.FillAsync("Covered the chat queue for Finance", "Finance had a payroll question storm; I answered the chat queue for an hour.", ["Given life"]);
            await form.PickInternalCustomerAsync("finan", "Team: Finance");
            await Assertions.Expect(page.Locator("input[name='Form.CustomerTeamId']")).Not.ToHaveValueAsync("");
            await BrowserFixture.AssertAccessibleAsync(page);
            await form.SubmitAsync("Log moment");
            await Assertions.Expect(page.Locator("main p.text-body-secondary").First).ToContainTextAsync("the Finance team");
        });

    [Fact]
    public Task Every_reading_page_of_moments_is_accessible() =>
        browser.RunAsync(nameof(Every_reading_page_of_moments_is_accessible), async page =>
        {
            await new LoginPage(page).SignInAsync("manager@demo.test");
            foreach (var path in new[] { "/", "/?kind=misery", "/Moments/Mine", "/Learn/Elements", "/Learn/CaseStudies" })
            {
                await page.GotoAsync(path);
                await BrowserFixture.AssertAccessibleAsync(page);
            }

            await page.GotoAsync("/Learn/CaseStudies");
            await page.GetByTestId("case-study-card").First.Locator("h2 a").ClickAsync();
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GotoAsync("/?kind=misery");
            await page.GetByTestId("moment-card").First.Locator("h3 a").ClickAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            await page.Locator("main a[href^='/People/']").First.ClickAsync();
            await BrowserFixture.AssertAccessibleAsync(page);

            await page.GotoAsync("/");
            var reaction = page.GetByTestId("moment-card").First.Locator("button.reaction").First;
            var pressed = await reaction.GetAttributeAsync("aria-pressed");
            await reaction.ClickAsync();
            await Assertions.Expect(page.GetByTestId("moment-card").First.Locator("button.reaction").First).Not.ToHaveAttributeAsync("aria-pressed", pressed!);

            var cards = await page.GetByTestId("moment-card").CountAsync();
            await page.GetByTestId("load-more").ClickAsync();
            await Assertions.Expect(page.GetByTestId("moment-card")).Not.ToHaveCountAsync(cards);
        });

    [Fact]
    public Task The_author_edits_their_moment() =>
        browser.RunAsync(nameof(The_author_edits_their_moment), async page =>
        {
            await new LoginPage(page).SignInAsync("liam.byrne@demo.test");
            var form = new MomentForm(page);
            await form.GotoNewAsync("truth");
            await form.FillAsync("First draft title", "A short story to edit.", ["Focus"], "a caller");
            await form.SubmitAsync("Log moment");
            await page.GetByRole(AriaRole.Link, new() { Name = "Edit" }).ClickAsync();
            await BrowserFixture.AssertAccessibleAsync(page);
            await form.Title.FillAsync("Edited title");
            await form.SubmitAsync("Save changes");
            await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Edited title");
        });
}
