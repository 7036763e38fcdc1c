using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Auditing;
using ServiceCulture.Data;
using ServiceCulture.Recognitions;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin;

/// <summary>Pairs who trade recognition back and forth, for an admin to look at (never blocked automatically).</summary>
public sealed class FlagsModel(AppDbContext db, AuditLog audit, TimeProvider clock) : PageModel
{
    public IReadOnlyList<Row> Open { get; private set; } = [];
    public IReadOnlyList<Row> Reviewed { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var rows = await db.PairFlags.AsNoTracking()
            .OrderByDescending(f => f.FlaggedAt)
            .Take(100)
            .Select(f => new Row(
                f.Id,
                f.FirstId,
                db.Users.Where(u => u.Id == f.FirstId).Select(u => u.DisplayName).First(),
                f.SecondId,
                db.Users.Where(u => u.Id == f.SecondId).Select(u => u.DisplayName).First(),
                f.FirstToSecond,
                f.SecondToFirst,
                f.FlaggedAt,
                f.ReviewedAt,
                f.Note))
            .ToListAsync(cancellationToken);
        Open = rows.Where(r => r.ReviewedAt is null).ToList();
        Reviewed = rows.Where(r => r.ReviewedAt is not null).ToList();
    }

    public async Task<IActionResult> OnPostReviewAsync(long id, string? note, CancellationToken cancellationToken)
    {
        var flag = await db.PairFlags.SingleOrDefaultAsync(f => f.Id == id && f.ReviewedAt == null, cancellationToken);
        if (flag is null)
        {
            return NotFound();
        }

        flag.ReviewedAt = clock.GetUtcNow().UtcDateTime;
        flag.ReviewedById = User.EmployeeId();
        flag.Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim()[..Math.Min(note.Trim().Length, PairFlag.NoteMaxLength)];
        audit.Record(User.EmployeeId(), "pair-flag.reviewed", nameof(PairFlag), id, flag.Note);
        await db.SaveChangesAsync(cancellationToken);
        TempData["Flash"] = "Marked as reviewed.";
        return RedirectToPage();
    }

    public sealed record Row(long Id, int FirstId, string First, int SecondId, string Second, int FirstToSecond, int SecondToFirst, DateTime FlaggedAt, DateTime? ReviewedAt, string? Note);
}
