using ServiceCulture.Demo;
using ServiceCulture.Tests.Infrastructure;

namespace ServiceCulture.Tests.Security;

/// <summary>Malformed and forged requests get a 4xx or a normal page, never a 500.</summary>
public sealed class OddRequestsTests(AppFixture app) : AppTest(app)
{
    public static TheoryData<string> Paths => new()
    {
        "/Moments/abc",
        "/Moments/-1",
        "/Moments/99999999999999999999",
        "/Moments/1/Recover?x=%00",
        "/People/abc",
        "/People/0",
        "/Recognition/abc",
        "/Recognition/Give?to=abc&moment=zzz",
        "/Recognition/Give?to=-5",
        "/Moments/New?kind=%3Cscript%3E",
        "/?before=99999999999999999999&team=abc&kind=1&element=..%2F..",
        "/?handler=More&before=-1",
        "/?handler=Nope",
        "/Leaderboard?period=%27%3B--&scope=&measure=&element=%00",
        "/Learn/CaseStudies?before=abc",
        "/Learn/CaseStudies/abc",
        "/Admin/Audit?before=abc",
        "/People/Search?q=" + new string('x', 5000),
        "/People/Search?q=%25%5F%5B&scope=customer",
        "/Notifications?handler=Bell",
        "/Error?status=999",
    };

    [Theory]
    [MemberData(nameof(Paths))]
    public async Task Odd_addresses_never_answer_500(string path)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        using var response = await client.GetAsync(path);
        Assert.True((int)response.StatusCode < 500, $"{path} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/Moments/New", "Form.Kind=Misery&Form.OccurredOn=31-31-2026&Form.Elements=Focus&Form.Elements=Focus&Form.Visibility=&Form.CustomerEmployeeId=abc")]
    [InlineData("/Recognition/Give", "Form.RecipientIds=abc&Form.Points=99999999999999&Form.RequestId=not-a-guid&Form.Elements=128")]
    [InlineData("/Moments/1?handler=React", "kind=")]
    [InlineData("/Moments/1?handler=Comment", "CommentBody=")]
    [InlineData("/Admin/Settings", "Values[Unknown]=5&Values[MonthlyAllowance]=99999999999999999")]
    [InlineData("/People/2?handler=Pause", "PauseFrom=yesterday&PauseWeeks=99")]
    public async Task Forged_posts_are_refused_with_a_4xx(string path, string body)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var page = await client.GetDocumentAsync("/Recognition/Give");
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        using var content = new StringContent(body + "&__RequestVerificationToken=" + Uri.EscapeDataString(token), System.Text.Encoding.UTF8, "application/x-www-form-urlencoded");
        using var response = await client.Http.PostAsync(new Uri(path, UriKind.Relative), content);
        Assert.True((int)response.StatusCode is >= 400 and < 500, $"{path} answered {(int)response.StatusCode}");
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
