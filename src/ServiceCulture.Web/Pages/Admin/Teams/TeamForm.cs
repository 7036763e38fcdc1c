using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;
using ServiceCulture.Rules;

namespace ServiceCulture.Web.Pages.Admin.Teams;

/// <summary>The fields of a team as the create and edit forms post them, and the parent teams they offer.</summary>
public sealed record TeamForm
{
    [Display(Name = "Name")]
    public string? Name { get; init; }

    [Display(Name = "Inside team")]
    public int? ParentTeamId { get; init; }

    [Display(Name = "Manager's email")]
    public string? ManagerEmail { get; init; }

    public TeamDraft ToDraft() => new(Name, ParentTeamId, ManagerEmail);

    /// <summary>Shows each refusal next to its field of the form bound under <paramref name="prefix"/>.</summary>
    public static void AddRefusals(ModelStateDictionary state, IEnumerable<Refusal> refusals, string prefix) =>
        state.AddRefusals(refusals, field => $"{prefix}.{field}");

    /// <summary>Teams that can hold another: those not archived, and the current parent even when it is.</summary>
    public static async Task<IReadOnlyList<(int Id, string Name)>> ParentChoicesAsync(AppDbContext db, int? except, int? currentParent, CancellationToken cancellationToken) =>
        (await db.Teams.AsNoTracking()
            .Where(t => (t.ArchivedAt == null || t.Id == currentParent) && t.Id != except)
            .OrderBy(t => t.Name)
            .Select(t => new { t.Id, t.Name })
            .ToListAsync(cancellationToken))
        .Select(t => (t.Id, t.Name)).ToList();
}
