using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>A moment as a card in the feed, on profiles and in lists: one query, everything the card shows.</summary>
public sealed record MomentCard
{
    public long Id { get; init; }
    public MomentKind Kind { get; init; }
    public string Title { get; init; } = "";
    public string Story { get; init; } = "";
    public DateOnly OccurredOn { get; init; }
    public DateTime CreatedAt { get; init; }
    public ServiceElements Elements { get; init; }
    public Visibility Visibility { get; init; }
    public int AuthorId { get; init; }
    public string AuthorName { get; init; } = "";
    public string? TeamName { get; init; }
    public CustomerKind CustomerKind { get; init; }
    public string? CustomerName { get; init; }
    public bool Hidden { get; init; }
    public long? RecoveryId { get; init; }
    public DateTime? RecoveredAt { get; init; }
    public string? RecoveryTitle { get; init; }
    public string? RecoveredByName { get; init; }
    public long? RecoversId { get; init; }
    public string? RecoversTitle { get; init; }
    public DateTime? RecoversCreatedAt { get; init; }
    public int CommentCount { get; init; }
    public ReactionSummary Reactions { get; init; } = new();

    public bool IsOpenMisery => Kind == MomentKind.Misery && RecoveryId is null;

    /// <summary>Projects moments into cards; linked moments appear only where the viewer may see them.</summary>
    public static Expression<Func<Moment, MomentCard>> Projection(AppDbContext db, Actor viewer)
    {
        var visible = MomentVisibility.VisibleTo(viewer);
        var me = viewer.Id;
        return m => new MomentCard
        {
            Id = m.Id,
            Kind = m.Kind,
            Title = m.Title,
            Story = m.Story,
            OccurredOn = m.OccurredOn,
            CreatedAt = m.CreatedAt,
            Elements = m.Elements,
            Visibility = m.Visibility,
            AuthorId = m.AuthorId,
            AuthorName = m.Author!.DisplayName,
            TeamName = db.Teams.Where(t => t.Id == m.AuthorTeamId).Select(t => t.Name).FirstOrDefault(),
            CustomerKind = m.CustomerKind,
            CustomerName = m.CustomerKind == CustomerKind.Colleague ? m.CustomerEmployee!.DisplayName
                : m.CustomerKind == CustomerKind.Team ? m.CustomerTeam!.Name
                : m.ExternalCustomer,
            Hidden = m.HiddenAt != null,
            RecoveryId = m.RecoveryId,
            RecoveredAt = m.RecoveredAt,
            RecoveryTitle = db.Moments.Where(visible).Where(r => r.Id == m.RecoveryId).Select(r => r.Title).FirstOrDefault(),
            RecoveredByName = db.Moments.Where(visible).Where(r => r.Id == m.RecoveryId).Select(r => r.RecoveredBy!.DisplayName).FirstOrDefault(),
            RecoversId = m.RecoversMomentId,
            RecoversTitle = db.Moments.Where(visible).Where(r => r.Id == m.RecoversMomentId).Select(r => r.Title).FirstOrDefault(),
            RecoversCreatedAt = m.RecoversMoment!.CreatedAt,
            CommentCount = m.Comments.Count(c => c.DeletedAt == null),
            Reactions = new ReactionSummary
            {
                Applause = m.Reactions.Count(r => r.Kind == ReactionKind.Applause),
                Heart = m.Reactions.Count(r => r.Kind == ReactionKind.Heart),
                Insight = m.Reactions.Count(r => r.Kind == ReactionKind.Insight),
                Support = m.Reactions.Count(r => r.Kind == ReactionKind.Support),
                MineApplause = m.Reactions.Any(r => r.EmployeeId == me && r.Kind == ReactionKind.Applause),
                MineHeart = m.Reactions.Any(r => r.EmployeeId == me && r.Kind == ReactionKind.Heart),
                MineInsight = m.Reactions.Any(r => r.EmployeeId == me && r.Kind == ReactionKind.Insight),
                MineSupport = m.Reactions.Any(r => r.EmployeeId == me && r.Kind == ReactionKind.Support),
            },
        };
    }

    public static Task<MomentCard?> LoadAsync(AppDbContext db, Actor viewer, long id, CancellationToken cancellationToken) =>
        db.Moments.AsNoTracking()
            .Where(MomentVisibility.VisibleTo(viewer))
            .Where(m => m.Id == id)
            .Select(Projection(db, viewer))
            .SingleOrDefaultAsync(cancellationToken);
}

/// <summary>Reaction counts of one moment and which of them the viewer gave (a bit per kind).</summary>
public sealed record ReactionSummary
{
    public int Applause { get; init; }
    public int Heart { get; init; }
    public int Insight { get; init; }
    public int Support { get; init; }
    public bool MineApplause { get; init; }
    public bool MineHeart { get; init; }
    public bool MineInsight { get; init; }
    public bool MineSupport { get; init; }

    public int Count(ReactionKind kind) => kind switch
    {
        ReactionKind.Applause => Applause,
        ReactionKind.Heart => Heart,
        ReactionKind.Insight => Insight,
        _ => Support,
    };

    public bool IsMine(ReactionKind kind) => kind switch
    {
        ReactionKind.Applause => MineApplause,
        ReactionKind.Heart => MineHeart,
        ReactionKind.Insight => MineInsight,
        _ => MineSupport,
    };
}
