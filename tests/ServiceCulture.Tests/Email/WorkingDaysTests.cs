using System.Net;
using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;
using static ServiceCulture.Tests.Infrastructure.Reinforcement;

namespace ServiceCulture.Tests.Email;

public sealed class WorkingDaysTests(MailFixture mail) : MailTest(mail)
{
    [Fact]
    public async Task Nudges_follow_the_working_days_admins_choose_from_the_next_run()
    {
        using var admin = Mail.CreateClient();
        await admin.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using (var saved = await admin.SubmitFormAsync("/Admin/Settings", [new("WorkingDays", "Saturday"), new("WorkingDays", "Sunday")], "#settings-form"))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        var friday = NextLocal(Mail, DayOfWeek.Friday, 10, 0, "Europe/Paris");
        var claire = await AddPersonAsync(Mail, "Claire Martin", "Europe/Paris", friday.AddDays(-60));

        await NudgeAsync(Mail, friday);
        Assert.Empty(await NudgesOfAsync(Mail, claire));

        await NudgeAsync(Mail, friday.AddDays(1));
        Assert.Single(await NudgesOfAsync(Mail, claire));
    }
}
