using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.People;
using ServiceCulture.Data;
using ServiceCulture.Moments;

namespace ServiceCulture.Reviews;

/// <summary>What kind of thing a piece of evidence is.</summary>
public enum EvidenceKind
{
    Moment = 1,
    Recovery = 2,
    RecognitionReceived = 3,
    RecognitionGiven = 4,
}

/// <summary>One moment, recovery or recognition from the period, as the viewer may see it.</summary>
public sealed record EvidenceItem(EvidenceKind Kind, long Id, string Title, string Text, DateOnly On, ServiceElements Elements, TimeSpan? TimeToRecovery, string? Other);

/// <summary>Counts of evidence for one element.</summary>
public sealed record ElementEvidence(ServiceElements Element, int Moments, int Recoveries, int Received, int Given)
{
    public int Total => Moments + Recoveries + Received + Given;
}

/// <summary>Counts of evidence in one week (Monday to Sunday) of the period.</summary>
public sealed record EvidenceWeek(DateOnly Monday, int Moments, int Recoveries, int Received, int Given)
{
    public int Total => Moments + Recoveries + Received + Given;
}

/// <summary>The evidence panel of a review: items, counts per element and a week-by-week timeline.</summary>
public sealed record Evidence(IReadOnlyList<EvidenceItem> Items, IReadOnlyList<ElementEvidence> ByElement, IReadOnlyList<EvidenceWeek> Weeks)
{
    public int Count(EvidenceKind kind) => Items.Count(i => i.Kind == kind);
}

/// <summary>One manager's ratings for one element in a cycle, beside the evidence behind them.</summary>
public sealed record CalibrationCell(ServiceElements Element, IReadOnlyList<int> Distribution, double? Mean, double? OthersMean, bool Outlier, double EvidencePerPerson);

/// <summary>One manager's row in the calibration of a cycle.</summary>
public sealed record CalibrationRow(int ManagerId, string Manager, int Reviews, int Rated, IReadOnlyList<CalibrationCell> Elements);

/// <summary>One rating by a manager, with the person it is about.</summary>
public sealed record CalibrationRating(int ManagerId, string Manager, int EmployeeId, ServiceElements Element, int Rating);

/// <summary>
/// Reads the evidence of a review's period (through the moment visibility rule, so nobody sees what
/// they may not), calibration across managers, and the cycle export.
/// </summary>
public sealed class ReviewEvidence(AppDbContext db)
{
    /// <summary>How far (in rating points) a manager's mean may sit from the other managers' before it is highlighted.</summary>
    public const double OutlierGap = 1.0;

    public const int ItemsPerKind = 200;

