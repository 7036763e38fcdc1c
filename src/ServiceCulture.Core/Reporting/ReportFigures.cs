using ServiceCulture.Moments;

namespace ServiceCulture.Reporting;

/// <summary>Moments logged, per kind.</summary>
public sealed record KindCounts(int Truth, int Magic, int Misery, int Recovery)
{
    public int Total => Truth + Magic + Misery + Recovery;
}

/// <summary>
/// Internal ratings over a period: how many ratings and different raters, and the averages, which
/// stay empty below <see cref="FigureCatalog.RaterThreshold"/> raters. Never who rated.
/// </summary>
public sealed record Satisfaction(int Ratings, int Raters, double? Average, IReadOnlyList<double?> ByElement)
{
    public bool IsShown => Average is not null;

    public static Satisfaction None { get; } = new(0, 0, null, [null, null, null, null, null, null]);
}

/// <summary>The customers' own figures over a period.</summary>
public sealed record Outcomes(int Months, double? Csat, double? Nps, double? Retention, int? Referrals, int? Complaints)
{
    public static Outcomes None { get; } = new(0, null, null, null, null, null);
}

/// <summary>
/// Every figure of one scope over one period, as defined in <see cref="FigureCatalog"/>. Stored as a
/// snapshot for a closed month, so it holds numbers only: no names, no raters.
/// </summary>
public sealed record ReportFigures
{
    public DateOnly Start { get; init; }
    public DateOnly End { get; init; }
    public int People { get; init; }
    public KindCounts Moments { get; init; } = new(0, 0, 0, 0);

    /// <summary>Moments per element, in <see cref="ServiceElementCatalog.All"/> order.</summary>
    public IReadOnlyList<int> MomentsByElement { get; init; } = [0, 0, 0, 0, 0, 0];

    public int Recognitions { get; init; }
    public IReadOnlyList<int> RecognitionsByElement { get; init; } = [0, 0, 0, 0, 0, 0];
    public int MiseriesLogged { get; init; }
    public int MiseriesRecovered { get; init; }
    public double? RecoveryRate { get; init; }
    public double? MedianHoursToRecovery { get; init; }
    public int OpenMiseries { get; init; }
    public DateTime? OldestOpenMiseryAt { get; init; }
    public int Participants { get; init; }
    public double? Participation { get; init; }
    public int Recognised { get; init; }
    public double? Coverage { get; init; }
    public double? Concentration { get; init; }
    public Satisfaction SatisfactionReceived { get; init; } = Satisfaction.None;
    public Satisfaction SatisfactionGiven { get; init; } = Satisfaction.None;
    public Outcomes Outcomes { get; init; } = Outcomes.None;

    /// <summary>Moments and recognitions per element, the radar's values.</summary>
    public IReadOnlyList<int> ActivityByElement => [.. MomentsByElement.Zip(RecognitionsByElement, (m, r) => m + r)];

    /// <summary>Days the oldest open misery had waited at the end of the period.</summary>
    public int? OldestOpenMiseryDays(DateTime asOf) =>
        OldestOpenMiseryAt is { } at ? Math.Max(0, (int)(asOf - at).TotalDays) : null;

    /// <summary>The element with the least activity (ties: lower internal rating, then catalogue order).</summary>
    public ServiceElementInfo WeakestElement()
    {
        var activity = ActivityByElement;
        return ServiceElementCatalog.All
            .Select((e, i) => (Element: e, Count: activity[i], Rating: SatisfactionReceived.ByElement[i] ?? double.MaxValue, Index: i))
            .OrderBy(x => x.Count).ThenBy(x => x.Rating).ThenBy(x => x.Index)
            .First().Element;
    }
}

/// <summary>One month of the trend.</summary>
public sealed record TrendPoint(DateOnly Month, ReportFigures Figures, bool FromSnapshot);

/// <summary>One team, sub-teams rolled up, in the organisation's side-by-side comparison.</summary>
public sealed record TeamColumn(int TeamId, string Name, ReportFigures Figures);

/// <summary>A whole report: the period's figures, the previous period's, the trend, and for the organisation its teams.</summary>
public sealed record Report(
    int? TeamId,
    string ScopeName,
    ReportRange Range,
    ReportFigures Figures,
    ReportFigures Previous,
    IReadOnlyList<TrendPoint> Trend,
    IReadOnlyList<TeamColumn> Teams,
    bool FromSnapshot)
{
    public ServiceElementInfo Weakest => Figures.WeakestElement();

    public string Suggestion => FigureCatalog.SuggestionFor(Weakest.Element);
}
