using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceCulture.Gamification;
using ServiceCulture.Settings;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin;

/// <summary>Admins set the points rules and the monthly allowance.</summary>
public sealed class SettingsModel(SettingsStore store, ServiceCulture.Nudges.ReinforcementSettings reinforcement) : PageModel
{
    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    public PointsRules Current { get; private set; } = PointsRules.Defaults;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Current = await store.PointsRulesAsync(cancellationToken);
        Values = PointsRules.Fields.ToDictionary(f => f.Key, f => (string?)Current.Get(f.Key).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rules = await reinforcement.ReadAsync(cancellationToken);
        foreach (var field in ServiceCulture.Nudges.ReinforcementRules.Fields)
        {
            Values[field.Key] = rules.Get(field.Key).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var parsed = new Dictionary<string, int>();
        var reinforced = new Dictionary<string, int>();
        foreach (var (key, label, _, min, max) in PointsRules.Fields.Concat(ServiceCulture.Nudges.ReinforcementRules.Fields))
        {
            var raw = Values.GetValueOrDefault(key)?.Trim();
            if (!int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                ModelState.AddModelError($"Values[{key}]", $"{label}: enter a whole number from {min} to {max:N0}.");
                continue;
            }

            (ServiceCulture.Nudges.ReinforcementRules.Fields.Any(f => f.Key == key) ? reinforced : parsed)[key] = value;
        }

        if (!ModelState.IsValid)
        {
            Current = await store.PointsRulesAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await reinforcement.StageAsync(reinforced, cancellationToken);
        await store.SavePointsRulesAsync(User.EmployeeId(), parsed, cancellationToken);
        TempData["Flash"] = "The points rules are saved and apply from now on.";
        return RedirectToPage();
    }
}
