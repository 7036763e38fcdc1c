using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Recognitions;

/// <summary>
/// One colleague a recognition thanks. It carries a copy of its recognition's time, elements and
/// withdrawal, so what a person received is read from their own index alone: their newest and
/// their totals per element, without a lookup of each recognition. The context copies them on
/// every save of the recognition (<see cref="Data.AppDbContext"/>); the withdrawal updates both.
/// </summary>
public sealed class RecognitionRecipient
{
    public long RecognitionId { get; set; }
    public int RecipientId { get; set; }
    public Employee? Recipient { get; set; }

    /// <summary>The recognition's <see cref="Recognition.CreatedAt"/>.</summary>
    public DateTime CreatedAt { get; set; }

    /// <summary>The recognition's <see cref="Recognition.Elements"/>.</summary>
    public ServiceElements Elements { get; set; }

    /// <summary>The recognition's <see cref="Recognition.DeletedAt"/>: when its giver withdrew it.</summary>
    public DateTime? DeletedAt { get; set; }
}
