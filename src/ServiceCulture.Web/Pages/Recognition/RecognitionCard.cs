using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Web.Pages.Recognition;

/// <summary>A recognition as a card in the feed and on profiles.</summary>
public sealed record RecognitionCard
{
    public long Id { get; init; }
    public int GiverId { get; init; }
    public string GiverName { get; init; } = "";
    public string Message { get; init; } = "";
    public ServiceElements Elements { get; init; }
    public int Points { get; init; }
    public bool IsQuiet { get; init; }
    public DateTime CreatedAt { get; init; }
    public IReadOnlyList<Person> Recipients { get; init; } = [];
    public long? RelatedMomentId { get; init; }
    public string? RelatedMomentTitle { get; init; }

    public sealed record Person(int Id, string Name);

    /// <summary>
    /// Adds the recipients in one query by the recipients' key (projected inline, the provider joins
    /// every recipient row before filtering, which is slow on large tables), and the related moments
    /// the viewer may see, when any card names one, in another by the moments' key. (As subqueries
    /// of every card, the related moment's visibility made the statement the server planned longest
    /// of a page.)
    /// </summary>
    public static async Task<List<RecognitionCard>> CompleteAsync(AppDbContext db, Actor viewer, IReadOnlyList<RecognitionCard> cards, CancellationToken cancellationToken)
    {
        if (cards.Count == 0)
        {
            return [];
        }

        var ids = cards.Select(c => c.Id).ToList();
        var recipients = (await db.RecognitionRecipients.AsNoTracking()
                .Where(x => ids.Contains(x.RecognitionId))
                .Select(x => new { x.RecognitionId, x.RecipientId, x.Recipient!.DisplayName })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.RecognitionId);
        List<long> relatedIds = [.. cards.Select(c => c.RelatedMomentId).OfType<long>().Distinct()];
        var related = relatedIds.Count == 0 ? [] : await db.Moments.AsNoTracking()
            .Where(MomentVisibility.VisibleTo(viewer))
            .Where(m => relatedIds.Contains(m.Id))
            .Select(m => new { m.Id, m.Title })
            .ToDictionaryAsync(m => m.Id, m => m.Title, cancellationToken);
        return [.. cards.Select(c =>
        {
            var title = c.RelatedMomentId is { } relatedId ? related.GetValueOrDefault(relatedId) : null;
            return c with
            {
                Recipients = [.. recipients[c.Id].Select(x => new Person(x.RecipientId, x.DisplayName)).OrderBy(p => p.Name, StringComparer.Ordinal)],
                RelatedMomentId = title is null ? null : c.RelatedMomentId,
                RelatedMomentTitle = title,
            };
        })];
    }

    /// <summary>A recognition's own fields as a card; <see cref="CompleteAsync"/> adds its recipients and the related moment the viewer may see.</summary>
    public static readonly Expression<Func<ServiceCulture.Recognitions.Recognition, RecognitionCard>> Projection = r => new RecognitionCard
    {
        Id = r.Id,
        GiverId = r.GiverId,
        GiverName = r.Giver!.DisplayName,
        Message = r.Message,
        Elements = r.Elements,
        Points = r.Points,
        IsQuiet = r.IsQuiet,
        CreatedAt = r.CreatedAt,
        RelatedMomentId = r.RelatedMomentId,
    };
}
