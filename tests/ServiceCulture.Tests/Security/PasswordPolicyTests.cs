using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Security;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Security;

public sealed class PasswordPolicyTests(AppFixture app) : AppTest(app)
{
    [Theory]
    [InlineData("password1234")]
    [InlineData("qwertyuiop123")]
    [InlineData("iloveyou1234")]
    [InlineData("aaaaaaaaaaaaaaaa")]
    public void Common_or_guessable_passwords_are_recognised(string password) =>
        Assert.True(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("amber kettle drifts north")]
    [InlineData("Tulips&Trains-Over-Oslo")]
    public void Long_unusual_passphrases_are_accepted(string password) =>
        Assert.False(CommonPasswordValidator.IsCommon(password));

    [Theory]
    [InlineData("password1234", "too common")]
    [InlineData("short pass", "at least 12 characters")]
    public async Task Changing_to_a_weak_password_is_refused_with_the_reason(string newPassword, string reason)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var response = await client.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = DemoOrganisation.Password,
            ["Input.NewPassword"] = newPassword,
            ["Input.ConfirmPassword"] = newPassword,
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(reason, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var fresh = App.CreateClient();
        await fresh.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
    }

    [Fact]
    public async Task A_long_passphrase_without_symbols_is_accepted()
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        using var response = await client.SubmitFormAsync("/Identity/Account/Manage/ChangePassword", new Dictionary<string, string>
        {
            ["Input.OldPassword"] = DemoOrganisation.Password,
            ["Input.NewPassword"] = "amber kettle drifts north",
            ["Input.ConfirmPassword"] = "amber kettle drifts north",
        });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        using var fresh = App.CreateClient();
        await fresh.SignInOrFailAsync(DemoOrganisation.EmployeeEmail, "amber kettle drifts north");
    }
}
