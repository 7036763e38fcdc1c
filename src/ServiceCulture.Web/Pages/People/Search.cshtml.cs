using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.People;

/// <summary>Search-as-you-type results for the people and team pickers (an HTML fragment).</summary>
public sealed class SearchModel(AppDbContext db) : PageModel
{
    private const int Limit = 8;

    public IReadOnlyList<Option> Options { get; private set; } = [];
    public string Query { get; private set; } = "";

    public async Task OnGetAsync(string? q, string? scope, CancellationToken cancellationToken)
    {
        Query = (q ?? "").Trim();
        if (Query.Length > 100)
        {
            Query = Query[..100];
        }

        var me = User.EmployeeId();
        var needle = Query.ToLowerInvariant();
        var people = await db.Users.AsNoTracking()
            .Where(u => u.IsActive && u.Id != me)
            .Where(u => needle.Length == 0 || u.DisplayName.ToLower().Contains(needle) || u.Email!.ToLower().Contains(needle) || (u.JobTitle != null && u.JobTitle.ToLower().Contains(needle)))
            .OrderBy(u => u.DisplayName)
            .Take(Limit)
            .Select(u => new Option("person", u.Id, u.DisplayName, (u.JobTitle ?? "") + (u.Team == null ? "" : ", " + u.Team.Name)))
            .ToListAsync(cancellationToken);
        var options = new List<Option>(people);
        if (scope == "customer")
        {
            var teams = await db.Teams.AsNoTracking()
                .Where(t => t.ArchivedAt == null && (needle.Length == 0 || t.Name.ToLower().Contains(needle)))
                .OrderBy(t => t.Name)
                .Take(4)
                .Select(t => new Option("team", t.Id, "Team: " + t.Name, t.Description ?? ""))
                .ToListAsync(cancellationToken);
            options.AddRange(teams);
        }

        Options = options;
    }

    public sealed record Option(string Kind, int Id, string Label, string Detail);
}
