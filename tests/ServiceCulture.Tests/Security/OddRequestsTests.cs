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

    /// <summary>Every page whose list is paged by key; "{me}" is the signed-in person's id.</summary>
    private static readonly string[] PagedPages =
    [
        "/", "/?handler=More", "/?kind=recognition", "/Moments/Mine", "/People/{me}", "/Notifications", "/Learn/CaseStudies", "/Admin/Audit",
    ];

    private static readonly string[] OddKeys =
    [
        "9223372036854775807", "-9223372036854775808", "99999999999999999999", "0", "-1", "abc", "%00", "%20", "1e9", "0x10",
        "3155378975999999999", "3155378976000000000_1", "9223372036854775807_9223372036854775807", "1_-1", "-1_1", "1_2_3",
        "638000000000000000_1_m", "638000000000000000_1_r", "9223372036854775807_1_r", "638000000000000000_-1_x", "_", "__", "1_", "_1",
        "3155378975999999999_9223372036854775807", "3155378975999999999_9223372036854775807_m", "1_0", "1_0_r",
        new string('9', 3000),
    ];

    public static TheoryData<string> PagingPages => [.. PagedPages];

    [Theory]
    [MemberData(nameof(PagingPages))]
    public async Task Odd_paging_keys_never_answer_500(string page)
    {
        using var client = App.CreateClient();
        await client.SignInOrFailAsync(DemoOrganisation.AdminEmail);
        var me = await Infrastructure.Moments.PersonAsync(App, DemoOrganisation.AdminEmail);
        var failures = new List<string>();
        foreach (var key in OddKeys)
        {
            var url = page.Replace("{me}", me.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
                + (page.Contains('?', StringComparison.Ordinal) ? "&" : "?") + "before=" + key;
            using var response = await client.GetAsync(url);
            var body = await response.Content.ReadAsStringAsync();
            if ((int)response.StatusCode >= 500 || body.Contains("   at ", StringComparison.Ordinal))
            {
                failures.Add($"{url} answered {(int)response.StatusCode}");
            }
        }

        Assert.Empty(failures);
    }

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
