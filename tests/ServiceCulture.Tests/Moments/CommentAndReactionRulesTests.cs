using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Demo;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.Rules;
using ServiceCulture.Tests.Infrastructure;
using static ServiceCulture.Tests.Moments.MomentPermissionMatrix;
using M = ServiceCulture.Tests.Infrastructure.Moments;

namespace ServiceCulture.Tests.Moments;

/// <summary>Comments and reactions go through <see cref="MomentRules"/>, which owns what follows from them.</summary>
public sealed class CommentAndReactionRulesTests(AppFixture app) : AppTest(app)
{
    private async Task<long> EmmasMomentAsync(string visibility)
    {
        using var emma = App.CreateClient();
        await emma.SignInOrFailAsync(DemoOrganisation.EmployeeEmail);
        return await M.LogAsync(emma, M.ValidForm($"A moment for {visibility}", visibility: visibility));
    }

    [Fact]
    public async Task A_colleagues_comment_tells_the_author_with_the_moment_as_its_subject()
    {
        var id = await EmmasMomentAsync("Everyone");
        var noah = await MomentPermissionSeed.ActorAsync(App, Role.Teammate);
        await using (var scope = App.Scope())
        {
            var result = await scope.ServiceProvider.GetRequiredService<MomentRules>().CommentAsync(id, noah, "  Nicely handled, I will copy that.  ", CancellationToken.None);
            Assert.True(result.Succeeded);
            Assert.Equal("Nicely handled, I will copy that.", result.Value!.Body);
        }

        var emma = await M.PersonAsync(App, DemoOrganisation.EmployeeEmail);
        var told = await App.WithDbAsync(db => db.Notifications.SingleAsync(n => n.EmployeeId == emma && n.Kind == NotificationKind.CommentOnMoment));
        Assert.Equal(id, told.SubjectId);
        Assert.Contains("commented on", told.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_authors_own_comment_tells_nobody()
    {
        var id = await EmmasMomentAsync("Everyone");
        var emma = await MomentPermissionSeed.ActorAsync(App, Role.Author);
        await using var scope = App.Scope();
        Assert.True((await scope.ServiceProvider.GetRequiredService<MomentRules>().CommentAsync(id, emma, "Adding what happened next.", CancellationToken.None)).Succeeded);
        Assert.Equal(0, await App.WithDbAsync(db => db.Notifications.CountAsync(n => n.EmployeeId == emma.Id && n.Kind == NotificationKind.CommentOnMoment)));
    }

    [Fact]
    public async Task Commenting_or_reacting_on_a_moment_someone_cannot_see_is_refused_as_not_found()
    {
        var id = await EmmasMomentAsync("MyTeam");
        var daniel = await MomentPermissionSeed.ActorAsync(App, Role.OtherTeam);
        await using var scope = App.Scope();
        var rules = scope.ServiceProvider.GetRequiredService<MomentRules>();
        var comment = await rules.CommentAsync(id, daniel, "I should not be able to say this.", CancellationToken.None);
        Assert.Equal(RefusalKind.NotFound, Assert.Single(comment.Refusals).Kind);
        var reaction = await rules.ReactAsync(id, daniel, ReactionKind.Heart, CancellationToken.None);
        Assert.Equal(RefusalKind.NotFound, Assert.Single(reaction.Refusals).Kind);
        Assert.Equal(0, await App.WithDbAsync(db => db.MomentComments.CountAsync(c => c.MomentId == id)));
        Assert.Equal(0, await App.WithDbAsync(db => db.MomentReactions.CountAsync(r => r.MomentId == id)));
    }

    [Theory]
    [InlineData("   ", "Write a comment first.")]
    [InlineData(null, "Write a comment first.")]
    public async Task An_empty_comment_is_refused_beside_its_field(string? body, string message)
    {
        var id = await EmmasMomentAsync("Everyone");
        var noah = await MomentPermissionSeed.ActorAsync(App, Role.Teammate);
        await using var scope = App.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<MomentRules>().CommentAsync(id, noah, body, CancellationToken.None);
        var refusal = Assert.Single(result.Refusals);
        Assert.Equal((RefusalKind.Invalid, MomentRules.CommentBodyField, message), (refusal.Kind, refusal.Field, refusal.Message));
    }

    [Fact]
    public async Task A_comment_longer_than_the_limit_is_refused()
    {
        var id = await EmmasMomentAsync("Everyone");
        var noah = await MomentPermissionSeed.ActorAsync(App, Role.Teammate);
        await using var scope = App.Scope();
        var result = await scope.ServiceProvider.GetRequiredService<MomentRules>().CommentAsync(id, noah, new string('a', MomentComment.BodyMaxLength + 1), CancellationToken.None);
        Assert.Equal(MomentRules.CommentBodyField, Assert.Single(result.Refusals).Field);
    }

    [Fact]
    public async Task Reacting_twice_with_the_same_kind_takes_the_reaction_back()
    {
        var id = await EmmasMomentAsync("Everyone");
        var noah = await MomentPermissionSeed.ActorAsync(App, Role.Teammate);
        await using (var scope = App.Scope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<MomentRules>().ReactAsync(id, noah, ReactionKind.Insight, CancellationToken.None)).Succeeded);
        }

        Assert.Equal(1, await App.WithDbAsync(db => db.MomentReactions.CountAsync(r => r.MomentId == id)));
        await using (var scope = App.Scope())
        {
            Assert.True((await scope.ServiceProvider.GetRequiredService<MomentRules>().ReactAsync(id, noah, ReactionKind.Insight, CancellationToken.None)).Succeeded);
        }

        Assert.Equal(0, await App.WithDbAsync(db => db.MomentReactions.CountAsync(r => r.MomentId == id)));
    }
}
