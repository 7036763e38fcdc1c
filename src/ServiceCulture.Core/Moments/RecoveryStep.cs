namespace ServiceCulture.Moments;

/// <summary>One of the five recovery steps, checked off with a note.</summary>
public sealed class RecoveryStep
{
    public const int NoteMaxLength = 500;

    public long MomentId { get; set; }
    public int Number { get; set; }
    public bool Done { get; set; }
    public string? Note { get; set; }
}
