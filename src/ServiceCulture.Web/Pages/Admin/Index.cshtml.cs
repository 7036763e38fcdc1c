using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;

namespace ServiceCulture.Web.Pages.Admin;

public sealed class IndexModel(AppDbContext db) : PageModel
{
    public int ActivePeople { get; private set; }
    public int AllPeople { get; private set; }
    public int Teams { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        AllPeople = await db.Users.CountAsync(cancellationToken);
        ActivePeople = await db.Users.CountAsync(u => u.IsActive, cancellationToken);
        Teams = await db.Teams.CountAsync(t => t.ArchivedAt == null, cancellationToken);
    }
}