    public async Task<Evidence> ForAsync(ReviewCycle cycle, int employeeId, Actor viewer, CancellationToken cancellationToken)
    {
        var (from, to) = Instants(cycle);
        var visible = db.Moments.AsNoTracking().Where(MomentVisibility.VisibleTo(viewer))
            .Where(m => m.OccurredOn >= cycle.PeriodStart && m.OccurredOn <= cycle.PeriodEnd);
        var moments = await visible.Where(m => m.AuthorId == employeeId && m.Kind != MomentKind.Recovery)
            .OrderBy(m => m.OccurredOn).Take(ItemsPerKind)
            .Select(m => new EvidenceItem(EvidenceKind.Moment, m.Id, m.Title, m.Story, m.OccurredOn, m.Elements, null, m.Kind.ToString()))
            .ToListAsync(cancellationToken);
        var recoveries = await visible.Where(m => m.Kind == MomentKind.Recovery && (m.RecoveredById == employeeId || (m.RecoveredById == null && m.AuthorId == employeeId)))
            .OrderBy(m => m.OccurredOn).Take(ItemsPerKind)
            .Select(m => new { m.Id, m.Title, m.Story, m.OccurredOn, m.Elements, m.CreatedAt, MiseryAt = m.RecoversMoment == null ? (DateTime?)null : m.RecoversMoment.CreatedAt })
            .ToListAsync(cancellationToken);
        var recognitions = db.Recognitions.AsNoTracking().Where(g => g.DeletedAt == null && g.CreatedAt >= from && g.CreatedAt < to);
        // From the person's received rows (their own index, by time) to each recognition by key,
        // rather than every recognition of the period asked whether the person is among its recipients.
        var received = await db.RecognitionRecipients.AsNoTracking().Where(r => r.RecipientId == employeeId && r.CreatedAt >= from && r.CreatedAt < to)
            .Join(recognitions, r => r.RecognitionId, g => g.Id, (_, g) => g)
            .OrderBy(g => g.CreatedAt).Take(ItemsPerKind)
            .Select(g => new { g.Id, g.Message, g.CreatedAt, g.Elements, Other = g.Giver!.DisplayName })
            .ToListAsync(cancellationToken);
        var givenRows = await recognitions.Where(g => g.GiverId == employeeId)
            .OrderBy(g => g.CreatedAt).Take(ItemsPerKind)
            .Select(g => new { g.Id, g.Message, g.CreatedAt, g.Elements })
            .ToListAsync(cancellationToken);
        // The recipients' names by key, in a query of their own: as a collection in the projection,
        // SQLite joined every recipient of every recognition to each one given (13.7 s at 2.5 million).
        var givenIds = givenRows.Select(g => g.Id).ToList();
        var recipientNames = (await db.RecognitionRecipients.AsNoTracking().Where(r => givenIds.Contains(r.RecognitionId))
                .OrderBy(r => r.RecognitionId).ThenBy(r => r.RecipientId)
                .Select(r => new { r.RecognitionId, r.Recipient!.DisplayName })
                .ToListAsync(cancellationToken))
            .ToLookup(r => r.RecognitionId, r => r.DisplayName);
        var given = givenRows.Select(g => new { g.Id, g.Message, g.CreatedAt, g.Elements, Names = recipientNames[g.Id].ToList() }).ToList();

        var items = new List<EvidenceItem>(moments);
        items.AddRange(recoveries.Select(r => new EvidenceItem(EvidenceKind.Recovery, r.Id, r.Title, r.Story, r.OccurredOn, r.Elements, r.MiseryAt is { } at ? r.CreatedAt - at : null, null)));
        items.AddRange(received.Select(g => new EvidenceItem(EvidenceKind.RecognitionReceived, g.Id, "Recognised by " + g.Other, g.Message, DateOnly.FromDateTime(g.CreatedAt), g.Elements, null, g.Other)));
        items.AddRange(given.Select(g => new EvidenceItem(EvidenceKind.RecognitionGiven, g.Id, "Recognised " + string.Join(", ", g.Names), g.Message, DateOnly.FromDateTime(g.CreatedAt), g.Elements, null, string.Join(", ", g.Names))));
        items.Sort((a, b) => a.On.CompareTo(b.On));

        var byElement = ServiceElementCatalog.All.Select(e => new ElementEvidence(e.Element,
            items.Count(i => i.Kind == EvidenceKind.Moment && i.Elements.HasFlag(e.Element)),
            items.Count(i => i.Kind == EvidenceKind.Recovery && i.Elements.HasFlag(e.Element)),
            items.Count(i => i.Kind == EvidenceKind.RecognitionReceived && i.Elements.HasFlag(e.Element)),
            items.Count(i => i.Kind == EvidenceKind.RecognitionGiven && i.Elements.HasFlag(e.Element)))).ToList();

        var weeks = new List<EvidenceWeek>();
        for (var monday = MondayOf(cycle.PeriodStart); monday <= cycle.PeriodEnd; monday = monday.AddDays(7))
        {
            var start = monday;
            var week = items.Where(i => i.On >= start && i.On < start.AddDays(7)).ToList();
            weeks.Add(new EvidenceWeek(monday, week.Count(i => i.Kind == EvidenceKind.Moment), week.Count(i => i.Kind == EvidenceKind.Recovery),
                week.Count(i => i.Kind == EvidenceKind.RecognitionReceived), week.Count(i => i.Kind == EvidenceKind.RecognitionGiven)));
        }

        return new Evidence(items, byElement, weeks);
    }

    /// <summary>Managers whose ratings a person may calibrate: all for admins, those who report to them otherwise.</summary>
    public IQueryable<Review> CalibratedBy(int cycleId, Actor viewer) =>
        db.Reviews.AsNoTracking().Where(r => r.CycleId == cycleId && (viewer.IsAdmin || r.Manager!.ManagerId == viewer.Id));

    public async Task<IReadOnlyList<CalibrationRow>> CalibrationAsync(ReviewCycle cycle, Actor viewer, CancellationToken cancellationToken)
    {
        var reviews = CalibratedBy(cycle.Id, viewer);
        var people = await reviews.Select(r => new { r.ManagerId, Manager = r.Manager!.DisplayName, r.EmployeeId }).ToListAsync(cancellationToken);
        var ratings = await db.ReviewRatings.AsNoTracking()
            .Where(x => x.Source == RatingSource.Manager && reviews.Any(r => r.Id == x.ReviewId))
            .Join(db.Reviews, x => x.ReviewId, r => r.Id, (x, r) => new CalibrationRating(r.ManagerId, r.Manager!.DisplayName, r.EmployeeId, x.Element, x.Rating))
            .ToListAsync(cancellationToken);
        var employees = people.Select(p => p.EmployeeId).Distinct().ToList();
        var evidence = await EvidenceCountsAsync(cycle, employees, viewer, cancellationToken);
        var managers = people.GroupBy(p => (p.ManagerId, p.Manager)).Select(g => (g.Key.ManagerId, g.Key.Manager, g.Select(p => p.EmployeeId).ToList())).ToList();
        return Calibrate(managers, ratings, evidence);
    }

