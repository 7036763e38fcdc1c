using ServiceCulture.Moments;

namespace ServiceCulture.Reporting;

/// <summary>A figure the reports show: its name and the one line that defines it.</summary>
public sealed record FigureDefinition(string Key, string Name, string Hint);

/// <summary>
/// Every figure of the reports, defined once: the pages show the hint beside the name, the CSV
/// exports use the name, and the README lists them.
/// </summary>
public static class FigureCatalog
{
    /// <summary>Internal satisfaction is shown only when at least this many different people rated.</summary>
    public const int RaterThreshold = 3;

    /// <summary>Concentration looks at this share of the people recognised most.</summary>
    public const double TopRecipientsShare = 0.10;

    public static readonly FigureDefinition People = new("people", "People",
        "Active people in the team and its sub-teams (the whole organisation for the organisation report).");
    public static readonly FigureDefinition Moments = new("moments", "Moments",
        "Moments logged in the period by people in the team, by kind and by element (a moment tagged with two elements counts for both).");
    public static readonly FigureDefinition Recognitions = new("recognitions", "Recognitions received",
        "Times a person in the team was recognised in the period; a recognition to two people counts twice.");
    public static readonly FigureDefinition RecoveryRate = new("recovery-rate", "Recovery rate",
        "Miseries logged in the period that were recovered by its end, divided by the miseries logged in the period.");
    public static readonly FigureDefinition TimeToRecovery = new("time-to-recovery", "Median time to recovery",
        "Middle value of the time from logging a misery to logging its recovery, for the period's recovered miseries.");
    public static readonly FigureDefinition OpenMiseries = new("open-miseries", "Open miseries",
        "Miseries logged up to the end of the period and not recovered by then; the oldest shows how long one has waited.");
    public static readonly FigureDefinition Participation = new("participation", "Participation",
        "Share of the team's people who logged a moment or gave a recognition in the period.");
    public static readonly FigureDefinition Coverage = new("coverage", "Recognition coverage",
        "Share of the team's people recognised at least once in the period.");
    public static readonly FigureDefinition Concentration = new("concentration", "Concentration",
        "Share of recognitions received that went to the 10 % of recipients recognised most (rounded up); lower is fairer.");
    public static readonly FigureDefinition SatisfactionReceived = new("satisfaction-received", "Internal satisfaction received",
        "Average score (1–5) other teams' people gave this team's service in the period; shown once 3 different people rated.");
    public static readonly FigureDefinition SatisfactionGiven = new("satisfaction-given", "Internal satisfaction given",
        "Average score (1–5) this team's people gave the service they received from other teams; shown once 3 different people rated.");
    public static readonly FigureDefinition Csat = new("csat", "Customer satisfaction (CSAT)",
        "Share of satisfied customers in the team's surveys, in %, averaged over the months recorded.");
    public static readonly FigureDefinition Nps = new("nps", "Net Promoter Score",
        "Promoters minus detractors, −100 to 100, averaged over the months recorded.");
    public static readonly FigureDefinition Retention = new("retention", "Customer retention",
        "Share of customers kept, in %, averaged over the months recorded.");
    public static readonly FigureDefinition Referrals = new("referrals", "Referrals",
        "New customers referred by existing ones, summed over the months recorded.");
    public static readonly FigureDefinition Complaints = new("complaints", "Complaints",
        "Customer complaints received, summed over the months recorded; each one heard stands for many unheard.");
    public static readonly FigureDefinition Change = new("change", "Change",
        "Difference against the previous period of the same length, just before this one.");
    public static readonly FigureDefinition Trend = new("trend", "12-month trend",
        "The same figures for each of the twelve months up to the period's end: stored snapshots for closed months, live figures for the current one.");
    public static readonly FigureDefinition Weakest = new("weakest", "Weakest element",
        "The element with the fewest moments and recognitions in the period (ties: the lower internal rating, then the catalogue order).");

    public static readonly IReadOnlyList<FigureDefinition> All =
    [
        People, Moments, Recognitions, RecoveryRate, TimeToRecovery, OpenMiseries, Participation, Coverage, Concentration,
        SatisfactionReceived, SatisfactionGiven, Csat, Nps, Retention, Referrals, Complaints, Change, Trend, Weakest,
    ];

    /// <summary>What a team can do this month to strengthen an element, in our own words.</summary>
    public static string SuggestionFor(ServiceElements element) => element switch
    {
        ServiceElements.Focus => "Before the next handover, ask one internal customer what they will need next week and deliver it before they ask; listen first and answer the question actually asked.",
        ServiceElements.Defined => "Write down, together, what 'done well' means for the three requests your team gets most, and share it so the same request gets the same answer.",
        ServiceElements.GivenLife => "Swap one jargon-heavy reply for plain language this week, and pick up the phone whenever a message could be misread.",
        ServiceElements.ProblemSolving => "When the answer is no, offer an alternative; check understanding instead of trusting a nod, and log the case as a moment.",
        ServiceElements.Measured => "Ask the teams you serve to rate your service this month, and look at the complaints behind each one you heard.",
        ServiceElements.Reinforced => "Recognise a colleague for service they gave, and replay one recovery's lesson at the next team meeting.",
        _ => "Log the moments you live and recognise colleagues who served you well.",
    };
}
