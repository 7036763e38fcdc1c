using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.People;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Account;

public sealed class LoginTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task Anonymous_visitors_are_sent_to_sign_in()
    {
        using var client = App.CreateClient();
        using var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_employee_signs_in_and_sees_the_home_page_with_their_name()
    {
        using var client = App.CreateClient();
        using var response = await client.SignInAsync(DemoOrganisation.EmployeeEmail);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);

        var home = await client.GetDocumentAsync("/");
        Assert.Equal("Emma Lindqvist", home.QuerySelector("[data-testid=signed-in-name]")!.TextContent.Trim());
        Assert.Contains("Customer Care", home.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_password_is_refused_with_a_clear_message()
    {
        using var client = App.CreateClient();
        using var response = await client.SignInAsync(DemoOrganisation.EmployeeEmail, "not the password at all");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("do not match", page.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Empty_fields_get_messages_next_to_them()
    {
        using var client = App.CreateClient();
        using var response = await client.SignInAsync("", "");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var page = PortalClient.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Enter your work email.", page.QuerySelector("[data-valmsg-for='Input.Email']")!.TextContent.Trim());
        Assert.Equal("Enter your password.", page.QuerySelector("[data-valmsg-for='Input.Password']")!.TextContent.Trim());
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        using var client = App.CreateClient();
        for (var attempt = 1; attempt <= 4; attempt++)
        {
            using var wrong = await client.SignInAsync(DemoOrganisation.EmployeeEmail, $"wrong password {attempt}");
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        using var fifth = await client.SignInAsync(DemoOrganisation.EmployeeEmail, "wrong password 5");
        Assert.Equal(HttpStatusCode.Redirect, fifth.StatusCode);
        Assert.Equal("/Identity/Account/Lockout", fifth.Headers.Location!.OriginalString);

        var lockout = await client.GetDocumentAsync("/Identity/Account/Lockout");
        Assert.Contains("locked for 15 minutes", lockout.QuerySelector("[data-testid=lockout-message]")!.TextContent, StringComparison.Ordinal);

        using var right = await client.SignInAsync(DemoOrganisation.EmployeeEmail);
        Assert.Equal("/Identity/Account/Lockout", right.Headers.Location!.OriginalString);
        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
    }

    [Fact]
    public async Task A_cookie_captured_before_sign_out_is_refused_after_it()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var captured = client.Cookies.GetCookieHeader(new Uri("https://localhost/"));
        Assert.Contains("__Host-sc.auth=", captured, StringComparison.Ordinal);

        using var signOut = await client.SignOutAsync();
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        using var replay = App.Factory.CreateDefaultClient(new Uri("https://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", captured);
        using var response = await replay.SendAsync(request);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/Identity/Account/Login", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_cookie_stays_valid_until_sign_out()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var captured = client.Cookies.GetCookieHeader(new Uri("https://localhost/"));

        using var other = App.Factory.CreateDefaultClient(new Uri("https://localhost"));
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Add("Cookie", captured);
        using var response = await other.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Deactivated_people_cannot_sign_in_and_lose_their_session()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);

        await using (var scope = App.Scope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<Employee>>();
            var emma = await users.FindByEmailAsync(DemoOrganisation.EmployeeEmail);
            emma!.IsActive = false;
            await users.UpdateAsync(emma);
        }

        using var home = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);

        using var fresh = App.CreateClient();
        using var again = await fresh.SignInAsync(DemoOrganisation.EmployeeEmail);
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
    }

    [Fact]
    public async Task Return_urls_outside_the_portal_are_ignored()
    {
        using var client = App.CreateClient();
        using var response = await client.SubmitFormAsync("/Identity/Account/Login?returnUrl=https%3A%2F%2Fevil.example%2F", new Dictionary<string, string>
        {
            ["Input.Email"] = DemoOrganisation.EmployeeEmail,
            ["Input.Password"] = DemoOrganisation.Password,
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Registration_is_not_offered()
    {
        // Anonymous visitors are sent to sign in for any address, known or not, so nothing reveals
        // which pages exist; once signed in, the page is simply not there.
        using var client = App.CreateClient();
        using var anonymous = await client.GetAsync("/Identity/Account/Register");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var response = await client.GetAsync("/Identity/Account/Register");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var post = await client.PostAsync("/Identity/Account/Register", new Dictionary<string, string>
        {
            ["Input.Email"] = "intruder@evil.test",
            ["Input.Password"] = "amber kettle drifts north",
            ["Input.ConfirmPassword"] = "amber kettle drifts north",
        });
        Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest);
        Assert.Equal(DemoOrganisation.PeopleCount, await App.WithDbAsync(db => db.Users.CountAsync()));
    }
}
