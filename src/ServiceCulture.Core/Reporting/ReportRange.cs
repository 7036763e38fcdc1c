using System.Globalization;

namespace ServiceCulture.Reporting;

/// <summary>How a report period was chosen.</summary>
public enum PeriodKind
{
    Month = 1,
    Quarter = 2,
    Custom = 3,
}

/// <summary>A report period in whole UTC days: <see cref="Start"/> inclusive, <see cref="End"/> exclusive.</summary>
public sealed record ReportRange(DateOnly Start, DateOnly End, PeriodKind Kind)
{
    public const int MaxYears = 5;
    public static readonly DateOnly Earliest = new(2000, 1, 1);

    public int Days => End.DayNumber - Start.DayNumber;

    public DateTime StartUtc => Start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
    public DateTime EndUtc => End.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);

    /// <summary>Whether the period is exactly one calendar month.</summary>
    public bool IsWholeMonth => Start.Day == 1 && End == Start.AddMonths(1);

    /// <summary>The period of the same length just before this one (the previous month or quarter for those).</summary>
    public ReportRange Previous() => Kind switch
    {
        PeriodKind.Month when IsWholeMonth => new(Start.AddMonths(-1), Start, PeriodKind.Month),
        PeriodKind.Quarter => new(Start.AddMonths(-3), Start, PeriodKind.Quarter),
        _ => new(Start.AddDays(-Days), Start, PeriodKind.Custom),
    };

    public string Label => Kind switch
    {
        PeriodKind.Month => Start.ToString("MMMM yyyy", CultureInfo.InvariantCulture),
        PeriodKind.Quarter => $"Q{((Start.Month - 1) / 3) + 1} {Start.Year}",
        _ => $"{Start.ToString("d MMM yyyy", CultureInfo.InvariantCulture)} – {End.AddDays(-1).ToString("d MMM yyyy", CultureInfo.InvariantCulture)}",
    };

    public static DateOnly MonthOf(DateTime utc) => new(utc.Year, utc.Month, 1);

    public static ReportRange ForMonth(DateOnly month)
    {
        var start = new DateOnly(month.Year, month.Month, 1);
        return new(start, start.AddMonths(1), PeriodKind.Month);
    }

    public static ReportRange ForQuarter(int year, int quarter)
    {
        var start = new DateOnly(year, ((quarter - 1) * 3) + 1, 1);
        return new(start, start.AddMonths(3), PeriodKind.Quarter);
    }

    /// <summary>
    /// Reads a period from what a person (or a forged link) asked for; refuses, with a message, a
    /// period that ends before it starts, is longer than five years, or lies outside the portal's dates.
    /// </summary>
    public static (ReportRange? Range, string? Error) Parse(string? period, string? month, string? quarter, DateOnly? from, DateOnly? to, DateOnly today)
    {
        var latest = new DateOnly(today.Year, today.Month, 1).AddMonths(1);
        switch ((period ?? "month").ToLowerInvariant())
        {
            case "month":
                if (string.IsNullOrEmpty(month))
                {
                    return (ForMonth(today), null);
                }

                if (!DateOnly.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var m))
                {
                    return (null, $"“{month}” is not a month; use the form 2026-10.");
                }

                return Check(ForMonth(m), latest);
            case "quarter":
                if (string.IsNullOrEmpty(quarter))
                {
                    return (ForQuarter(today.Year, ((today.Month - 1) / 3) + 1), null);
                }

                var parts = quarter.Split("-Q", StringSplitOptions.None);
                if (parts.Length != 2
                    || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                    || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var q)
                    || q is < 1 or > 4 || year is < 1 or > 9998)
                {
                    return (null, $"“{quarter}” is not a quarter; use the form 2026-Q3.");
                }

                return Check(ForQuarter(year, q), latest);
            case "custom":
                if (from is null || to is null)
                {
                    return (null, "Choose both the first and the last day of the period.");
                }

                if (to < from)
                {
                    return (null, "The period ends before it starts: choose a last day on or after the first.");
                }

                if (to.Value.DayNumber == DateOnly.MaxValue.DayNumber)
                {
                    return (null, "Choose dates between 2000 and next month.");
                }

                return Check(new ReportRange(from.Value, to.Value.AddDays(1), PeriodKind.Custom), latest);
            default:
                return (null, "Choose a month, a quarter or a custom period.");
        }
    }

    private static (ReportRange?, string?) Check(ReportRange range, DateOnly latest)
    {
        if (range.Start < Earliest || range.End > latest.AddMonths(2))
        {
            return (null, $"Choose dates between {Earliest.Year} and next month.");
        }

        if (range.End > range.Start.AddYears(MaxYears))
        {
            return (null, $"A report covers at most {MaxYears} years; choose a shorter period.");
        }

        return (range, null);
    }
}
