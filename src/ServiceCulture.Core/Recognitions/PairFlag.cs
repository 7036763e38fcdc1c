namespace ServiceCulture.Recognitions;

/// <summary>Two people who recognise each other back and forth, flagged for an admin to look at.</summary>
public sealed class PairFlag
{
    public const int NoteMaxLength = 500;

    public long Id { get; set; }
    public int FirstId { get; set; }
    public int SecondId { get; set; }
    public int FirstToSecond { get; set; }
    public int SecondToFirst { get; set; }
    public DateTime FlaggedAt { get; set; }
    public DateTime? ReviewedAt { get; set; }
    public int? ReviewedById { get; set; }
    public string? Note { get; set; }
}
