using System.Globalization;
using ServiceCulture.Email;
using ServiceCulture.Moments;

namespace ServiceCulture.Reporting;

/// <summary>
/// The summary emailed when a month closes: a team's figures to its manager, the organisation's with
/// its teams side by side to the admins. Numbers only, never who rated; the link opens the full report.
/// </summary>
public static class MonthlyReportEmail
{
    /// <summary>Teams listed in the organisation's email; the report has them all.</summary>
    public const int TeamsListed = 15;

    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>The outbox's period for a scope and month: one email per recipient, scope and month.</summary>
    public static string PeriodOf(int? teamId, DateOnly month) => $"{ReportSnapshot.ScopeOf(teamId)}:{month.ToString("yyyy-MM", Invariant)}";

    /// <summary>A team's or the organisation's summary; <paramref name="previous"/> is the month before when it was stored.</summary>
    public static EmailContent Compose(string scopeName, bool organisation, DateOnly month, ReportFigures figures, ReportFigures? previous,
        string reportLink, IReadOnlyList<(string Name, ReportFigures Figures, string Link)> teams)
    {
        var label = month.ToString("MMMM yyyy", Invariant);
        var weakest = figures.WeakestElement();
        var elements = ServiceElementCatalog.All.Select((e, i) => new EmailItem(
            e.Name,
            $"{Count(figures.MomentsByElement[i], "moment")}, {Count(figures.RecognitionsByElement[i], "recognition")}"
                + (figures.SatisfactionReceived.ByElement[i] is { } score ? $", rated {Score(score)}" : ""))).ToList();
        var sections = new List<EmailSection> { new("The six elements", elements) };
        if (organisation && teams.Count > 0)
        {
            var items = teams.Take(TeamsListed).Select(t => new EmailItem(t.Name,
                $"{Count(t.Figures.Moments.Total, "moment")}, {Count(t.Figures.Recognitions, "recognition")} received, participation {Percent(t.Figures.Participation)}, "
                + $"internal satisfaction {Satisfaction(t.Figures.SatisfactionReceived)}", t.Link)).ToList();
            if (teams.Count > TeamsListed)
            {
                items.Add(new EmailItem($"{teams.Count - TeamsListed} more teams", "Side by side in the organisation's report.", reportLink));
            }

            sections.Add(new EmailSection("Teams side by side", items));
        }

        var stats = new List<EmailStat>
        {
            new(FigureCatalog.Moments.Name, WithChange(figures.Moments.Total, previous?.Moments.Total)),
            new(FigureCatalog.Recognitions.Name, WithChange(figures.Recognitions, previous?.Recognitions)),
            new(FigureCatalog.RecoveryRate.Name, figures.RecoveryRate is null ? "No miseries logged" : $"{Percent(figures.RecoveryRate)} ({figures.MiseriesRecovered} of {figures.MiseriesLogged})"),
            new(FigureCatalog.OpenMiseries.Name, figures.OpenMiseries == 0 ? "None" : Number(figures.OpenMiseries)),
            new(FigureCatalog.Participation.Name, $"{Percent(figures.Participation)} ({figures.Participants} of {figures.People})"),
            new(FigureCatalog.Coverage.Name, $"{Percent(figures.Coverage)} ({figures.Recognised} of {figures.People})"),
            new(FigureCatalog.SatisfactionReceived.Name, Capitalised(Satisfaction(figures.SatisfactionReceived))),
        };
        if (figures.Outcomes.Csat is { } csat)
        {
            stats.Add(new(FigureCatalog.Csat.Name, $"{csat.ToString("0.#", Invariant)} %"));
        }

        if (figures.Outcomes.Nps is { } nps)
        {
            stats.Add(new(FigureCatalog.Nps.Name, nps.ToString("0.#", Invariant)));
        }

        if (figures.Outcomes.Complaints is { } complaints)
        {
            stats.Add(new(FigureCatalog.Complaints.Name, WithChange(complaints, previous?.Outcomes.Complaints)));
        }

        var subject = organisation ? $"The organisation's report for {label}" : $"{scopeName}: the report for {label}";
        return new EmailContent
        {
            Subject = subject,
            Preheader = $"{label} is closed: six elements, recoveries, participation and ratings. Weakest element: {weakest.Name}.",
            Heading = $"{scopeName}, {label}",
            Paragraphs =
            [
                $"{label} is closed and its figures are stored; they will not change. Here is the summary"
                    + (previous is null ? "." : ", with the change against the month before."),
                $"The element that showed least: {weakest.Name}. {FigureCatalog.SuggestionFor(weakest.Element)}",
            ],
            Stats = stats,
            Sections = sections,
            Action = new EmailLink("Open the full report", reportLink),
            Tip = "Coach on one element at a time: pick the weakest, agree one action, and look at it again next month.",
        };
    }

    private static string Capitalised(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static string Number(int value) => value.ToString("N0", Invariant);

    private static string Count(int value, string noun) => $"{Number(value)} {noun}{(value == 1 ? "" : "s")}";

    private static string WithChange(int value, int? before) => before is { } b && b != value
        ? $"{Number(value)} ({(value > b ? "+" : "−")}{Number(Math.Abs(value - b))})"
        : Number(value);

    private static string Percent(double? value) => value is { } v ? $"{Math.Round(v * 100).ToString("0", Invariant)} %" : "–";

    private static string Score(double value) => value.ToString("0.00", Invariant);

    private static string Satisfaction(Satisfaction satisfaction) => satisfaction.Average is { } average
        ? $"{Score(average)} from {satisfaction.Raters} people"
        : satisfaction.Raters == 0 ? "no ratings" : "not enough ratings yet";
}
