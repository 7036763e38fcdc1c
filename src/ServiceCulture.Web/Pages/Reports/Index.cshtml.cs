using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Reporting;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reports;

/// <summary>
/// The six-element report for a team (its manager, the manager's manager, admins) or the whole
/// organisation (admins) over a month, quarter or custom period; every table downloads as CSV.
/// A team the viewer may not see does not exist for them (404), and neither does the page for someone
/// who may see no report at all.
/// </summary>
public sealed class IndexModel(AppDbContext db, ReportBuilder builder, TimeProvider clock) : PageModel
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    [BindProperty(SupportsGet = true)] public int? Team { get; set; }
    [BindProperty(SupportsGet = true)] public string? Scope { get; set; }
    [BindProperty(SupportsGet = true)] public string? Period { get; set; }
    [BindProperty(SupportsGet = true)] public string? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Quarter { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public IReadOnlyList<ScopeChoice> Scopes { get; private set; } = [];
    public IReadOnlyList<string> Quarters { get; private set; } = [];
    public Report? Result { get; private set; }
    public string? RangeError { get; private set; }
    public IReadOnlyList<FigureRow> Figures { get; private set; } = [];
    public IReadOnlyList<ElementRow> Elements { get; private set; } = [];
    public DateTime AsOf { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var found = await LoadAsync(cancellationToken);
        if (found is not null)
        {
            return found;
        }

        if (RangeError is not null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>One table of the report as CSV: figures, elements, trend or teams. Never who rated.</summary>
    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken cancellationToken)
    {
        var found = await LoadAsync(cancellationToken);
        if (found is not null)
        {
            return found;
        }

        if (RangeError is not null || Result is null)
        {
            return BadRequest(RangeError ?? "Choose a period.");
        }

        var report = Result;
        string csv;
        switch (table)
        {
            case "figures":
                csv = Csv.Write(["Figure", "Value", "Previous period", "Change", "Definition"],
                    Figures.Select(f => new[] { f.Definition.Name, f.Value, f.Previous, f.Change, f.Definition.Hint }));
                break;
            case "elements":
                csv = Csv.Write(["Element", "Moments", "Recognitions", "Internal satisfaction (1-5)"],
                    Elements.Select(e => new[] { e.Name, Number(e.Moments), Number(e.Recognitions), e.Satisfaction ?? "" }));
                break;
            case "trend":
                csv = Csv.Write(["Month", "Moments", "Recoveries", "Recognitions", "Recovery rate", "Participation", "Coverage", "Internal satisfaction", "CSAT (%)", "NPS", "Retention (%)", "Complaints"],
                    report.Trend.Select(t => new[]
                    {
                        t.Month.ToString("yyyy-MM", Invariant), Number(t.Figures.Moments.Total), Number(t.Figures.Moments.Recovery), Number(t.Figures.Recognitions),
                        Percent(t.Figures.RecoveryRate), Percent(t.Figures.Participation), Percent(t.Figures.Coverage), Score(t.Figures.SatisfactionReceived.Average),
                        Decimal(t.Figures.Outcomes.Csat), Decimal(t.Figures.Outcomes.Nps), Decimal(t.Figures.Outcomes.Retention), t.Figures.Outcomes.Complaints?.ToString(Invariant) ?? "",
                    }));
                break;
            case "teams" when report.TeamId is null:
                csv = Csv.Write(["Team", "People", "Moments", "Recognitions", "Recovery rate", "Participation", "Coverage", "Internal satisfaction"],
                    report.Teams.Select(t => new[]
                    {
                        t.Name, Number(t.Figures.People), Number(t.Figures.Moments.Total), Number(t.Figures.Recognitions), Percent(t.Figures.RecoveryRate),
                        Percent(t.Figures.Participation), Percent(t.Figures.Coverage), Score(t.Figures.SatisfactionReceived.Average),
                    }));
                break;
            default:
                return NotFound();
        }

        var slug = report.TeamId is { } id ? $"team-{id}" : "organisation";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8",
            $"report-{slug}-{report.Range.Start:yyyy-MM-dd}-{table}.csv");
    }

    /// <summary>The query string of this report, for links to its CSV tables.</summary>
    public string Query(string? table = null)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("team", Result?.TeamId?.ToString(Invariant));
        Add("scope", Result?.TeamId is null ? "organisation" : null);
        Add("period", Period);
        Add("month", Month);
        Add("quarter", Quarter);
        Add("from", From?.ToString("yyyy-MM-dd", Invariant));
        Add("to", To?.ToString("yyyy-MM-dd", Invariant));
        if (table is not null)
        {
            Add("handler", "Csv");
            Add("table", table);
        }

        return "?" + string.Join('&', parts);
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        var viewer = User.Actor();
        var teams = await builder.TeamsAsync(cancellationToken);
        HashSet<int> reportable;
        if (viewer.IsAdmin)
        {
            reportable = [.. teams.Select(t => t.Id)];
        }
        else
        {
            var managed = await db.Users.AsNoTracking().Where(u => u.ManagerId == viewer.Id).Select(u => u.Id).ToListAsync(cancellationToken);
            reportable = [.. teams.Where(t => t.ManagerId == viewer.Id || (t.ManagerId is { } m && managed.Contains(m))).Select(t => t.Id)];
        }

        int? teamId;
        if (Team is null && Scope == "organisation" && !viewer.IsAdmin)
        {
            return NotFound();
        }

        if (Team is { } asked)
        {
            if (!reportable.Contains(asked))
            {
                return NotFound();
            }

            teamId = asked;
        }
        else if (viewer.IsAdmin)
        {
            teamId = null;
        }
        else if (reportable.Count > 0)
        {
            // The team they manage themselves first, then those of the people they manage.
            teamId = (teams.FirstOrDefault(t => t.ManagerId == viewer.Id) ?? teams.First(t => reportable.Contains(t.Id))).Id;
        }
        else
        {
            return NotFound();
        }

        var choices = new List<ScopeChoice>();
        if (viewer.IsAdmin)
        {
            choices.Add(new ScopeChoice(null, "Whole organisation"));
        }

        choices.AddRange(teams.Where(t => reportable.Contains(t.Id)).Select(t => new ScopeChoice(t.Id, t.Name)));
        Scopes = choices;

        var now = clock.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var thisQuarter = ReportRange.ForQuarter(today.Year, ((today.Month - 1) / 3) + 1).Start;
        Quarters = [.. Enumerable.Range(0, 8).Select(i => thisQuarter.AddMonths(-3 * i)).Select(q => $"{q.Year}-Q{((q.Month - 1) / 3) + 1}")];
        var (range, error) = ReportRange.Parse(Period, Month, Quarter, From, To, today);
        if (range is null)
        {
            RangeError = error;
            return null;
        }

        Period ??= "month";
        Month ??= range.Kind == PeriodKind.Month ? range.Start.ToString("yyyy-MM", Invariant) : null;
        AsOf = range.EndUtc < now ? range.EndUtc : now;
        Result = await builder.BuildAsync(teamId, range, now, cancellationToken);
        Team = teamId;
        Figures = BuildRows(Result, AsOf);
        Elements = [.. ServiceElementCatalog.All.Select((e, i) => new ElementRow(
            e.Name, e.Hint, Result.Figures.MomentsByElement[i], Result.Figures.RecognitionsByElement[i], Score(Result.Figures.SatisfactionReceived.ByElement[i])))];
        return null;
    }

    private static List<FigureRow> BuildRows(Report report, DateTime asOf)
    {
        var now = report.Figures;
        var before = report.Previous;
        FigureRow Count(FigureDefinition definition, Func<ReportFigures, int> value) =>
            new(definition, Number(value(now)), Number(value(before)), Signed(value(now) - value(before)));
        FigureRow Share(FigureDefinition definition, Func<ReportFigures, double?> value) =>
            new(definition, Percent(value(now)), Percent(value(before)),
                value(now) is { } a && value(before) is { } b ? $"{Signed(Math.Round((a - b) * 100))} pts" : "");
        FigureRow Average(FigureDefinition definition, Func<ReportFigures, double?> value, Func<double?, string> format) =>
            new(definition, format(value(now)), format(value(before)),
                value(now) is { } a && value(before) is { } b ? Signed(Math.Round(a - b, 1)) : "");

        var oldest = now.OldestOpenMiseryDays(asOf);
        return
        [
            Count(FigureCatalog.People, f => f.People),
            new(FigureCatalog.Moments,
                $"{now.Moments.Total} ({now.Moments.Truth} truth, {now.Moments.Magic} magic, {now.Moments.Misery} misery, {now.Moments.Recovery} recovery)",
                Number(before.Moments.Total), Signed(now.Moments.Total - before.Moments.Total)),
            Count(FigureCatalog.Recognitions, f => f.Recognitions),
            Share(FigureCatalog.RecoveryRate, f => f.RecoveryRate) with
            {
                Value = now.RecoveryRate is null ? "No miseries logged" : $"{Percent(now.RecoveryRate)} ({now.MiseriesRecovered} of {now.MiseriesLogged})",
            },
            Average(FigureCatalog.TimeToRecovery, f => f.MedianHoursToRecovery, Hours),
            new(FigureCatalog.OpenMiseries,
                now.OpenMiseries == 0 ? "None" : $"{now.OpenMiseries}, the oldest waiting {oldest} day{(oldest == 1 ? "" : "s")}",
                Number(before.OpenMiseries), Signed(now.OpenMiseries - before.OpenMiseries)),
            Share(FigureCatalog.Participation, f => f.Participation) with { Value = $"{Percent(now.Participation)} ({now.Participants} of {now.People})" },
            Share(FigureCatalog.Coverage, f => f.Coverage) with { Value = $"{Percent(now.Coverage)} ({now.Recognised} of {now.People})" },
            Share(FigureCatalog.Concentration, f => f.Concentration),
            Average(FigureCatalog.SatisfactionReceived, f => f.SatisfactionReceived.Average, Score) with { Value = Satisfaction(now.SatisfactionReceived) },
            Average(FigureCatalog.SatisfactionGiven, f => f.SatisfactionGiven.Average, Score) with { Value = Satisfaction(now.SatisfactionGiven) },
            Average(FigureCatalog.Csat, f => f.Outcomes.Csat, v => v is null ? "Not recorded" : $"{v:0.#} %"),
            Average(FigureCatalog.Nps, f => f.Outcomes.Nps, v => v is null ? "Not recorded" : $"{v:0.#}"),
            Average(FigureCatalog.Retention, f => f.Outcomes.Retention, v => v is null ? "Not recorded" : $"{v:0.#} %"),
            Average(FigureCatalog.Referrals, f => f.Outcomes.Referrals, v => v is null ? "Not recorded" : $"{v:0}"),
            Average(FigureCatalog.Complaints, f => f.Outcomes.Complaints, v => v is null ? "Not recorded" : $"{v:0}"),
        ];
    }

    public static string Number(int value) => value.ToString("N0", Invariant);

    public static string Percent(double? value) => value is { } v ? $"{Math.Round(v * 100):0} %" : "–";

    private static string Decimal(double? value) => value?.ToString("0.#", Invariant) ?? "";

    public static string Score(double? value) => value is { } v ? v.ToString("0.00", Invariant) : "";

    private static string Signed(double value) => value > 0 ? $"+{value.ToString("0.#", Invariant)}" : value.ToString("0.#", Invariant);

    private static string Hours(double? hours) => hours switch
    {
        null => "–",
        < 48 => $"{hours.Value.ToString("0.#", Invariant)} hours",
        _ => $"{(hours.Value / 24).ToString("0.#", Invariant)} days",
    };

    private static string Satisfaction(Satisfaction satisfaction) => satisfaction.Average is { } average
        ? $"{average.ToString("0.00", Invariant)} from {satisfaction.Raters} people"
        : satisfaction.Raters == 0 ? "No ratings yet" : "Not enough ratings yet";

    public sealed record ScopeChoice(int? TeamId, string Name);

    /// <summary>A figure as the page and its CSV show it: the value, the previous period's and the change.</summary>
    public sealed record FigureRow(FigureDefinition Definition, string Value, string Previous, string Change);

    public sealed record ElementRow(string Name, string Hint, int Moments, int Recognitions, string? Satisfaction);
}
