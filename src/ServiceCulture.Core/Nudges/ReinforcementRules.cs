using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Settings;

namespace ServiceCulture.Nudges;

/// <summary>When nudges and digests go out and what counts as a gap; admins change them at the settings page.</summary>
public sealed record ReinforcementRules
{
    public int NudgeHour { get; init; } = 9;
    public int NudgesPerWeek { get; init; } = 2;
    public int QuietDays { get; init; } = 14;
    public int UnrecognisedDays { get; init; } = 21;
    public int MiseryOpenHours { get; init; } = 48;
    public int DigestHour { get; init; } = 8;

    public static readonly ReinforcementRules Defaults = new();

    public static IReadOnlyList<(string Key, string Label, string Hint, int Min, int Max)> Fields =>
    [
        (nameof(NudgeHour), "Nudge hour", "Local hour (0–23) from which nudges go out on working days, Monday to Friday, in each person's time zone.", 0, 23),
        (nameof(NudgesPerWeek), "Nudges per person per week", "The most nudges one person gets in a week; 0 turns nudges off.", 0, 10),
        (nameof(QuietDays), "Days without a moment before a nudge", "Someone who logged no moment for this many days is invited to log one.", 1, 90),
        (nameof(UnrecognisedDays), "Days without recognition before the manager hears", "A teammate nobody recognised for this many days is named to their manager.", 1, 180),
        (nameof(MiseryOpenHours), "Hours a misery may stay open", "After this, its author and their manager are nudged to own it and fix it.", 1, 720),
        (nameof(DigestHour), "Weekly digest hour (Monday)", "Local hour (0–23) on Monday from which the weekly digest goes out.", 0, 23),
    ];

    public int Get(string key) => key switch
    {
        nameof(NudgeHour) => NudgeHour,
        nameof(NudgesPerWeek) => NudgesPerWeek,
        nameof(QuietDays) => QuietDays,
        nameof(UnrecognisedDays) => UnrecognisedDays,
        nameof(MiseryOpenHours) => MiseryOpenHours,
        nameof(DigestHour) => DigestHour,
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "Unknown reinforcement rule."),
    };

    internal static ReinforcementRules From(IReadOnlyDictionary<string, string> stored)
    {
        int Read(string key, int fallback) => stored.TryGetValue(key, out var v) && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : fallback;
        var d = Defaults;
        return new ReinforcementRules
        {
            NudgeHour = Read(nameof(NudgeHour), d.NudgeHour),
            NudgesPerWeek = Read(nameof(NudgesPerWeek), d.NudgesPerWeek),
            QuietDays = Read(nameof(QuietDays), d.QuietDays),
            UnrecognisedDays = Read(nameof(UnrecognisedDays), d.UnrecognisedDays),
            MiseryOpenHours = Read(nameof(MiseryOpenHours), d.MiseryOpenHours),
            DigestHour = Read(nameof(DigestHour), d.DigestHour),
        };
    }
}

/// <summary>Reads and writes <see cref="ReinforcementRules"/> in the settings table.</summary>
public sealed class ReinforcementSettings(AppDbContext db)
{
    private const string Prefix = "Reinforcement.";

    public async Task<ReinforcementRules> ReadAsync(CancellationToken cancellationToken) =>
        ReinforcementRules.From(await db.Settings.AsNoTracking().Where(s => s.Key.StartsWith(Prefix))
            .ToDictionaryAsync(s => s.Key[Prefix.Length..], s => s.Value, cancellationToken));

    /// <summary>Stages the values on the context; the caller saves them together with the rest of the settings and their audit entry.</summary>
    public async Task StageAsync(IReadOnlyDictionary<string, int> values, CancellationToken cancellationToken)
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
    }
}
