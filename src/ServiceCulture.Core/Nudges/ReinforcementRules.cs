using System.Globalization;
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

    /// <summary>The days nudges go out, in each person's time zone; Monday to Friday unless admins choose otherwise.</summary>
    public IReadOnlySet<DayOfWeek> WorkingDays { get; init; } = WeekDays;

    public static readonly IReadOnlySet<DayOfWeek> WeekDays = new HashSet<DayOfWeek> { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday };

    /// <summary>The days of the week in the order the settings page shows them, Monday first.</summary>
    public static readonly IReadOnlyList<DayOfWeek> Week = [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    public static readonly ReinforcementRules Defaults = new();

    /// <summary>Working days as stored: their English names, Monday first, comma-separated.</summary>
    public static string DaysText(IEnumerable<DayOfWeek> days) =>
        string.Join(",", Week.Where(days.Contains));

    public static HashSet<DayOfWeek>? ParseDays(string? text)
    {
        var days = new HashSet<DayOfWeek>();
        foreach (var part in (text ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (!Enum.TryParse<DayOfWeek>(part, ignoreCase: true, out var day) || !Enum.IsDefined(day) || int.TryParse(part, out _))
            {
                return null;
            }

            days.Add(day);
        }

        return days.Count == 0 ? null : days;
    }

    public static IReadOnlyList<(string Key, string Label, string Hint, int Min, int Max)> Fields =>
    [
        (nameof(NudgeHour), "Nudge hour", "Local hour (0–23) from which nudges go out on the working days below, in each person's time zone.", 0, 23),
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
            WorkingDays = ParseDays(stored.GetValueOrDefault(nameof(WorkingDays))) ?? d.WorkingDays,
        };
    }
}

/// <summary>Reads and writes <see cref="ReinforcementRules"/> in the settings table.</summary>
public sealed class ReinforcementSettings(AppDbContext db)
{
    private const string Prefix = "Reinforcement.";

    public async Task<ReinforcementRules> ReadAsync(CancellationToken cancellationToken) =>
        ReinforcementRules.From(await SettingsStore.ReadAsync(db, Prefix, cancellationToken));

    /// <summary>The values to save with the rest of the settings and their audit entry, through the one upsert of <see cref="SettingsStore"/>.</summary>
    public static SettingGroup Group(IReadOnlyDictionary<string, int> values, IReadOnlySet<DayOfWeek> workingDays)
    {
        var texts = SettingsStore.Texts(values);
        texts[nameof(ReinforcementRules.WorkingDays)] = ReinforcementRules.DaysText(workingDays);
        var defaults = SettingsStore.Texts(ReinforcementRules.Fields.ToDictionary(f => f.Key, f => ReinforcementRules.Defaults.Get(f.Key)));
        defaults[nameof(ReinforcementRules.WorkingDays)] = ReinforcementRules.DaysText(ReinforcementRules.WeekDays);
        return new SettingGroup(Prefix, texts, defaults);
    }
}
