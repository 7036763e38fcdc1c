using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Leaderboard;

/// <summary>
/// Who leads, by period, scope and measure, and how teams compare by participation, as
/// <see cref="LeaderboardQuery"/> decides. A choice that is not in the lists is refused with a message
/// (400) and the default board is shown.
/// </summary>
public sealed class IndexModel(LeaderboardQuery leaderboards) : PageModel
{
    public const int Top = 10;

    [BindProperty(SupportsGet = true)]
    public LeaderboardPeriod Period { get; set; } = LeaderboardPeriod.Month;

    [BindProperty(SupportsGet = true)]
    public LeaderboardScope Scope { get; set; } = LeaderboardScope.Organisation;

    [BindProperty(SupportsGet = true)]
    public LeaderboardMeasure Measure { get; set; } = LeaderboardMeasure.Points;

    /// <summary>A service element's slug, or empty for all elements.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Element { get; set; }

    public LeaderboardResult Board { get; private set; } = new([], null, 0, false, []);

    public IReadOnlyList<LeaderboardRow> Leaders => Board.Rows;

    public string PeriodLabel => LeaderboardCatalog.Label(Period);

    public string MeasureLabel => LeaderboardCatalog.Label(Measure);

    public string Unit => LeaderboardCatalog.Unit(Measure);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var element = ServiceElementCatalog.FromSlug(Element)?.Element;
        Refuse(nameof(Period), !Enum.IsDefined(Period), "Choose a period from the list.", () => Period = LeaderboardPeriod.Month);
        Refuse(nameof(Scope), !Enum.IsDefined(Scope), "Choose My team or Whole organisation.", () => Scope = LeaderboardScope.Organisation);
        Refuse(nameof(Measure), !Enum.IsDefined(Measure), "Choose a measure from the list.", () => Measure = LeaderboardMeasure.Points);
        Refuse(nameof(Element), !string.IsNullOrEmpty(Element) && element is null, "Choose one of the six service elements, or all of them.", () => Element = null);

        Board = await leaderboards.ReadAsync(new LeaderboardChoice(Period, Scope, Measure, element), User.Actor(), Top, cancellationToken);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>A choice that did not bind, or bound to something not in the list, is replaced by the default with a message beside it.</summary>
    private void Refuse(string field, bool undefined, string message, Action useDefault)
    {
        var unbound = ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0;
        if (!unbound && !undefined)
        {
            return;
        }

        ModelState.Remove(field);
        ModelState.AddModelError(field, message);
        useDefault();
    }

    public string Link(LeaderboardPeriod? period = null, LeaderboardScope? scope = null, LeaderboardMeasure? measure = null, string? element = null) =>
        Url.Page("/Leaderboard/Index", new
        {
            period = Value(period ?? Period),
            scope = Value(scope ?? Scope),
            measure = Value(measure ?? Measure),
            element = element ?? Element,
        })!;

    /// <summary>How a choice is written in the address: its name in lower case.</summary>
    public static string Value<T>(T choice)
        where T : struct, Enum => choice.ToString().ToLowerInvariant();
}
