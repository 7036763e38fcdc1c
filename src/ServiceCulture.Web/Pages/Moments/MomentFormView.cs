using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>What the moment form partial needs besides the fields themselves.</summary>
public sealed record MomentFormView(
    MomentForm Form,
    bool KindEditable,
    bool ShowRecoveryFields,
    IReadOnlyList<SelectListItem> OpenMiseries,
    string? CustomerLabel,
    string? RecoveredByLabel,
    DateOnly Today)
{
    /// <summary>Labels for the people and team picked in the form, looked up from their ids.</summary>
    public static async Task<(string? Customer, string? RecoveredBy)> LabelsAsync(AppDbContext db, MomentForm form, CancellationToken cancellationToken)
    {
        string? customer = null;
        if (form.CustomerType == "Internal" && form.CustomerEmployeeId is { } employeeId)
        {
            customer = await db.Users.Where(u => u.Id == employeeId).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }
        else if (form.CustomerType == "Internal" && form.CustomerTeamId is { } teamId)
        {
            customer = await db.Teams.Where(t => t.Id == teamId).Select(t => "Team: " + t.Name).FirstOrDefaultAsync(cancellationToken);
        }

        string? recoveredBy = null;
        if (form.RecoveredById is { } recoveredById)
        {
            recoveredBy = await db.Users.Where(u => u.Id == recoveredById).Select(u => u.DisplayName).FirstOrDefaultAsync(cancellationToken);
        }

        return (customer, recoveredBy);
    }

    /// <summary>The miseries this person may recover: their own and, as a manager, their reports'.</summary>
    public static async Task<IReadOnlyList<SelectListItem>> OpenMiseriesAsync(AppDbContext db, Actor viewer, long? selected, CancellationToken cancellationToken) =>
        await db.Moments.AsNoTracking()
            .Where(await MomentPermissions.RecoverableByAsync(db, viewer, cancellationToken))
            .OrderBy(m => m.CreatedAt)
            .Select(m => new SelectListItem(m.Title + " (" + m.Author!.DisplayName + ")", m.Id.ToString(), m.Id == selected))
            .ToListAsync(cancellationToken);
}
