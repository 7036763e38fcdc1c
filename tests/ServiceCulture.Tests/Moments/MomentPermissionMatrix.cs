using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Tests.Moments;

/// <summary>
/// The permission matrix written out by hand: for each state of a moment and each person, the actions
/// they may take when they can see it (E edit, D delete, H hide, U show again, R recover, S share,
/// C comment, X react), and who can see it for each visibility.
/// </summary>
public static class MomentPermissionMatrix
{
    public enum Role
    {
        Author,
        Teammate,
        OtherTeam,
        Manager,
        Admin,
    }

    public enum State
    {
        Fresh,
        OlderThanADay,
        OpenMisery,
        RecoveredMisery,
        UnsharedRecovery,
        SharedRecovery,
        Hidden,
        Deleted,
    }

    public static readonly IReadOnlyDictionary<State, IReadOnlyDictionary<Role, string>> Actions = new Dictionary<State, IReadOnlyDictionary<Role, string>>
    {
        [State.Fresh] = Row(author: "EDCX", manager: "HCX", admin: "HCX"),
        [State.OlderThanADay] = Row(author: "CX", manager: "HCX", admin: "HCX"),
        [State.OpenMisery] = Row(author: "EDRCX", manager: "HRCX", admin: "HCX"),
        [State.RecoveredMisery] = Row(author: "ECX", manager: "HCX", admin: "HCX"),
        [State.UnsharedRecovery] = Row(author: "EDSCX", manager: "HSCX", admin: "HCX"),
        [State.SharedRecovery] = Row(author: "EDCX", manager: "HCX", admin: "HCX"),
        [State.Hidden] = Row(author: "EDCX", manager: "UCX", admin: "UCX"),
        [State.Deleted] = Row(author: "", manager: "", admin: "", others: ""),
    };

    /// <summary>Who sees a live, unhidden moment of each visibility; hidden ones only the author, manager and admin.</summary>
    public static bool Sees(Role role, Visibility visibility, State state) => state switch
    {
        State.Deleted => false,
        State.Hidden => role is Role.Author or Role.Manager or Role.Admin,
        _ => visibility switch
        {
            Visibility.Everyone => true,
            Visibility.MyTeam => role != Role.OtherTeam,
            _ => role is Role.Author or Role.Manager or Role.Admin,
        },
    };

    public static string Expected(Role role, Visibility visibility, State state) =>
        Sees(role, visibility, state) ? Actions[state][role] : "";

    public static string Letters(MomentPermissions may)
    {
        if (!may.See)
        {
            return "";
        }

        return string.Concat(
            may.Edit ? "E" : "", may.Delete ? "D" : "", may.Hide ? "H" : "", may.Unhide ? "U" : "",
            may.Recover ? "R" : "", may.Share ? "S" : "", may.Comment ? "C" : "", may.React ? "X" : "");
    }

    /// <summary>The facts of a moment in a state, created at <paramref name="now"/> (or a day and a bit earlier).</summary>
    public static MomentFacts Facts(State state, Visibility visibility, int authorId, int? managerId, int? teamId, DateTime now)
    {
        var kind = state switch
        {
            State.OpenMisery or State.RecoveredMisery => MomentKind.Misery,
            State.UnsharedRecovery or State.SharedRecovery => MomentKind.Recovery,
            _ => MomentKind.Magic,
        };
        return new MomentFacts(
            Id: 1,
            Kind: kind,
            Visibility: visibility,
            AuthorId: authorId,
            AuthorManagerId: managerId,
            AuthorTeamId: teamId,
            CreatedAt: state == State.OlderThanADay ? now.AddHours(-25) : now.AddHours(-1),
            DeletedAt: state == State.Deleted ? now.AddMinutes(-5) : null,
            HiddenAt: state == State.Hidden ? now.AddMinutes(-10) : null,
            RecoveryId: state == State.RecoveredMisery ? 2 : null,
            IsSharedAsCaseStudy: state == State.SharedRecovery);
    }

    private static IReadOnlyDictionary<Role, string> Row(string author, string manager, string admin, string others = "CX") => new Dictionary<Role, string>
    {
        [Role.Author] = author,
        [Role.Teammate] = others,
        [Role.OtherTeam] = others,
        [Role.Manager] = manager,
        [Role.Admin] = admin,
    };

    /// <summary>A small organisation: the author and a teammate in team 10, someone in team 20, the author's manager, an admin.</summary>
    public static Actor ActorFor(Role role) => role switch
    {
        Role.Author => new Actor(1, 10),
        Role.Teammate => new Actor(2, 10),
        Role.OtherTeam => new Actor(3, 20),
        Role.Manager => new Actor(4, null),
        _ => new Actor(5, 30, IsAdmin: true),
    };
}
