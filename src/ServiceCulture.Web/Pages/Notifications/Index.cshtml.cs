using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Notifications;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Notifications;

/// <summary>The signed-in person's notifications; opening the list marks them read.</summary>
public sealed class IndexModel(AppDbContext db, NotificationCenter center) : PageModel
{
    private const int Shown = 50;

    public IReadOnlyList<Row> Items { get; private set; } = [];
    public int Unread { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        Items = await db.Notifications.AsNoTracking()
            .Where(n => n.EmployeeId == me)
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(Shown)
            .Select(n => new Row(n.Id, n.Kind, n.Text, n.Link, n.CreatedAt, n.ReadAt == null))
            .ToListAsync(cancellationToken);
        await center.MarkAllReadAsync(me, cancellationToken);
    }

    /// <summary>The bell in the header, loaded after the page so that pages stay fast.</summary>
    public async Task<IActionResult> OnGetBellAsync(CancellationToken cancellationToken)
    {
        Unread = await center.UnreadCountAsync(User.EmployeeId(), cancellationToken);
        return Partial("_Bell", Unread);
    }

    public static string Icon(NotificationKind kind) => kind switch
    {
        NotificationKind.RecognitionReceived => "bi-award",
        NotificationKind.BadgeEarned => "bi-patch-check",
        NotificationKind.LevelReached => "bi-graph-up-arrow",
        NotificationKind.CommentOnMoment => "bi-chat",
        NotificationKind.PairFlagged => "bi-flag",
        NotificationKind.Nudge => "bi-lightbulb",
        _ => "bi-bell",
    };

    public sealed record Row(long Id, NotificationKind Kind, string Text, string? Link, DateTime CreatedAt, bool Unread);
}
