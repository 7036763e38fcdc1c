using ServiceCulture.Gamification;
using ServiceCulture.Moments;

namespace ServiceCulture.Web.Pages;

/// <summary>How the portal's words look on the page: Bootstrap icons and CSS classes, kept out of Core.</summary>
public static class Looks
{
    extension(MomentCatalog.KindInfo kind)
    {
        public string Icon => kind.Kind switch
        {
            MomentKind.Truth => "bi-eye",
            MomentKind.Magic => "bi-stars",
            MomentKind.Misery => "bi-cloud-drizzle",
            _ => "bi-bandaid",
        };

        public string CssClass => kind.Kind switch
        {
            MomentKind.Truth => "kind-truth",
            MomentKind.Magic => "kind-magic",
            MomentKind.Misery => "kind-misery",
            _ => "kind-recovery",
        };
    }

    extension(MomentCatalog.ReactionInfo reaction)
    {
        public string Icon => reaction.Kind switch
        {
            ReactionKind.Applause => "bi-hand-thumbs-up",
            ReactionKind.Heart => "bi-heart",
            ReactionKind.Insight => "bi-lightbulb",
            _ => "bi-people",
        };
    }

    extension(ServiceElementInfo element)
    {
        public string Icon => element.Element switch
        {
            ServiceElements.Focus => "bi-bullseye",
            ServiceElements.Defined => "bi-bookmark-star",
            ServiceElements.GivenLife => "bi-people",
            ServiceElements.ProblemSolving => "bi-puzzle",
            ServiceElements.Measured => "bi-graph-up",
            _ => "bi-arrow-repeat",
        };
    }

    extension(BadgeInfo badge)
    {
        public string Icon => badge.Code switch
        {
            "first-moment" => "bi-journal-check",
            "first-magic" => "bi-stars",
            "recovery-hero" => "bi-bandaid",
            "all-six" => "bi-hexagon",
            "internal-champion" => "bi-building",
            "generous" => "bi-gift",
            "well-recognised" => "bi-heart",
            "storyteller" => "bi-book",
            "case-study-author" => "bi-mortarboard",
            "listener" => "bi-ear",
            "streak-4" => "bi-fire",
            "streak-12" => "bi-lightning-charge",
            "first-review" => "bi-clipboard-check",
            _ => "bi-patch-check",
        };
    }
}
