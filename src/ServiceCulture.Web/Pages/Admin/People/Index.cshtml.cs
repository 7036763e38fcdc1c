using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.People;

namespace ServiceCulture.Web.Pages.Admin.People;

/// <summary>Everyone in the portal, searchable and filtered, paged by name.</summary>
public sealed class IndexModel(AppDbContext db, TimeProvider clock) : PageModel
{
    public const int PageSize = 50;

    public static readonly IReadOnlyList<(string Value, string Label)> Statuses =
        [("active", "Active"), ("inactive", "Deactivated"), ("invited", "Invited, not joined yet"), ("all", "Everyone")];

    public static readonly IReadOnlyList<(string Value, string Label)> LastActiveChoices =
        [("", "Any time"), ("7", "In the last 7 days"), ("30", "In the last 30 days"), ("90", "In the last 90 days"), ("stale", "Not in the last 90 days"), ("never", "Never signed in")];

    [BindProperty(SupportsGet = true)]
    public Filter Query { get; set; } = new();

    public IReadOnlyList<Row> People { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Teams { get; private set; } = [];
    public string? NextPage { get; private set; }
    public int Total { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Teams = (await db.Teams.AsNoTracking().Where(t => t.ArchivedAt == null).OrderBy(t => t.Name).Select(t => new { t.Id, t.Name }).ToListAsync(cancellationToken))
            .Select(t => (t.Id, t.Name)).ToList();

        var people = db.Users.AsNoTracking().Where(u => u.ErasedAt == null || Query.Status == "all" || Query.Status == "inactive");
        people = Query.Status switch
        {
            "inactive" => people.Where(u => !u.IsActive),
            "invited" => people.Where(u => u.IsActive && u.PasswordHash == null),
            "all" => people,
            _ => people.Where(u => u.IsActive),
        };

        if (Query.Q?.Trim() is { Length: > 0 } q)
        {
            var needle = q.Length > 100 ? q[..100].ToLowerInvariant() : q.ToLowerInvariant();
            people = people.Where(u => u.DisplayName.ToLower().Contains(needle) || u.NormalizedEmail!.Contains(needle.ToUpperInvariant()));
        }

        if (Query.Team is { } team)
        {
            people = team == 0 ? people.Where(u => u.TeamId == null) : people.Where(u => u.TeamId == team);
        }

        if (Query.Role is { Length: > 0 } role && Roles.All.Contains(role))
        {
            var roleId = await db.Roles.Where(r => r.Name == role).Select(r => r.Id).SingleAsync(cancellationToken);
            people = people.Where(u => db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == roleId));
        }

        var now = clock.GetUtcNow().UtcDateTime;
        people = Query.LastActive switch
        {
            "7" or "30" or "90" => people.Where(u => u.LastSignInAt >= now.AddDays(-int.Parse(Query.LastActive, System.Globalization.CultureInfo.InvariantCulture))),
            "stale" => people.Where(u => u.LastSignInAt < now.AddDays(-90)),
            "never" => people.Where(u => u.LastSignInAt == null),
            _ => people,
        };

        Total = await people.CountAsync(cancellationToken);
        if (Query.AfterName is { } afterName && Query.AfterId is { } afterId)
        {
            people = people.Where(u => string.Compare(u.DisplayName, afterName) > 0 || (u.DisplayName == afterName && u.Id > afterId));
        }

        var adminRole = await db.Roles.Where(r => r.Name == Roles.Admin).Select(r => r.Id).SingleAsync(cancellationToken);
        var managerRole = await db.Roles.Where(r => r.Name == Roles.Manager).Select(r => r.Id).SingleAsync(cancellationToken);
        var rows = await people
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Id)
            .Take(PageSize + 1)
            .Select(u => new Row(
                u.Id,
                u.DisplayName,
                u.Email!,
                u.JobTitle,
                u.Team == null ? null : u.Team.Name,
                u.Manager == null ? null : u.Manager.DisplayName,
                db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == adminRole) ? Roles.Admin
                    : db.UserRoles.Any(r => r.UserId == u.Id && r.RoleId == managerRole) ? Roles.Manager : Roles.Employee,
                u.IsActive,
                u.PasswordHash == null,
                u.LastSignInAt))
            .ToListAsync(cancellationToken);
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextPage = Url.Page("Index", new { Query.Q, Query.Team, Query.Role, Query.Status, Query.LastActive, AfterName = rows[^1].Name, AfterId = rows[^1].Id });
        }

        People = rows;
    }

    public sealed record Filter
    {
        public string? Q { get; init; }
        public int? Team { get; init; }
        public string? Role { get; init; }
        public string? Status { get; init; }
        public string? LastActive { get; init; }
        public string? AfterName { get; init; }
        public int? AfterId { get; init; }
    }

    public sealed record Row(int Id, string Name, string Email, string? JobTitle, string? Team, string? Manager, string Role, bool IsActive, bool Invited, DateTime? LastSignInAt);
}
