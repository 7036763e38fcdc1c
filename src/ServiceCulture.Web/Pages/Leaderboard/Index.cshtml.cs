using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Leaderboard;

/// <summary>
/// Who leads, by period, scope and measure, and how teams compare by participation. People who
/// opted out, inactive people and quiet recognitions are left out.
/// </summary>
public sealed class IndexModel(AppDbContext db, PointsLedger ledger, TimeProvider clock, IMemoryCache cache) : PageModel
{
    public const int Top = 10;

    [BindProperty(SupportsGet = true)]
    public string Period { get; set; } = "month";

    [BindProperty(SupportsGet = true)]
    public string Scope { get; set; } = "organisation";

    [BindProperty(SupportsGet = true)]
    public string Measure { get; set; } = "points";

    [BindProperty(SupportsGet = true)]
    public string? Element { get; set; }

    public IReadOnlyList<Row> Leaders { get; private set; } = [];
    public Row? Me { get; private set; }
    public int Ranked { get; private set; }
    public bool OptedOut { get; private set; }
    public IReadOnlyList<TeamRow> Teams { get; private set; } = [];
    public string PeriodLabel { get; private set; } = "";

    public static readonly IReadOnlyList<(string Value, string Label)> Periods = [("week", "This week"), ("month", "This month"), ("quarter", "This quarter"), ("all", "All time")];
    public static readonly IReadOnlyList<(string Value, string Label)> Scopes = [("team", "My team"), ("organisation", "Whole organisation")];
    public static readonly IReadOnlyList<(string Value, string Label)> Measures = [("points", "Points"), ("given", "Recognitions given"), ("recoveries", "Recoveries")];

    public string MeasureLabel => Measures.FirstOrDefault(m => m.Value == Measure).Label ?? "Points";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        Period = Periods.Any(p => p.Value == Period) ? Period : "month";
        Scope = Scopes.Any(s => s.Value == Scope) ? Scope : "organisation";
        Measure = Measures.Any(m => m.Value == Measure) ? Measure : "points";
        var element = ServiceElementCatalog.FromSlug(Element)?.Element;
        Element = element is null ? null : Element;
        PeriodLabel = Periods.Single(p => p.Value == Period).Label;

        var viewer = User.Viewer();
        var start = PeriodStart(Period, clock.GetUtcNow().UtcDateTime, User.TimeZoneId());
        var people = await db.Users.AsNoTracking()
            .Where(u => u.IsActive)
            .Select(u => new Person(u.Id, u.DisplayName, u.TeamId, u.Team!.Name, u.LeaderboardOptOut))
            .ToDictionaryAsync(p => p.Id, cancellationToken);
        OptedOut = people.TryGetValue(viewer.Id, out var self) && self.OptedOut;

        var scores = await ScoresAsync(start, element, cancellationToken);
        var ranked = scores
            .Where(s => s.Value > 0 && people.TryGetValue(s.Key, out var p) && !p.OptedOut && (Scope == "organisation" || (viewer.TeamId is not null && p.TeamId == viewer.TeamId)))
            .Select(s => (Person: people[s.Key], Score: s.Value))
            .OrderByDescending(s => s.Score).ThenBy(s => s.Person.Name, StringComparer.Ordinal)
            .ToList();
        Ranked = ranked.Count;
        var rows = new List<Row>();
        for (var i = 0; i < ranked.Count; i++)
        {
            // Equal scores share a rank.
            var rank = i > 0 && ranked[i].Score == ranked[i - 1].Score ? rows[i - 1].Rank : i + 1;
            rows.Add(new Row(rank, ranked[i].Person.Id, ranked[i].Person.Name, ranked[i].Person.TeamName, ranked[i].Score));
        }

        Leaders = rows.Take(Top).ToList();
        Me = rows.FirstOrDefault(r => r.EmployeeId == viewer.Id);
        Teams = await TeamsAsync(start, people, cancellationToken);
        return Page();
    }

    public static DateTime? PeriodStart(string period, DateTime nowUtc, string? timeZoneId)
    {
        var today = ServiceTimeZones.LocalDate(nowUtc, timeZoneId);
        DateOnly? local = period switch
        {
            "week" => StreakRules.WeekStart(today),
            "month" => new DateOnly(today.Year, today.Month, 1),
            "quarter" => new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1),
            _ => null,
        };
        return local is { } day ? ServiceTimeZones.StartOfDayUtc(day, timeZoneId) : null;
    }

    private async Task<Dictionary<int, int>> ScoresAsync(DateTime? start, ServiceElements? element, CancellationToken cancellationToken)
    {
        switch (Measure)
        {
            case "given":
                var given = db.Recognitions.Where(r => r.DeletedAt == null && !r.IsQuiet);
                if (start is { } givenFrom)
                {
                    given = given.Where(r => r.CreatedAt >= givenFrom);
                }

                if (element is { } e1)
                {
                    given = given.Where(r => (r.Elements & e1) == e1);
                }

                return await given.GroupBy(r => r.GiverId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            case "recoveries":
                var recoveries = db.Moments.Where(m => m.Kind == MomentKind.Recovery && m.DeletedAt == null && m.RecoveredById != null);
                if (start is { } recoveredFrom)
                {
                    recoveries = recoveries.Where(m => m.CreatedAt >= recoveredFrom);
                }

                if (element is { } e2)
                {
                    recoveries = recoveries.Where(m => (m.Elements & e2) == e2);
                }

                return await recoveries.GroupBy(m => m.RecoveredById!.Value).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
            default:
                return await ledger.LeaderboardPointsAsync(start, element, cancellationToken);
        }
    }

    /// <summary>Teams by participation: the share of their active members who logged or gave something in the period.</summary>
    private async Task<IReadOnlyList<TeamRow>> TeamsAsync(DateTime? start, Dictionary<int, Person> people, CancellationToken cancellationToken)
    {
        // Participation is the same for every viewer and changes slowly, so it is kept for a minute.
        var from = start ?? DateTime.MinValue;
        var active = await cache.GetOrCreateAsync($"leaderboard:active:{from.Ticks}", async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = TimeSpan.FromMinutes(1);
            return (await db.Users
                    .Where(u => u.IsActive)
                    .Where(u => db.Moments.Any(m => m.AuthorId == u.Id && m.CreatedAt >= from && m.DeletedAt == null)
                        || db.Recognitions.Any(r => r.GiverId == u.Id && r.CreatedAt >= from && r.DeletedAt == null))
                    .Select(u => u.Id)
                    .ToListAsync(cancellationToken))
                .ToHashSet();
        }) ?? [];
        return people.Values
            .Where(p => p.TeamId is not null)
            .GroupBy(p => (p.TeamId!.Value, p.TeamName))
            .Select(g => new TeamRow(g.Key.Value, g.Key.TeamName ?? "", g.Count(), g.Count(p => active.Contains(p.Id))))
            .OrderByDescending(t => t.Participation).ThenByDescending(t => t.Active).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();
    }

    public string Link(string? period = null, string? scope = null, string? measure = null, string? element = null) =>
        Url.Page("/Leaderboard/Index", new { period = period ?? Period, scope = scope ?? Scope, measure = measure ?? Measure, element = element ?? Element })!;

    private sealed record Person(int Id, string Name, int? TeamId, string? TeamName, bool OptedOut);

    public sealed record Row(int Rank, int EmployeeId, string Name, string? TeamName, int Score);

    public sealed record TeamRow(int Id, string Name, int Members, int Active)
    {
        public int Participation => Members == 0 ? 0 : (int)Math.Round(100.0 * Active / Members);
    }
}
