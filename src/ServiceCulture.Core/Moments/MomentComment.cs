using ServiceCulture.People;

namespace ServiceCulture.Moments;

/// <summary>A comment under a moment.</summary>
public sealed class MomentComment
{
    public const int BodyMaxLength = 1000;

    public long Id { get; set; }
    public long MomentId { get; set; }
    public int AuthorId { get; set; }
    public Employee? Author { get; set; }
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
    public DateTime? DeletedAt { get; set; }
}
