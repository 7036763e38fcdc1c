using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Reporting;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin;

/// <summary>Admins record the customers' own figures per team and month, by form or CSV upload with a preview.</summary>
public sealed class OutcomesModel(AppDbContext db, OutcomeImport import) : PageModel
{
    private const int MaxUploadBytes = 1_000_000;

    [BindProperty] public Input Form { get; set; } = new();
    [BindProperty] public string? CsvText { get; set; }

    public IReadOnlyList<TeamChoice> Teams { get; private set; } = [];
    public IReadOnlyList<RecordedRow> Recorded { get; private set; } = [];
    public OutcomePreview? Preview { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostRecordAsync(CancellationToken cancellationToken)
    {
        if (Form.TeamId is not { } teamId || !await db.Teams.AnyAsync(t => t.Id == teamId, cancellationToken))
        {
            ModelState.AddModelError("Form.TeamId", "Choose a team.");
        }

        if (Form.Month is null)
        {
            ModelState.AddModelError("Form.Month", "Choose a month.");
        }

        if (ModelState.IsValid)
        {
            var row = new OutcomeRow(0, Form.TeamId!.Value, "", new DateOnly(Form.Month!.Value.Year, Form.Month.Value.Month, 1), Form.Csat, Form.Nps, Form.Retention, Form.Referrals, Form.Complaints);
            foreach (var problem in import.Check(row))
            {
                ModelState.AddModelError(string.Empty, char.ToUpperInvariant(problem[0]) + problem[1..]);
            }

            if (ModelState.IsValid)
            {
                await import.SaveAsync([row], User.EmployeeId(), cancellationToken);
                TempData["Flash"] = "Figures recorded.";
                return RedirectToPage();
            }
        }

        await LoadAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Reads an uploaded file and shows what it would record; nothing is saved yet.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(IFormFile? upload, CancellationToken cancellationToken)
    {
        if (upload is null || upload.Length == 0)
        {
            ModelState.AddModelError("upload", "Choose a CSV file to upload.");
        }
        else if (upload.Length > MaxUploadBytes)
        {
            ModelState.AddModelError("upload", "The file is larger than 1 MB; split it into smaller files.");
        }
        else
        {
            using var reader = new StreamReader(upload.OpenReadStream());
            CsvText = await reader.ReadToEndAsync(cancellationToken);
            Preview = await import.PreviewAsync(CsvText, cancellationToken);
        }

        await LoadAsync(cancellationToken);
        if (Preview is not { CanSave: true })
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }

        return Page();
    }

    /// <summary>Saves a previewed file; it is checked again, and saving the same file twice changes nothing.</summary>
    public async Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken)
    {
        Preview = await import.PreviewAsync(CsvText ?? "", cancellationToken);
        if (!Preview.CanSave)
        {
            await LoadAsync(cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var saved = await import.SaveAsync(Preview.Rows, User.EmployeeId(), cancellationToken);
        TempData["Flash"] = $"{saved} row{(saved == 1 ? "" : "s")} recorded.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Teams = await db.Teams.AsNoTracking().OrderBy(t => t.Name).Select(t => new TeamChoice(t.Id, t.Name)).ToListAsync(cancellationToken);
        Recorded = await db.OutcomeMeasures.AsNoTracking().OrderByDescending(o => o.Month).ThenBy(o => o.Team!.Name).Take(60)
            .Select(o => new RecordedRow(o.Team!.Name, o.Month, o.Csat, o.Nps, o.Retention, o.Referrals, o.Complaints)).ToListAsync(cancellationToken);
    }

    public sealed record TeamChoice(int Id, string Name);

    public sealed record RecordedRow(string Team, DateOnly Month, double? Csat, int? Nps, double? Retention, int? Referrals, int? Complaints);

    public sealed class Input
    {
        [Display(Name = "Team")] public int? TeamId { get; set; }

        [Display(Name = "Month")] [DataType(DataType.Date)] public DateOnly? Month { get; set; }

        [Display(Name = "CSAT (%)")] [Range(0, 100, ErrorMessage = "CSAT is a percentage from 0 to 100.")] public double? Csat { get; set; }

        [Display(Name = "NPS")] [Range(-100, 100, ErrorMessage = "NPS runs from −100 to 100.")] public int? Nps { get; set; }

        [Display(Name = "Retention (%)")] [Range(0, 100, ErrorMessage = "Retention is a percentage from 0 to 100.")] public double? Retention { get; set; }

        [Display(Name = "Referrals")] [Range(0, 1_000_000, ErrorMessage = "Referrals cannot be negative.")] public int? Referrals { get; set; }

        [Display(Name = "Complaints")] [Range(0, 1_000_000, ErrorMessage = "Complaints cannot be negative.")] public int? Complaints { get; set; }
    }
}
