using Hangfire;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People.Import;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin.People.Import;

/// <summary>The preview of an import, the button that applies it, and its progress while the job runs.</summary>
public sealed class DetailsModel(AppDbContext db, PeopleImporter importer, IBackgroundJobClient jobs) : PageModel
{
    private const int ListedRows = 200;

    public Summary Import { get; private set; } = null!;
    public IReadOnlyList<RowView> Errors { get; private set; } = [];
    public IReadOnlyList<RowView> Changes { get; private set; } = [];
    public IReadOnlyDictionary<RowChange, int> Counts { get; private set; } = new Dictionary<RowChange, int>();
    public string? Refusal { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnGetProgressAsync(long id, CancellationToken cancellationToken)
    {
        var summary = await SummaryAsync(id, cancellationToken);
        return summary is null ? NotFound() : Partial("_ImportProgress", summary);
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var outcome = await importer.QueueAsync(User.EmployeeId(), id, cancellationToken);
        if (!outcome.Succeeded)
        {
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Refusal = string.Join(" ", outcome.Refusals.Select(r => r.Message));
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        jobs.Enqueue<PeopleImportJob>(job => job.RunAsync(id, CancellationToken.None));
        return RedirectToPage(new { id });
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var summary = await SummaryAsync(id, cancellationToken);
        if (summary is null)
        {
            return false;
        }

        Import = summary;
        var rows = db.PeopleImportRows.AsNoTracking().Where(r => r.ImportId == id);
        Counts = (await rows.GroupBy(r => r.Change).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(cancellationToken)).ToDictionary(g => g.Key, g => g.Count);
        Errors = await rows.Where(r => r.Change == RowChange.Invalid).OrderBy(r => r.Line).Take(ListedRows)
            .Select(r => new RowView(r.Line, r.Name, r.Email, r.Team, r.ManagerEmail, r.Role, r.Change, r.Errors)).ToListAsync(cancellationToken);
        Changes = await rows.Where(r => r.Change == RowChange.New || r.Change == RowChange.Updated || r.Change == RowChange.Deactivated).OrderBy(r => r.Change).ThenBy(r => r.Line).Take(ListedRows)
            .Select(r => new RowView(r.Line, r.Name, r.Email, r.Team, r.ManagerEmail, r.Role, r.Change, r.Errors)).ToListAsync(cancellationToken);
        return true;
    }

    private Task<Summary?> SummaryAsync(long id, CancellationToken cancellationToken) =>
        db.PeopleImports.AsNoTracking().Where(i => i.Id == id)
            .Select(i => new Summary(i.Id, i.FileName, i.CreatedAt, i.Status, i.TotalRows, i.ErrorRows, i.AppliedRows,
                i.Rows.Count(r => r.Change != RowChange.Invalid), i.DeactivateMissing, i.SendInvitations, i.Failure))
            .SingleOrDefaultAsync(cancellationToken);

    public sealed record Summary(long Id, string FileName, DateTime CreatedAt, ImportStatus Status, int TotalRows, int ErrorRows, int AppliedRows, int RowsToApply, bool DeactivateMissing, bool SendInvitations, string? Failure)
    {
        public int Percent => RowsToApply == 0 ? 100 : Math.Min(100, AppliedRows * 100 / RowsToApply);
    }

    public sealed record RowView(int Line, string Name, string Email, string? Team, string? ManagerEmail, string Role, RowChange Change, string? Errors);
}
