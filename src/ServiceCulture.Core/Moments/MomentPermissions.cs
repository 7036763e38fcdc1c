using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;

namespace ServiceCulture.Moments;

/// <summary>The facts about a moment that decide what someone may do with it.</summary>
public sealed record MomentFacts(
    long Id,
    MomentKind Kind,
    Visibility Visibility,
    int AuthorId,
    int? AuthorManagerId,
    int? AuthorTeamId,
    DateTime CreatedAt,
    DateTime? DeletedAt,
    DateTime? HiddenAt,
    long? RecoveryId,
    bool IsSharedAsCaseStudy)
{
    public bool IsOpenMisery => Kind == MomentKind.Misery && RecoveryId is null && DeletedAt is null;
}

/// <summary>What one person may do with one moment at one instant; every page and rule asks this.</summary>
public sealed record MomentPermissions(
    bool See,
    bool Edit,
    bool Delete,
    bool Hide,
    bool Unhide,
    bool Recover,
    bool Share,
    bool Comment,
    bool React)
{
    public static readonly MomentPermissions None = new(false, false, false, false, false, false, false, false, false);

    /// <summary>The author may edit and delete until this instant.</summary>
    public DateTime? EditableUntil { get; init; }

    /// <summary>Whether the person moderates this moment (hide or show again): its author's manager, or an admin.</summary>
    public bool Moderate => Hide || Unhide;

    /// <summary>
    /// The one answer to "what may this person do with this moment": the author edits and deletes within
    /// <see cref="MomentRules.EditWindow"/> (a misery with a recovery only after its recovery is gone); the
    /// author's manager or an admin hides and shows it again; the author or their manager logs the recovery
    /// of an open misery and shares a recovery as a case study, once; everyone who may see it comments and reacts.
    /// Who may see it is <see cref="MomentVisibility.VisibleTo"/>, which this mirrors.
    /// </summary>
    public static MomentPermissions For(Actor viewer, MomentFacts moment, DateTime now)
    {
        var isAuthor = moment.AuthorId == viewer.Id;
        var isAuthorsManager = moment.AuthorManagerId is { } manager && manager == viewer.Id;
        var see = CanSee(viewer, moment, isAuthor, isAuthorsManager);
        if (!see)
        {
            return None;
        }

        var editableUntil = moment.CreatedAt + MomentRules.EditWindow;
        var edit = isAuthor && now <= editableUntil;
        var moderator = isAuthorsManager || viewer.IsAdmin;
        return new MomentPermissions(
            See: true,
            Edit: edit,
            Delete: edit && !(moment.Kind == MomentKind.Misery && moment.RecoveryId is not null),
            Hide: moderator && moment.HiddenAt is null,
            Unhide: moderator && moment.HiddenAt is not null,
            Recover: moment.IsOpenMisery && (isAuthor || isAuthorsManager),
            Share: moment.Kind == MomentKind.Recovery && !moment.IsSharedAsCaseStudy && (isAuthor || isAuthorsManager),
            Comment: true,
            React: true)
        {
            EditableUntil = isAuthor ? editableUntil : null,
        };
    }

    /// <summary>
    /// The miseries a person may recover, for lists and pickers: the query twin of <see cref="Recover"/>.
    /// Asked as the open miseries of a short list of authors (the person and their direct reports),
    /// each found through the author's own index. As "the author is me or reports to me" the engine
    /// could use no index for the alternative across the join: PostgreSQL read every open misery at
    /// scale M for each form (about a second), which held posting moments to 17 a second.
    /// </summary>
    public static async Task<Expression<Func<Moment, bool>>> RecoverableByAsync(AppDbContext db, Actor viewer, CancellationToken cancellationToken)
    {
        List<int> authors = [viewer.Id, .. await db.Users.Where(u => u.ManagerId == viewer.Id).Select(u => u.Id).ToListAsync(cancellationToken)];
        return m => m.Kind == MomentKind.Misery && m.RecoveryId == null && m.DeletedAt == null && authors.Contains(m.AuthorId);
    }

    private static bool CanSee(Actor viewer, MomentFacts moment, bool isAuthor, bool isAuthorsManager)
    {
        if (moment.DeletedAt is not null)
        {
            return false;
        }

        if (viewer.IsAdmin || isAuthor || isAuthorsManager)
        {
            return true;
        }

        return moment.HiddenAt is null
            && (moment.Visibility == Visibility.Everyone
                || (moment.Visibility == Visibility.MyTeam && viewer.TeamId is not null && moment.AuthorTeamId == viewer.TeamId));
    }
}
