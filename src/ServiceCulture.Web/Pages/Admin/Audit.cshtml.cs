using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Web.Pages.Admin;

public sealed class AuditModel(AppDbContext db) : PageModel
{
    private const int PageSize = 50;

    public List<Row> Entries { get; private set; } = [];
    public long? NextBefore { get; private set; }

    public async Task OnGetAsync(long? before, CancellationToken cancellationToken)
    {
        var query = db.AuditEntries.AsNoTracking();
        if (before is { } id)
        {
            query = query.Where(e => e.Id < id);
        }

        Entries = await query
            .OrderByDescending(e => e.Id)
            .Take(PageSize + 1)
            .Select(e => new Row(e.Id, e.At, db.Users.Where(u => u.Id == e.ActorId).Select(u => u.DisplayName).FirstOrDefault(), e.Action, e.Subject, e.SubjectId, e.Detail))
            .ToListAsync(cancellationToken);
        if (Entries.Count > PageSize)
        {
            Entries.RemoveAt(PageSize);
            NextBefore = Entries[^1].Id;
        }
    }

    public sealed record Row(long Id, DateTime At, string? Actor, string Action, string Subject, string? SubjectId, string? Detail);
}
