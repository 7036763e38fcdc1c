using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Gamification;

namespace ServiceCulture.Settings;

/// <summary>Values stored under one key prefix, with the defaults that apply while a key is not stored.</summary>
public sealed record SettingGroup(string Prefix, IReadOnlyDictionary<string, string> Values, IReadOnlyDictionary<string, string> Defaults);

/// <summary>One setting an admin changed: its key and the text before (the default when it was not stored) and after.</summary>
public sealed record SettingChange(string Key, string? Before, string After);

/// <summary>
/// Reads and writes the admin-editable settings in the settings table: the points rules, the badge
/// bonuses and the mail sender (the reinforcement rules live beside their jobs but are stored the same
/// way). Read once per request scope, so a change applies on every node from the next request.
/// </summary>
public sealed class SettingsStore(AppDbContext db, AuditLog audit)
{
    public const string PointsPrefix = "Points.";
    public const string BadgesPrefix = "Badges.";
    public const string SenderPrefix = "Email.";
    public const string SenderName = "FromName";
    public const string SenderAddress = "FromAddress";

    private PointsRules? rules;
    private IReadOnlyDictionary<string, int>? bonuses;

    public async Task<PointsRules> PointsRulesAsync(CancellationToken cancellationToken) =>
        rules ??= await ReadPointsRulesAsync(cancellationToken);

    /// <summary>Each badge's bonus points by badge code: the stored value, or the catalogue's.</summary>
    public async Task<IReadOnlyDictionary<string, int>> BadgeBonusesAsync(CancellationToken cancellationToken)
    {
        if (bonuses is null)
        {
            var stored = await ReadAsync(db, BadgesPrefix, cancellationToken);
            bonuses = GamificationCatalog.Badges.ToDictionary(b => b.Code, b => Number(stored, b.Code, b.Bonus));
        }

        return bonuses;
    }

    /// <summary>The sender admins chose, or null for each part they left to the configuration.</summary>
    public async Task<(string? Name, string? Address)> SenderAsync(CancellationToken cancellationToken) =>
        await SenderOfAsync(db, cancellationToken);

    internal static async Task<(string? Name, string? Address)> SenderOfAsync(AppDbContext db, CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(db, SenderPrefix, cancellationToken);
        return (stored.GetValueOrDefault(SenderName) is { Length: > 0 } name ? name : null, stored.GetValueOrDefault(SenderAddress) is { Length: > 0 } address ? address : null);
    }

    private async Task<PointsRules> ReadPointsRulesAsync(CancellationToken cancellationToken)
    {
        var stored = await ReadAsync(db, PointsPrefix, cancellationToken);
        var d = PointsRules.Defaults;
        return new PointsRules
        {
            MonthlyAllowance = Number(stored, nameof(PointsRules.MonthlyAllowance), d.MonthlyAllowance),
            MaxPointsPerRecognition = Number(stored, nameof(PointsRules.MaxPointsPerRecognition), d.MaxPointsPerRecognition),
            MomentPoints = Number(stored, nameof(PointsRules.MomentPoints), d.MomentPoints),
            MomentsCountedPerDay = Number(stored, nameof(PointsRules.MomentsCountedPerDay), d.MomentsCountedPerDay),
            RecoveryPoints = Number(stored, nameof(PointsRules.RecoveryPoints), d.RecoveryPoints),
            GivingPoints = Number(stored, nameof(PointsRules.GivingPoints), d.GivingPoints),
            GivingsCountedPerDay = Number(stored, nameof(PointsRules.GivingsCountedPerDay), d.GivingsCountedPerDay),
        };
    }

    public static SettingGroup PointsGroup(IReadOnlyDictionary<string, int> values) =>
        new(PointsPrefix, Texts(values), Texts(PointsRules.Fields.ToDictionary(f => f.Key, f => PointsRules.Defaults.Get(f.Key))));

    public static SettingGroup BadgesGroup(IReadOnlyDictionary<string, int> values) =>
        new(BadgesPrefix, Texts(values), Texts(GamificationCatalog.Badges.ToDictionary(b => b.Code, b => b.Bonus)));

    /// <summary>The mail sender; an empty value gives that part back to the configuration.</summary>
    public static SettingGroup SenderGroup(string name, string address) =>
        new(SenderPrefix, new Dictionary<string, string> { [SenderName] = name, [SenderAddress] = address }, new Dictionary<string, string> { [SenderName] = "", [SenderAddress] = "" });

    /// <summary>
    /// Stages every group of values and saves them with one audit entry listing what changed, before
    /// and after, in one unit of work: the settings and their audit entry are saved together or not at all.
    /// </summary>
    public async Task<IReadOnlyList<SettingChange>> SaveAsync(int actorId, IReadOnlyList<SettingGroup> groups, CancellationToken cancellationToken)
    {
        var changes = new List<SettingChange>();
        foreach (var group in groups)
        {
            changes.AddRange(await StageAsync(db, group, cancellationToken));
        }

        if (changes.Count == 0)
        {
            return changes;
        }

        audit.Record(actorId, "settings.changed", "Settings", null,
            string.Join("; ", changes.Select(c => $"{c.Key}={c.After}")),
            string.Join("; ", changes.Select(c => $"{c.Key}={c.Before}")),
            string.Join("; ", changes.Select(c => $"{c.Key}={c.After}")));
        await db.SaveChangesAsync(cancellationToken);
        rules = null;
        bonuses = null;
        return changes;
    }

    /// <summary>
    /// The one upsert of the settings table: stages each value of the group on the context (the caller
    /// saves) and returns the values that changed. A value equal to its default is not stored anew.
    /// </summary>
    public static async Task<IReadOnlyList<SettingChange>> StageAsync(AppDbContext db, SettingGroup group, CancellationToken cancellationToken)
    {
        var keys = group.Values.Keys.Select(k => group.Prefix + k).ToList();
        var existing = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        var changes = new List<SettingChange>();
        foreach (var (key, text) in group.Values)
        {
            var fullKey = group.Prefix + key;
            if (existing.TryGetValue(fullKey, out var setting))
            {
                if (setting.Value != text)
                {
                    changes.Add(new(fullKey, setting.Value, text));
                    setting.Value = text;
                }
            }
            else if (group.Defaults.GetValueOrDefault(key) != text)
            {
                db.Settings.Add(new Setting { Key = fullKey, Value = text });
                changes.Add(new(fullKey, group.Defaults.GetValueOrDefault(key) ?? "", text));
            }
        }

        return changes;
    }

    /// <summary>The stored values under a prefix, keyed without it.</summary>
    public static async Task<Dictionary<string, string>> ReadAsync(AppDbContext db, string prefix, CancellationToken cancellationToken) =>
        await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(prefix))
            .ToDictionaryAsync(s => s.Key[prefix.Length..], s => s.Value, cancellationToken);

    public static Dictionary<string, string> Texts(IReadOnlyDictionary<string, int> values) =>
        values.ToDictionary(v => v.Key, v => v.Value.ToString(CultureInfo.InvariantCulture));

    private static int Number(IReadOnlyDictionary<string, string> stored, string key, int fallback) =>
        stored.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
}