    /// <summary>The calibration arithmetic: distribution, mean, the other managers' mean, outliers, evidence per person.</summary>
    public static IReadOnlyList<CalibrationRow> Calibrate(
        IReadOnlyList<(int ManagerId, string Manager, List<int> People)> managers,
        IReadOnlyList<CalibrationRating> ratings,
        IReadOnlyDictionary<(int EmployeeId, ServiceElements Element), int> evidence)
    {
        var rows = new List<CalibrationRow>();
        foreach (var (managerId, name, people) in managers.OrderBy(m => m.Manager, StringComparer.Ordinal))
        {
            var cells = new List<CalibrationCell>();
            foreach (var element in ServiceElementCatalog.All.Select(e => e.Element))
            {
                var mine = ratings.Where(r => r.ManagerId == managerId && r.Element == element).Select(r => r.Rating).ToList();
                var others = ratings.Where(r => r.ManagerId != managerId && r.Element == element).Select(r => r.Rating).ToList();
                double? mean = mine.Count > 0 ? mine.Average() : null;
                double? othersMean = others.Count > 0 ? others.Average() : null;
                var outlier = mean is { } m && othersMean is { } o && Math.Abs(m - o) >= OutlierGap;
                var distribution = Enumerable.Range(1, 5).Select(v => mine.Count(r => r == v)).ToList();
                var perPerson = people.Count == 0 ? 0 : people.Sum(p => evidence.GetValueOrDefault((p, element))) / (double)people.Count;
                cells.Add(new CalibrationCell(element, distribution, mean, othersMean, outlier, perPerson));
            }

            var rated = ratings.Where(r => r.ManagerId == managerId).Select(r => r.EmployeeId).Distinct().Count();
            rows.Add(new CalibrationRow(managerId, name, people.Count, rated, cells));
        }

        return rows;
    }

    private async Task<Dictionary<(int, ServiceElements), int>> EvidenceCountsAsync(ReviewCycle cycle, List<int> employees, Actor viewer, CancellationToken cancellationToken)
    {
        var (from, to) = Instants(cycle);
        var moments = await db.Moments.AsNoTracking().Where(MomentVisibility.VisibleTo(viewer))
            .Where(m => employees.Contains(m.AuthorId) && m.OccurredOn >= cycle.PeriodStart && m.OccurredOn <= cycle.PeriodEnd)
            .Select(m => new { Person = m.AuthorId, m.Elements }).ToListAsync(cancellationToken);
        var received = await db.RecognitionRecipients.AsNoTracking()
            .Where(r => employees.Contains(r.RecipientId))
            .Join(db.Recognitions.Where(g => g.DeletedAt == null && g.CreatedAt >= from && g.CreatedAt < to), r => r.RecognitionId, g => g.Id, (r, g) => new { Person = r.RecipientId, g.Elements })
            .ToListAsync(cancellationToken);
        var counts = new Dictionary<(int, ServiceElements), int>();
        foreach (var row in moments.Concat(received))
        {
            foreach (var element in ServiceElementCatalog.In(row.Elements))
            {
                counts[(row.Person, element.Element)] = counts.GetValueOrDefault((row.Person, element.Element)) + 1;
            }
        }

        return counts;
    }

    private static (DateTime From, DateTime To) Instants(ReviewCycle cycle) =>
        (cycle.PeriodStart.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc), cycle.PeriodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc));

    private static DateOnly MondayOf(DateOnly day) => day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
}

/// <summary>A cycle as CSV, for spreadsheets; cells that a spreadsheet would run as a formula are neutralised.</summary>
public static class ReviewExport
{
    public sealed record Row(string Employee, string? Team, string Manager, ReviewState State, IReadOnlyDictionary<(RatingSource, ServiceElements), int> Ratings,
        ServiceElements? Focus, string? Summary, DateTime? SharedAt, DateTime? AcknowledgedAt, int FeedbackAnswered);

    public static string Csv(IEnumerable<Row> rows)
    {
        var header = new List<string> { "Employee", "Team", "Manager", "State" };
        header.AddRange(ServiceElementCatalog.All.Select(e => "Self: " + e.Name));
        header.AddRange(ServiceElementCatalog.All.Select(e => "Manager: " + e.Name));
        header.AddRange(["Focus element", "Summary", "Shared at (UTC)", "Acknowledged at (UTC)", "Feedback answers"]);
        return Reporting.Csv.Write(header, rows.Select(Cells));
    }

    private static List<string?> Cells(Row row)
    {
        var cells = new List<string?> { row.Employee, row.Team, row.Manager, row.State.ToString() };
        foreach (var source in new[] { RatingSource.Self, RatingSource.Manager })
        {
            cells.AddRange(ServiceElementCatalog.All.Select(e => row.Ratings.TryGetValue((source, e.Element), out var r) ? r.ToString(CultureInfo.InvariantCulture) : ""));
        }

        cells.Add(row.Focus is { } f ? ServiceElementCatalog.Info(f).Name : "");
        cells.Add(row.Summary);
        cells.Add(row.SharedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        cells.Add(row.AcknowledgedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture));
        cells.Add(row.FeedbackAnswered.ToString(CultureInfo.InvariantCulture));
        return cells;
    }
}
