using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;

namespace ServiceCulture.Settings;

/// <summary>One admin-editable setting, stored as text.</summary>
public sealed class Setting
{
    public string Key { get; set; } = "";
    public string Value { get; set; } = "";
}

/// <summary>The points rules and allowances admins can change; defaults apply until they do.</summary>
public sealed record PointsRules
{
    public int MonthlyAllowance { get; init; } = 100;
    public int MaxPointsPerRecognition { get; init; } = 50;
    public int MomentPoints { get; init; } = 10;
    public int MomentsCountedPerDay { get; init; } = 3;
    public int RecoveryPoints { get; init; } = 25;
    public int GivingPoints { get; init; } = 2;
    public int GivingsCountedPerDay { get; init; } = 5;

    public static readonly PointsRules Defaults = new();

    public static IReadOnlyList<(string Key, string Label, string Hint, int Min, int Max)> Fields =>
    [
        (nameof(MonthlyAllowance), "Monthly giving allowance", "Points each person can give away each month; unused points expire at month end.", 0, 10_000),
        (nameof(MaxPointsPerRecognition), "Most points in one recognition", "The most points one recognition can give each colleague.", 0, 1_000),
        (nameof(MomentPoints), "Points for logging a moment", "Earned by the author.", 0, 1_000),
        (nameof(MomentsCountedPerDay), "Moments counted per day", "Moments beyond this in one day earn no points (they are still logged).", 0, 100),
        (nameof(RecoveryPoints), "Points for a recovery", "Earned by the person who recovered the misery.", 0, 1_000),
        (nameof(GivingPoints), "Points for giving a recognition", "Rewards the giver, not only the receiver.", 0, 1_000),
        (nameof(GivingsCountedPerDay), "Recognitions given counted per day", "Giving beyond this in one day earns the giver no points.", 0, 100),
    ];

    public int Get(string key) => key switch
    {
        nameof(MonthlyAllowance) => MonthlyAllowance,
        nameof(MaxPointsPerRecognition) => MaxPointsPerRecognition,
        nameof(MomentPoints) => MomentPoints,
        nameof(MomentsCountedPerDay) => MomentsCountedPerDay,
        nameof(RecoveryPoints) => RecoveryPoints,
        nameof(GivingPoints) => GivingPoints,
        nameof(GivingsCountedPerDay) => GivingsCountedPerDay,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown points rule."),
    };
}

/// <summary>Reads and writes <see cref="PointsRules"/> in the settings table; read once per request scope.</summary>
public sealed class SettingsStore(AppDbContext db, AuditLog audit)
{
    private const string Prefix = "Points.";
    private PointsRules? rules;

    public async Task<PointsRules> PointsRulesAsync(CancellationToken cancellationToken) =>
        rules ??= await ReadPointsRulesAsync(cancellationToken);

    private async Task<PointsRules> ReadPointsRulesAsync(CancellationToken cancellationToken)
    {
        var stored = await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(Prefix)).ToDictionaryAsync(s => s.Key[Prefix.Length..], s => s.Value, cancellationToken);
        int Read(string key, int fallback) => stored.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var d = PointsRules.Defaults;
        return new PointsRules
        {
            MonthlyAllowance = Read(nameof(PointsRules.MonthlyAllowance), d.MonthlyAllowance),
            MaxPointsPerRecognition = Read(nameof(PointsRules.MaxPointsPerRecognition), d.MaxPointsPerRecognition),
            MomentPoints = Read(nameof(PointsRules.MomentPoints), d.MomentPoints),
            MomentsCountedPerDay = Read(nameof(PointsRules.MomentsCountedPerDay), d.MomentsCountedPerDay),
            RecoveryPoints = Read(nameof(PointsRules.RecoveryPoints), d.RecoveryPoints),
            GivingPoints = Read(nameof(PointsRules.GivingPoints), d.GivingPoints),
            GivingsCountedPerDay = Read(nameof(PointsRules.GivingsCountedPerDay), d.GivingsCountedPerDay),
        };
    }

    /// <summary>Saves the rules and the audit entry that records who changed them, in one unit of work.</summary>
    public async Task SavePointsRulesAsync(int actorId, IReadOnlyDictionary<string, int> values, CancellationToken cancellationToken)
    {
        var keys = values.Keys.Select(k => Prefix + k).ToList();
        var existing = await db.Settings.Where(s => keys.Contains(s.Key)).ToDictionaryAsync(s => s.Key, cancellationToken);
        foreach (var (key, value) in values)
        {
            var text = value.ToString(CultureInfo.InvariantCulture);
            if (existing.TryGetValue(Prefix + key, out var setting))
            {
                setting.Value = text;
            }
            else
            {
                db.Settings.Add(new Setting { Key = Prefix + key, Value = text });
            }
        }

        audit.Record(actorId, "settings.points", "Settings", null, string.Join(", ", values.Select(p => $"{p.Key}={p.Value}")));
        await db.SaveChangesAsync(cancellationToken);
        rules = null;
    }
}
