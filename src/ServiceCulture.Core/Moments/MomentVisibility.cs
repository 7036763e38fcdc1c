using System.Linq.Expressions;
using ServiceCulture.People;

namespace ServiceCulture.Moments;

/// <summary>
/// Who may see which moment, as one expression every query applies (feed, details, pickers, profiles,
/// reports, exports): a moment outside it does not exist for that viewer.
/// </summary>
public static class MomentVisibility
{
    /// <summary>Moments the viewer may open: their own, their reports', and those shared with them.</summary>
    public static Expression<Func<Moment, bool>> VisibleTo(Actor viewer)
    {
        var id = viewer.Id;
        var teamId = viewer.TeamId;
        if (viewer.IsAdmin)
        {
            return m => m.DeletedAt == null;
        }

        return m => m.DeletedAt == null
            && (m.AuthorId == id
                || m.Author!.ManagerId == id
                || (m.HiddenAt == null
                    && (m.Visibility == Visibility.Everyone
                        || (m.Visibility == Visibility.MyTeam && teamId != null && m.AuthorTeamId == teamId))));
    }

    /// <summary>Moments for shared lists (feed, profiles): visible to the viewer and not hidden by a manager.</summary>
    public static Expression<Func<Moment, bool>> ListedFor(Actor viewer)
    {
        var id = viewer.Id;
        var teamId = viewer.TeamId;
        if (viewer.IsAdmin)
        {
            return m => m.DeletedAt == null && m.HiddenAt == null;
        }

        return m => m.DeletedAt == null
            && m.HiddenAt == null
            && (m.AuthorId == id
                || m.Author!.ManagerId == id
                || m.Visibility == Visibility.Everyone
                || (m.Visibility == Visibility.MyTeam && teamId != null && m.AuthorTeamId == teamId));
    }

    /// <summary>
    /// <see cref="ListedFor"/> for the moments of one author whose manager is known: the same rule,
    /// with "their own" and "their reports'" decided before the query, so that it reads the author's
    /// index alone rather than joining each moment to its author.
    /// </summary>
    /// <summary>Whether <see cref="ListedForAuthor"/> lists every moment of the author the viewer could be shown (admins, the author, their manager), whatever its visibility.</summary>
    public static bool SeesAllListedOf(Actor viewer, int authorId, int? authorManagerId) =>
        viewer.IsAdmin || viewer.Id == authorId || authorManagerId == viewer.Id;

    public static Expression<Func<Moment, bool>> ListedForAuthor(Actor viewer, int authorId, int? authorManagerId)
    {
        var teamId = viewer.TeamId;
        if (SeesAllListedOf(viewer, authorId, authorManagerId))
        {
            return m => m.AuthorId == authorId && m.DeletedAt == null && m.HiddenAt == null;
        }

        return m => m.AuthorId == authorId
            && m.DeletedAt == null
            && m.HiddenAt == null
            && (m.Visibility == Visibility.Everyone || (m.Visibility == Visibility.MyTeam && teamId != null && m.AuthorTeamId == teamId));
    }
}
