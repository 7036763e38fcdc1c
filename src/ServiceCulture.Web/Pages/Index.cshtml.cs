using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public string FirstName { get; private set; } = "";
    public string? TeamName { get; private set; }
    public string? ManagerName { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var view = await db.Users.AsNoTracking()
            .Where(u => u.Id == me)
            .Select(u => new { u.DisplayName, Team = u.Team!.Name, Manager = u.Manager!.DisplayName })
            .SingleAsync(cancellationToken);
        FirstName = view.DisplayName.Split(' ')[0];
        TeamName = view.Team;
        ManagerName = view.Manager;
    }
}
