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
    /// Adds the recipients in one query by the recipients' key. (Projected inline, the provider
    /// joins every recipient row before filtering, which is slow on large tables.)
    /// </summary>
    public static async Task<List<RecognitionCard>> WithRecipientsAsync(AppDbContext db, IReadOnlyList<RecognitionCard> cards, CancellationToken cancellationToken)
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
        return [.. cards.Select(c => c with
        {
            Recipients = [.. recipients[c.Id].Select(x => new Person(x.RecipientId, x.DisplayName)).OrderBy(p => p.Name, StringComparer.Ordinal)],
        })];
    }

    /// <summary>The related moment appears only when the viewer may see it.</summary>
    public static Expression<Func<ServiceCulture.Recognitions.Recognition, RecognitionCard>> Projection(AppDbContext db, Actor viewer)
    {
        var visible = MomentVisibility.VisibleTo(viewer);
        return r => new RecognitionCard
        {
            Id = r.Id,
            GiverId = r.GiverId,
            GiverName = r.Giver!.DisplayName,
            Message = r.Message,
            Elements = r.Elements,
            Points = r.Points,
            IsQuiet = r.IsQuiet,
            CreatedAt = r.CreatedAt,
            RelatedMomentId = db.Moments.Where(visible).Where(m => m.Id == r.RelatedMomentId).Select(m => (long?)m.Id).FirstOrDefault(),
            RelatedMomentTitle = db.Moments.Where(visible).Where(m => m.Id == r.RelatedMomentId).Select(m => m.Title).FirstOrDefault(),
        };
    }
}
