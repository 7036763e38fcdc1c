using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ServiceCulture.Email;
using ServiceCulture.Gamification;
using ServiceCulture.Nudges;
using ServiceCulture.People;
using ServiceCulture.Settings;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin;

/// <summary>
/// Every setting an admin may change, on one page: points, allowance and caps, badge bonuses, nudge
/// cadence and limits, working days, and the mail sender. Saved together with one audit entry.
/// </summary>
public sealed class SettingsModel(SettingsStore store, ReinforcementSettings reinforcement, MailDelivery delivery, IOptions<MailSettings> mail) : PageModel
{
    public const int SenderNameMaxLength = 100;
    public const string BadgeKeyPrefix = "Badge.";

    [BindProperty]
    public Dictionary<string, string?> Values { get; set; } = [];

    [BindProperty]
    public List<string> WorkingDays { get; set; } = [];

    [BindProperty]
    public string? SenderName { get; set; }

    [BindProperty]
    public string? SenderAddress { get; set; }

    /// <summary>The sender from the configuration, shown as what an empty field means.</summary>
    public MailSettings Configured => mail.Value;

    /// <summary>Each badge's field: its key in <see cref="Values"/>, name, criterion and range.</summary>
    public static IReadOnlyList<(string Key, string Label, string Hint, int Min, int Max)> BadgeFields =>
        [.. GamificationCatalog.Badges.Select(b => (BadgeKeyPrefix + b.Code, b.Name, b.Criterion, 0, 1_000))];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var points = await store.PointsRulesAsync(cancellationToken);
        Values = PointsRules.Fields.ToDictionary(f => f.Key, f => (string?)Text(points.Get(f.Key)));
        foreach (var (code, bonus) in await store.BadgeBonusesAsync(cancellationToken))
        {
            Values[BadgeKeyPrefix + code] = Text(bonus);
        }

        var rules = await reinforcement.ReadAsync(cancellationToken);
        foreach (var field in ReinforcementRules.Fields)
        {
            Values[field.Key] = Text(rules.Get(field.Key));
        }

        WorkingDays = [.. ReinforcementRules.Week.Where(rules.WorkingDays.Contains).Select(d => d.ToString())];
        (SenderName, SenderAddress) = await store.SenderAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var points = Numbers(PointsRules.Fields);
        var badges = Numbers(BadgeFields).ToDictionary(p => p.Key[BadgeKeyPrefix.Length..], p => p.Value);
        var reinforced = Numbers(ReinforcementRules.Fields);
        var days = ReinforcementRules.ParseDays(string.Join(',', WorkingDays));
        if (days is null)
        {
            ModelState.AddModelError(nameof(WorkingDays), "Choose at least one working day.");
        }

        var name = MailHeaders.Clean(SenderName);
        if (name.Length > SenderNameMaxLength)
        {
            ModelState.AddModelError(nameof(SenderName), $"Keep the sender name to {SenderNameMaxLength} characters.");
        }

        var address = SenderAddress?.Trim() ?? "";
        if (address.Length > 0 && !EmailAddress.IsValid(address))
        {
            ModelState.AddModelError(nameof(SenderAddress), "Enter an email address like portal@company.com, or leave it empty to use the configured one.");
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await store.SaveAsync(User.EmployeeId(),
        [
            SettingsStore.PointsGroup(points),
            SettingsStore.BadgesGroup(badges),
            ReinforcementSettings.Group(reinforced, days!),
            SettingsStore.SenderGroup(name, address),
        ], cancellationToken);
        delivery.ForgetSender();
        TempData["Flash"] = "The settings are saved and apply from now on.";
        return RedirectToPage();
    }

    /// <summary>Each field as a whole number in its range; a message beside each field that is not.</summary>
    private Dictionary<string, int> Numbers(IEnumerable<(string Key, string Label, string Hint, int Min, int Max)> fields)
    {
        var parsed = new Dictionary<string, int>();
        foreach (var (key, label, _, min, max) in fields)
        {
            var raw = Values.GetValueOrDefault(key)?.Trim();
            if (!int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
            {
                ModelState.AddModelError($"Values[{key}]", $"{label}: enter a whole number from {min} to {max:N0}.");
                continue;
            }

            parsed[key] = value;
        }

        return parsed;
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
