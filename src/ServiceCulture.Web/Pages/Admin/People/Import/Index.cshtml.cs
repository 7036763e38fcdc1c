using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People.Import;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Admin.People.Import;

/// <summary>
/// Upload a people file. The size is checked before anything is read, and the antiforgery token
/// after that, so an oversized upload gets a clear 413 page instead of a failed form read.
/// </summary>
[IgnoreAntiforgeryToken]
[RequestSizeLimit(MaxRequestBytes)]
[RequestFormLimits(MultipartBodyLengthLimit = MaxRequestBytes)]
public sealed class IndexModel(AppDbContext db, PeopleImporter importer, IAntiforgery antiforgery) : PageModel
{
    public const long MaxRequestBytes = PeopleCsv.MaxBytes + (64 * 1024);

    public string? FileError { get; private set; }
    public IReadOnlyList<Recent> Imports { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (Request.ContentLength is > MaxRequestBytes)
        {
            return await RefuseAsync(StatusCodes.Status413PayloadTooLarge, TooLarge, cancellationToken);
        }

        IFormCollection form;
        try
        {
            form = await Request.ReadFormAsync(cancellationToken);
        }
        catch (Exception readError) when (readError is InvalidDataException or BadHttpRequestException or IOException)
        {
            return await RefuseAsync(StatusCodes.Status413PayloadTooLarge, TooLarge, cancellationToken);
        }

        if (!await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        var file = form.Files.GetFile("File");
        if (file is null || file.Length == 0)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, "Choose a CSV file to upload.", cancellationToken);
        }

        if (file.Length > PeopleCsv.MaxBytes)
        {
            return await RefuseAsync(StatusCodes.Status413PayloadTooLarge, TooLarge, cancellationToken);
        }

        using var buffer = new MemoryStream();
        await file.CopyToAsync(buffer, cancellationToken);
        var (importId, error) = await importer.PreviewAsync(
            User.EmployeeId(), file.FileName, buffer.ToArray(),
            deactivateMissing: form["DeactivateMissing"].Contains("true"),
            sendInvitations: form["SendInvitations"].Contains("true"),
            cancellationToken);
        if (error is not null)
        {
            return await RefuseAsync(StatusCodes.Status400BadRequest, error, cancellationToken);
        }

        return RedirectToPage("Details", new { id = importId });
    }

    private static string TooLarge => $"The file is larger than {PeopleCsv.MaxBytes / 1024 / 1024} MB, so it was not read. Split it into smaller files (10,000 people take about 1 MB).";

    private async Task<IActionResult> RefuseAsync(int status, string message, CancellationToken cancellationToken)
    {
        FileError = message;
        ModelState.AddModelError("File", message);
        await LoadAsync(cancellationToken);
        Response.StatusCode = status;
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken) =>
        Imports = await db.PeopleImports.AsNoTracking()
            .OrderByDescending(i => i.Id)
            .Take(10)
            .Select(i => new Recent(i.Id, i.FileName, i.CreatedAt, i.Status, i.TotalRows, i.ErrorRows))
            .ToListAsync(cancellationToken);

    public sealed record Recent(long Id, string FileName, DateTime CreatedAt, ImportStatus Status, int Rows, int Errors);
}
