using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>A moment as a card in the feed, on profiles and in lists: everything the card shows.</summary>
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

    /// <summary>
    /// Cards for the moments of a query, in its order. The moments' own fields come in one query; the
    /// titles of linked recoveries (only where the viewer may see them) in a second, and the comment
    /// and reaction counts of all the cards in a third, each by the cards' ids. As subqueries of every card, they
    /// made a statement of 4 KB that SQLite prepared anew for every page (0.5–0.9 ms at scale M).
    /// </summary>
    public static async Task<List<MomentCard>> ListAsync(AppDbContext db, Actor viewer, IQueryable<Moment> moments, CancellationToken cancellationToken)
    {
        var cards = await moments.Select(Projection(db)).ToListAsync(cancellationToken);
        if (cards.Count == 0)
        {
            return cards;
        }

        var ids = cards.Select(c => c.Id).ToList();
        var me = viewer.Id;
        List<long> linkedIds = [.. cards.SelectMany(c => new[] { c.RecoveryId, c.RecoversId }).OfType<long>().Distinct()];
        var linked = linkedIds.Count == 0 ? [] : await db.Moments.AsNoTracking()
            .Where(MomentVisibility.VisibleTo(viewer))
            .Where(m => linkedIds.Contains(m.Id))
            .Select(m => new Linked(m.Id, m.Title, m.CreatedAt, m.RecoveredBy!.DisplayName))
            .ToDictionaryAsync(m => m.Id, cancellationToken);
        // Comment counts and reaction counts come back together (UNION ALL), one round trip for both.
        var tallies = await db.MomentComments
            .Where(c => ids.Contains(c.MomentId) && c.DeletedAt == null)
            .GroupBy(c => c.MomentId)
            .Select(g => new Tally { MomentId = g.Key, Kind = Tally.Comments, Count = g.Count(), Mine = 0 })
            .Concat(db.MomentReactions
                .Where(r => ids.Contains(r.MomentId))
                .GroupBy(r => new { r.MomentId, r.Kind })
                .Select(g => new Tally { MomentId = g.Key.MomentId, Kind = (int)g.Key.Kind, Count = g.Count(), Mine = g.Count(r => r.EmployeeId == me) }))
            .ToListAsync(cancellationToken);
        var comments = tallies.Where(t => t.Kind == Tally.Comments).ToDictionary(t => t.MomentId, t => t.Count);
        var reactions = tallies.Where(t => t.Kind != Tally.Comments).ToLookup(t => t.MomentId);

        return [.. cards.Select(card =>
        {
            var recovery = card.RecoveryId is { } recoveryId ? linked.GetValueOrDefault(recoveryId) : null;
            var recovers = card.RecoversId is { } recoversId ? linked.GetValueOrDefault(recoversId) : null;
            var of = reactions[card.Id].ToDictionary(r => (ReactionKind)r.Kind);
            int Count(ReactionKind kind) => of.TryGetValue(kind, out var r) ? r.Count : 0;
            bool Mine(ReactionKind kind) => of.TryGetValue(kind, out var r) && r.Mine > 0;
            return card with
            {
                RecoveryTitle = recovery?.Title,
                RecoveredByName = recovery?.RecoveredByName,
                RecoversTitle = recovers?.Title,
                RecoversCreatedAt = recovers?.CreatedAt,
                CommentCount = comments.GetValueOrDefault(card.Id),
                Reactions = new ReactionSummary
                {
                    Applause = Count(ReactionKind.Applause),
                    Heart = Count(ReactionKind.Heart),
                    Insight = Count(ReactionKind.Insight),
                    Support = Count(ReactionKind.Support),
                    MineApplause = Mine(ReactionKind.Applause),
                    MineHeart = Mine(ReactionKind.Heart),
                    MineInsight = Mine(ReactionKind.Insight),
                    MineSupport = Mine(ReactionKind.Support),
                },
            };
        })];
    }

    public static async Task<MomentCard?> LoadAsync(AppDbContext db, Actor viewer, long id, CancellationToken cancellationToken) =>
        (await ListAsync(db, viewer, db.Moments.AsNoTracking().Where(MomentVisibility.VisibleTo(viewer)).Where(m => m.Id == id), cancellationToken)).SingleOrDefault();

    /// <summary>A moment's own fields as a card; <see cref="ListAsync"/> adds what comes from other moments and rows.</summary>
    private static Expression<Func<Moment, MomentCard>> Projection(AppDbContext db) => m => new MomentCard
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
        RecoversId = m.RecoversMomentId,
    };

    /// <summary>A count for one card: its comments (<see cref="Comments"/>) or its reactions of one kind.</summary>
    private sealed class Tally
    {
        public const int Comments = -1;

        public long MomentId { get; init; }
        public int Kind { get; init; }
        public int Count { get; init; }
        public int Mine { get; init; }
    }

    /// <summary>A linked moment as a card names it: its title and time, and who recovered it when it is a recovery.</summary>
    private sealed record Linked(long Id, string Title, DateTime CreatedAt, string? RecoveredByName);
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
