using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.Web.Pages.Admin.Outbox;

/// <summary>The mail outbox: what waits, what went, what gave up and why; newest first, paged by key.</summary>
public sealed class IndexModel(AppDbContext db, OutboxDispatcher dispatcher) : PageModel
{
    private const int PageSize = 50;

    public static readonly IReadOnlyList<(OutboxStatus Status, string Label)> Tabs =
    [
        (OutboxStatus.Pending, "Pending"),
        (OutboxStatus.Sent, "Sent"),
        (OutboxStatus.DeadLettered, "Dead-lettered"),
        (OutboxStatus.Skipped, "Skipped"),
    ];

    public OutboxStatus Status { get; private set; }
    public List<Row> Rows { get; private set; } = [];
    public long? NextBefore { get; private set; }
    public Dictionary<OutboxStatus, int> Counts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(OutboxStatus status = OutboxStatus.Pending, long? before = null, CancellationToken cancellationToken = default)
    {
        if (!Enum.IsDefined(status))
        {
            return BadRequest();
        }

        Status = status;
        // Rows being sent right now are listed with the pending ones.
        var query = db.OutboxMessages.AsNoTracking().Where(m => status == OutboxStatus.Pending
            ? m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Sending
            : m.Status == status);
        if (before is { } id)
        {
            query = query.Where(m => m.Id < id);
        }

        Rows = await query.OrderByDescending(m => m.Id).Take(PageSize + 1)
            .Select(m => new Row(m.Id, m.Kind, m.Subject, db.Users.Where(u => u.Id == m.RecipientId).Select(u => u.DisplayName).FirstOrDefault() ?? "", m.Status,
                m.Attempts, m.CreatedAt, m.DueAt, m.SentAt, m.LastError))
            .ToListAsync(cancellationToken);
        if (Rows.Count > PageSize)
        {
            Rows.RemoveAt(PageSize);
            NextBefore = Rows[^1].Id;
        }

        Counts = await db.OutboxMessages.AsNoTracking().GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        if (Counts.Remove(OutboxStatus.Sending, out var sending))
        {
            Counts[OutboxStatus.Pending] = Counts.GetValueOrDefault(OutboxStatus.Pending) + sending;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRetryAsync(long id, CancellationToken cancellationToken)
    {
        if (!await dispatcher.RetryAsync(id, cancellationToken))
        {
            return NotFound();
        }

        TempData["Message"] = "The email is back in the queue and goes out with the next dispatch.";
        return RedirectToPage(new { status = OutboxStatus.Pending });
    }

    public sealed record Row(long Id, EmailKind Kind, string Subject, string Recipient, OutboxStatus Status, int Attempts, DateTime CreatedAt, DateTime DueAt, DateTime? SentAt, string? LastError);
}
