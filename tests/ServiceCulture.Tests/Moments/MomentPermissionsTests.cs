using ServiceCulture.Moments;
using static ServiceCulture.Tests.Moments.MomentPermissionMatrix;

namespace ServiceCulture.Tests.Moments;

/// <summary>The whole matrix of who may do what with a moment, through the one Core answer.</summary>
public sealed class MomentPermissionsTests
{
    private static readonly DateTime Now = new(2026, 3, 10, 12, 0, 0, DateTimeKind.Utc);

    public static TheoryData<State, Visibility> Cells()
    {
        var data = new TheoryData<State, Visibility>();
        foreach (var state in Enum.GetValues<State>())
        {
            foreach (var visibility in Enum.GetValues<Visibility>())
            {
                data.Add(state, visibility);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cells))]
    public void Every_person_may_do_exactly_what_the_matrix_says(State state, Visibility visibility)
    {
        var moment = Facts(state, visibility, authorId: 1, managerId: 4, teamId: 10, Now);
        var wrong = Enum.GetValues<Role>()
            .Select(role => (Role: role, Expected: Expected(role, visibility, state), Actual: Letters(MomentRules.PermissionsFor(ActorFor(role), moment, Now))))
            .Where(c => c.Expected != c.Actual)
            .Select(c => $"{c.Role}: expected '{c.Expected}', got '{c.Actual}'")
            .ToList();
        Assert.True(wrong.Count == 0, $"{state}, {visibility}: " + string.Join("; ", wrong));
    }

    [Fact]
    public void An_admin_who_wrote_a_moment_may_edit_delete_and_hide_it()
    {
        var admin = ActorFor(Role.Admin);
        var own = Facts(State.Fresh, Visibility.Everyone, authorId: admin.Id, managerId: null, teamId: admin.TeamId, Now);
        Assert.Equal("EDHCX", Letters(MomentRules.PermissionsFor(admin, own, Now)));
    }

    [Fact]
    public void The_edit_window_closes_exactly_24_hours_after_logging()
    {
        var author = ActorFor(Role.Author);
        var moment = Facts(State.Fresh, Visibility.Everyone, 1, 4, 10, Now) with { CreatedAt = Now - MomentRules.EditWindow };
        var may = MomentRules.PermissionsFor(author, moment, Now);
        Assert.True(may.Edit);
        Assert.Equal(Now, may.EditableUntil);
        Assert.False(MomentRules.PermissionsFor(author, moment, Now.AddTicks(1)).Edit);
    }

    [Fact]
    public void A_manager_outside_the_team_sees_a_my_team_moment_of_their_report()
    {
        var manager = ActorFor(Role.Manager);
        var moment = Facts(State.Fresh, Visibility.MyTeam, 1, managerId: manager.Id, teamId: 10, Now);
        Assert.Null(manager.TeamId);
        Assert.True(MomentRules.PermissionsFor(manager, moment, Now).See);
    }
}
