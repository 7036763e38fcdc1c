using System.Net;
using System.Text.RegularExpressions;
using MimeKit;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Account;

public sealed partial class PasswordResetTests(AppFixture app) : AppTest(app)
{
    [Fact]
    public async Task A_forgotten_password_is_reset_through_the_mailed_link()
    {
        using var client = App.CreateClient();
        using var asked = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = DemoOrganisation.EmployeeEmail });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);

        var mail = Assert.Single(Directory.GetFiles(App.MailFolder, "*.eml"));
        var message = await MimeMessage.LoadAsync(mail);
        Assert.Equal(DemoOrganisation.EmployeeEmail, message.To.Mailboxes.Single().Address);
        var link = WebUtility.HtmlDecode(LinkPattern().Match(message.HtmlBody ?? "").Groups["path"].Value);
        Assert.StartsWith("/Identity/Account/ResetPassword?", link, StringComparison.Ordinal);

        using var reset = await client.SubmitFormAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = DemoOrganisation.EmployeeEmail,
            ["Input.Password"] = "violet harbour lamps sing",
            ["Input.ConfirmPassword"] = "violet harbour lamps sing",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        using var old = await client.SignInAsync(DemoOrganisation.EmployeeEmail);
        Assert.Equal(HttpStatusCode.BadRequest, old.StatusCode);
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail, "violet harbour lamps sing");
    }

    [Fact]
    public async Task Unknown_addresses_get_the_same_answer_and_no_mail()
    {
        using var client = App.CreateClient();
        using var asked = await client.SubmitFormAsync("/Identity/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = "nobody@demo.test" });
        Assert.Equal(HttpStatusCode.Redirect, asked.StatusCode);
        Assert.False(Directory.Exists(App.MailFolder) && Directory.GetFiles(App.MailFolder, "*.eml").Length > 0);
    }

    [GeneratedRegex("href=['\"](?:https?://[^/'\"]+)?(?<path>/Identity/Account/ResetPassword\\?[^'\"]+)['\"]")]
    private static partial Regex LinkPattern();
}
