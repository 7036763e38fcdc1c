using ServiceCulture.Moments;
using ServiceCulture.Reviews;

namespace ServiceCulture.Web.Pages.Reviews;

/// <summary>One element's 1–5 rating and comment in a review form.</summary>
public sealed record RatingField(string Prefix, int Index, ServiceElementInfo Info, int? Rating, string? Comment);

/// <summary>Ratings shown read-only.</summary>
public sealed record RatingsTable(string Id, string Caption, IReadOnlyList<DetailsModel.RatingView> Ratings);

/// <summary>Words and styles for review states, shared by the review pages.</summary>
public static class ReviewStates
{
    public static string Label(ReviewState state) => state switch
    {
        ReviewState.NotStarted => "Not started",
        ReviewState.SelfAssessed => "Self-assessment done",
        ReviewState.Draft => "Draft",
        ReviewState.Shared => "Shared",
        ReviewState.Acknowledged => "Acknowledged",
        _ => state.ToString(),
    };

    public static string Css(ReviewState state) => state switch
    {
        ReviewState.NotStarted => "text-bg-light border",
        ReviewState.SelfAssessed => "text-bg-info",
        ReviewState.Draft => "text-bg-warning",
        ReviewState.Shared => "text-bg-primary",
        ReviewState.Acknowledged => "text-bg-success",
        _ => "text-bg-light",
    };

    /// <summary>Whether a review is past its due date and not yet shared.</summary>
    public static bool Overdue(ReviewState state, DateOnly reviewDue, DateOnly today) => state < ReviewState.Shared && today > reviewDue;
}
