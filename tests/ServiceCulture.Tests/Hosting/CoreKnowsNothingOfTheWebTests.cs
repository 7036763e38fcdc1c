using System.Text.RegularExpressions;
using ServiceCulture.Notifications;
using NotificationsPage = ServiceCulture.Web.Pages.Notifications.IndexModel;

namespace ServiceCulture.Tests.Hosting;

/// <summary>Core holds the business only: icons, CSS classes, routes and policy names live in Web.</summary>
public sealed partial class CoreKnowsNothingOfTheWebTests
{
    [GeneratedRegex("\"bi-|\"/(Moments|People|Recognition|Leaderboard|Reviews|Reports|Teams|Admin|Learn|Notifications)|\\bPolicies\\b|\"kind-")]
    private static partial Regex WebWords();

    private static string CoreSource()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "ServiceCulture.sln")))
        {
            folder = folder.Parent;
        }

        Assert.NotNull(folder);
        return Path.Combine(folder.FullName, "src", "ServiceCulture.Core");
    }

    [Fact]
    public void No_icon_css_route_or_policy_name_appears_in_core()
    {
        var found = Directory.EnumerateFiles(CoreSource(), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => WebWords().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        Assert.True(found.Count == 0, string.Join(Environment.NewLine, found));
    }

    [Theory]
    [InlineData(NotificationKind.RecognitionReceived, 42L, "/Recognition/42")]
    [InlineData(NotificationKind.CommentOnMoment, 7L, "/Moments/7#comments")]
    [InlineData(NotificationKind.BadgeEarned, null, "/People/3#badges")]
    [InlineData(NotificationKind.LevelReached, null, "/People/3")]
    public void Web_turns_a_notifications_kind_and_subject_into_its_link(NotificationKind kind, long? subject, string link)
    {
        Assert.Equal(link, NotificationsPage.Link(kind, subject, me: 3));
        Assert.StartsWith("bi-", NotificationsPage.Icon(kind), StringComparison.Ordinal);
    }
}
