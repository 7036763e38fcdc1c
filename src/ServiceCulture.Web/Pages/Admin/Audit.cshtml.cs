using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Reporting;

namespace ServiceCulture.Web.Pages.Admin;

/// <summary>Admin and review actions, newest first: filtered by person, kind and dates, paged by id, exported as CSV.</summary>
public sealed class AuditModel(AppDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>The most rows one export holds; narrow the filters for more.</summary>
    public const int ExportLimit = 50_000;

    [BindProperty(SupportsGet = true)]
    public Filter Query { get; set; } = new();

    public List<Row> Entries { get; private set; } = [];
    public long? NextBefore { get; private set; }

    public async Task<IActionResult> OnGetAsync(long? before, CancellationToken cancellationToken)
    {
        var query = await FilteredAsync(cancellationToken);
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        if (before is { } id)
        {
            query = query.Where(e => e.Id < id);
        }

        Entries = await Project(query.OrderByDescending(e => e.Id).Take(PageSize + 1)).ToListAsync(cancellationToken);
        if (Entries.Count > PageSize)
        {
            Entries.RemoveAt(PageSize);
            NextBefore = Entries[^1].Id;
        }

        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken cancellationToken)
    {
        var query = await FilteredAsync(cancellationToken);
        if (query is null)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var rows = await Project(query.OrderByDescending(e => e.Id).Take(ExportLimit)).ToListAsync(cancellationToken);
        var csv = Csv.Write(["When (UTC)", "Who", "Action", "Record", "Record id", "Detail", "Before", "After"],
            rows.Select(r => new[] { r.At.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Actor ?? "system", r.Action, r.Subject, r.SubjectId, r.Detail, r.Before, r.After }));
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", "audit.csv");
    }

    /// <summary>The link to the next page or the export with the same filters.</summary>
    public string Link(long? before = null, bool csv = false)
    {
        var parts = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                parts.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        if (csv)
        {
            Add("handler", "Csv");
        }

        Add("Person", Query.Person);
        Add("Kind", Query.Kind);
        Add("From", Query.From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("To", Query.To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        Add("before", before?.ToString(CultureInfo.InvariantCulture));
        return "/Admin/Audit" + (parts.Count == 0 ? "" : "?" + string.Join('&', parts));
    }

    /// <summary>The entries the filters select, or null with a message beside each filter that makes no sense.</summary>
    private async Task<IQueryable<AuditEntry>?> FilteredAsync(CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        foreach (var field in new[] { nameof(Filter.From), nameof(Filter.To) })
        {
            if (ModelState.TryGetValue(field, out var bound) && bound.Errors.Count > 0)
            {
                ModelState.AddModelError($"Query.{field}", "Enter a date like 2026-12-01.");
            }
        }

        if (Query.Person?.Trim() is { Length: > 0 } email)
        {
            var normalized = email.ToUpperInvariant();
            var person = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => (int?)u.Id).FirstOrDefaultAsync(cancellationToken);
            if (person is not { } id)
            {
                ModelState.AddModelError("Query.Person", $"Nobody in the portal has the email {email}.");
            }
            else
            {
                // What they did, and what was done to them.
                var text = id.ToString(CultureInfo.InvariantCulture);
                query = query.Where(e => e.ActorId == id || (e.Subject == nameof(Employee) && e.SubjectId == text));
            }
        }

        if (Query.Kind is { Length: > 0 } kind)
        {
            if (!AuditLog.Kinds.Any(k => k.Prefix == kind))
            {
                ModelState.AddModelError("Query.Kind", "Choose a kind from the list.");
            }
            else
            {
                var prefix = kind + ".";
                query = query.Where(e => e.Action.StartsWith(prefix));
            }
        }

        if (Query.From is { } from && Query.To is { } to && to < from)
        {
            ModelState.AddModelError("Query.To", "The last day comes on or after the first day.");
        }

        if (Query.From is { } start)
        {
            var since = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At >= since);
        }

        if (Query.To is { } end)
        {
            var until = end.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(e => e.At < until);
        }

        return ModelState.IsValid ? query : null;
    }

    private IQueryable<Row> Project(IQueryable<AuditEntry> entries) =>
        entries.Select(e => new Row(e.Id, e.At, db.Users.Where(u => u.Id == e.ActorId).Select(u => u.DisplayName).FirstOrDefault(), e.Action, e.Subject, e.SubjectId, e.Detail, e.Before, e.After));

    public sealed record Filter
    {
        /// <summary>An email: entries the person made, and entries about them.</summary>
        public string? Person { get; init; }

        public string? Kind { get; init; }

        public DateOnly? From { get; init; }

        public DateOnly? To { get; init; }
    }

    public sealed record Row(long Id, DateTime At, string? Actor, string Action, string Subject, string? SubjectId, string? Detail, string? Before, string? After);
}
