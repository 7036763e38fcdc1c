using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Reporting;

/// <summary>One team and month of customer figures, as entered or read from a CSV row.</summary>
public sealed record OutcomeRow(int Line, int TeamId, string TeamName, DateOnly Month, double? Csat, int? Nps, double? Retention, int? Referrals, int? Complaints);

/// <summary>What a CSV upload would record: its rows, and the problems per line (any problem means nothing is saved).</summary>
public sealed record OutcomePreview(IReadOnlyList<OutcomeRow> Rows, IReadOnlyList<string> Problems)
{
    public bool CanSave => Problems.Count == 0 && Rows.Count > 0;
}

/// <summary>
/// Records the customers' own figures per team and month, one row at a time or from a CSV file with
/// the columns <c>team,month,csat,nps,retention,referrals,complaints</c>. Saving the same file twice
/// records the same figures once.
/// </summary>
public sealed class OutcomeImport(AppDbContext db, TimeProvider clock)
{
    public static readonly string[] Columns = ["team", "month", "csat", "nps", "retention", "referrals", "complaints"];
    public const int MaxRows = 5000;

    public async Task<OutcomePreview> PreviewAsync(string text, CancellationToken cancellationToken)
    {
        var problems = new List<string>();
        var rows = new List<OutcomeRow>();
        var lines = Csv.Read(text.TrimStart('\uFEFF'));
        if (lines.Count == 0)
        {
            return new([], ["The file is empty. The first line names the columns: " + string.Join(',', Columns) + "."]);
        }

        var header = lines[0].Select(h => h.Trim().ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(Columns))
        {
            return new([], [$"The columns must be exactly {string.Join(',', Columns)} (found {string.Join(',', header)})."]);
        }

        if (lines.Count - 1 > MaxRows)
        {
            return new([], [$"Upload at most {MaxRows} rows at a time."]);
        }

        var teams = await db.Teams.AsNoTracking().Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken);
        var byName = teams.ToDictionary(t => t.Name, t => t.Id, StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<(int, DateOnly), int>();
        for (var i = 1; i < lines.Count; i++)
        {
            var line = i + 1;
            var cells = lines[i];
            if (cells.Length != Columns.Length)
            {
                problems.Add($"Line {line}: expected {Columns.Length} values, found {cells.Length}.");
                continue;
            }

            var before = problems.Count;
            var name = cells[0].Trim();
            if (!byName.TryGetValue(name, out var teamId))
            {
                problems.Add($"Line {line}: there is no team called “{name}”.");
            }

            if (!DateOnly.TryParseExact(cells[1].Trim(), "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out var month))
            {
                problems.Add($"Line {line}: “{cells[1]}” is not a month; use the form 2026-10.");
            }

            var row = new OutcomeRow(line, teamId, name, month,
                Decimal(cells[2], "CSAT", 0, 100, line, problems), Whole(cells[3], "NPS", -100, 100, line, problems),
                Decimal(cells[4], "retention", 0, 100, line, problems), Whole(cells[5], "referrals", 0, 1_000_000, line, problems),
                Whole(cells[6], "complaints", 0, 1_000_000, line, problems));
            if (problems.Count == before)
            {
                problems.AddRange(Check(row).Select(p => $"Line {line}: {p}"));
            }

            if (problems.Count == before)
            {
                if (seen.TryGetValue((teamId, month), out var first))
                {
                    problems.Add($"Line {line}: {name} {month:yyyy-MM} is already on line {first}.");
                    continue;
                }

                seen[(teamId, month)] = line;
                rows.Add(row);
            }
        }

        return new(rows, problems);
    }

    /// <summary>Problems with a row's values that are not about their format.</summary>
    public IReadOnlyList<string> Check(OutcomeRow row)
    {
        var problems = new List<string>();
        if (row.Csat is null && row.Nps is null && row.Retention is null && row.Referrals is null && row.Complaints is null)
        {
            problems.Add("enter at least one figure.");
        }

        var latest = ReportRange.MonthOf(clock.GetUtcNow().UtcDateTime);
        if (row.Month < ReportRange.Earliest || row.Month > latest)
        {
            problems.Add($"choose a month between {ReportRange.Earliest:yyyy-MM} and {latest:yyyy-MM}.");
        }

        return problems;
    }

    /// <summary>Records the rows, replacing what was recorded for the same team and month, in one transaction.</summary>
    public async Task<int> SaveAsync(IReadOnlyList<OutcomeRow> rows, int recordedById, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var teamIds = rows.Select(r => r.TeamId).Distinct().ToList();
        var months = rows.Select(r => r.Month).Distinct().ToList();
        var existing = await db.OutcomeMeasures.Where(o => teamIds.Contains(o.TeamId) && months.Contains(o.Month)).ToListAsync(cancellationToken);
        foreach (var row in rows)
        {
            var measure = existing.FirstOrDefault(o => o.TeamId == row.TeamId && o.Month == row.Month);
            if (measure is null)
            {
                measure = new OutcomeMeasure { TeamId = row.TeamId, Month = row.Month };
                db.OutcomeMeasures.Add(measure);
                existing.Add(measure);
            }

            (measure.Csat, measure.Nps, measure.Retention, measure.Referrals, measure.Complaints) = (row.Csat, row.Nps, row.Retention, row.Referrals, row.Complaints);
            measure.RecordedById = recordedById;
            measure.RecordedAt = now;
        }

        await db.SaveChangesAsync(cancellationToken);
        return rows.Count;
    }

    private static double? Decimal(string cell, string name, double min, double max, int line, List<string> problems)
    {
        var text = cell.Trim().TrimEnd('%').Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value) || value < min || value > max)
        {
            problems.Add($"Line {line}: {name} “{cell}” must be a number from {min} to {max}.");
            return null;
        }

        return Math.Round(value, 1);
    }

    private static int? Whole(string cell, string name, int min, int max, int line, List<string> problems)
    {
        var text = cell.Trim();
        if (text.Length == 0)
        {
            return null;
        }

        if (!int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) || value < min || value > max)
        {
            problems.Add($"Line {line}: {name} “{cell}” must be a whole number from {min} to {max}.");
            return null;
        }

        return value;
    }
}
