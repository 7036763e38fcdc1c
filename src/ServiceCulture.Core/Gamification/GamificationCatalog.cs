namespace ServiceCulture.Gamification;

/// <summary>
/// A badge: what it is called, the criterion stated plainly, its bonus points, and what someone does
/// that can earn it (after anything else, it is not looked at).
/// </summary>
public sealed record BadgeInfo(string Code, string Name, string Criterion, int Bonus, Activity EarnedBy);

/// <summary>What someone did: after it, only the badges it can earn are checked.</summary>
[Flags]
public enum Activity
{
    None = 0,
    MomentLogged = 1,
    MiseryRecovered = 2,
    RecognitionGiven = 4,
    RecognitionReceived = 8,
    CaseStudyShared = 16,
    LessonShared = 32,
    ReviewAcknowledged = 64,

    /// <summary>Every badge: a person's badges caught up whatever happened.</summary>
    Any = MomentLogged | MiseryRecovered | RecognitionGiven | RecognitionReceived | CaseStudyShared | LessonShared | ReviewAcknowledged,
}

/// <summary>A level reached at a number of points.</summary>
public sealed record LevelInfo(int Number, string Name, int Threshold);

/// <summary>The badges and levels, with their criteria and thresholds.</summary>
public static class GamificationCatalog
{
    public static readonly IReadOnlyList<BadgeInfo> Badges =
    [
        new("first-moment", "First moment", "Log your first service moment.", 10, Activity.MomentLogged),
        new("first-magic", "First moment of magic", "Log a moment of magic: a moment of truth handled better than expected.", 15, Activity.MomentLogged),
        new("recovery-hero", "Recovery hero", "Recover 3 miseries.", 50, Activity.MiseryRecovered),
        new("all-six", "All six elements", "Log moments that, together, cover all six service elements.", 40, Activity.MomentLogged),
        new("internal-champion", "Internal champion", "Log 5 moments where the customer was a colleague or a team.", 30, Activity.MomentLogged),
        new("generous", "Generous", "Recognise 10 different colleagues.", 40, Activity.RecognitionGiven),
        new("well-recognised", "Well recognised", "Be recognised by 5 different colleagues.", 30, Activity.RecognitionReceived),
        new("storyteller", "Storyteller", "Log 25 service moments.", 50, Activity.MomentLogged),
        new("case-study-author", "Case-study author", "Share a recovery as a case study.", 30, Activity.CaseStudyShared),
        new("listener", "Listener", "Have a recovery with a lesson learned shared as a case study.", 20, Activity.LessonShared),
        new("streak-4", "4-week streak", "Log a moment or give a recognition every week for 4 weeks in a row.", 25, Activity.MomentLogged | Activity.RecognitionGiven),
        new("streak-12", "12-week streak", "Keep the weekly habit for 12 weeks in a row.", 75, Activity.MomentLogged | Activity.RecognitionGiven),
        new("first-review", "First review acknowledged", "Acknowledge your first review with your manager.", 20, Activity.ReviewAcknowledged),
    ];

    public static BadgeInfo Badge(string code) => Badges.Single(b => b.Code == code);

    public static readonly IReadOnlyList<LevelInfo> Levels =
    [
        new(1, "Newcomer", 0),
        new(2, "Helper", 50),
        new(3, "Contributor", 150),
        new(4, "Advocate", 400),
        new(5, "Champion", 800),
        new(6, "Ambassador", 1500),
        new(7, "Legend", 3000),
    ];

    public static LevelInfo LevelFor(int points) => Levels.Last(l => points >= l.Threshold);

    public static LevelInfo? NextLevel(int points) => Levels.FirstOrDefault(l => l.Threshold > points);
}
