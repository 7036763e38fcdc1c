using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Gamification;

namespace ServiceCulture.Settings;

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
