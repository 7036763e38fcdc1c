using ServiceCulture.People;

namespace ServiceCulture.Moments;

/// <summary>A recovery shared, anonymised, for the whole company to learn from.</summary>
public sealed class CaseStudy
{
    public const int TitleMaxLength = 120;
    public const int TextMaxLength = 6000;

    public long Id { get; set; }
    public long RecoveryMomentId { get; set; }
    public Moment? RecoveryMoment { get; set; }
    public string Title { get; set; } = "";
    public string WhatWentWrong { get; set; } = "";
    public string HowItWasRecovered { get; set; } = "";
    public string? Lesson { get; set; }
    public ServiceElements Elements { get; set; }
    public int SharedById { get; set; }
    public DateTime SharedAt { get; set; }
    public List<CaseStudyComment> Comments { get; set; } = [];
}

/// <summary>A comment in the discussion of a case study.</summary>
public sealed class CaseStudyComment
{
    public long Id { get; set; }
    public long CaseStudyId { get; set; }
    public int AuthorId { get; set; }
    public Employee? Author { get; set; }
    public string Body { get; set; } = "";
    public DateTime CreatedAt { get; set; }
}
