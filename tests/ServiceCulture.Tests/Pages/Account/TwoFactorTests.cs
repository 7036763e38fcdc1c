using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Pages.Account;

public sealed class TwoFactorTests(AppFixture app) : AppTest(app)
{
    /// <summary>
    /// Identity checks authenticator codes against the system clock, not the host's TimeProvider, so
    /// these codes are computed for the real present.
    /// </summary>
    private static DateTimeOffset IdentityTime => TimeProvider.System.GetUtcNow();

    [Fact]
    public async Task An_authenticator_app_is_paired_and_then_asked_for_at_sign_in()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        var setup = await client.GetDocumentAsync("/Identity/Account/Manage/EnableAuthenticator");
        var key = setup.QuerySelector("[data-testid=shared-key]")!.TextContent;
        Assert.StartsWith("data:image/png;base64,", setup.QuerySelector("main img[alt^='QR code']")!.GetAttribute("src"), StringComparison.Ordinal);

        using var wrong = await client.SubmitFormAsync("/Identity/Account/Manage/EnableAuthenticator", new Dictionary<string, string> { ["Input.Code"] = "000000" }, "#send-code");
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("did not match", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var paired = await client.SubmitFormAsync("/Identity/Account/Manage/EnableAuthenticator", new Dictionary<string, string> { ["Input.Code"] = Totp.Code(key, IdentityTime) }, "#send-code");
        Assert.Equal(HttpStatusCode.Redirect, paired.StatusCode);
        Assert.Contains("ShowRecoveryCodes", paired.Headers.Location!.OriginalString, StringComparison.Ordinal);
        var codes = await client.GetDocumentAsync("/Identity/Account/Manage/ShowRecoveryCodes");
        Assert.Equal(10, codes.QuerySelectorAll("code.recovery-code").Length);
        using var stillSignedIn = await client.GetAsync("/Identity/Account/Manage/TwoFactorAuthentication");
        Assert.Equal(HttpStatusCode.OK, stillSignedIn.StatusCode);

        using var fresh = App.CreateClient();
        using var password = await fresh.SignInAsync(DemoOrganisation.EmployeeEmail);
        Assert.Equal(HttpStatusCode.Redirect, password.StatusCode);
        var secondStep = password.Headers.Location!.OriginalString;
        Assert.Contains("LoginWith2fa", secondStep, StringComparison.Ordinal);
        using var home = await fresh.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);

        using var verified = await fresh.SubmitFormAsync(secondStep, new Dictionary<string, string>
        {
            ["Input.TwoFactorCode"] = Totp.Code(key, IdentityTime),
            ["Input.RememberMachine"] = "false",
        });
        Assert.Equal(HttpStatusCode.Redirect, verified.StatusCode);
        using var signedIn = await fresh.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);

        using var off = await fresh.SubmitFormAsync("/Identity/Account/Manage/Disable2fa", []);
        Assert.Equal(HttpStatusCode.Redirect, off.StatusCode);
        using var afterOff = await fresh.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, afterOff.StatusCode);
        using var third = App.CreateClient();
        await third.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var direct = await third.GetAsync("/");
        Assert.Equal(HttpStatusCode.OK, direct.StatusCode);
    }
}
