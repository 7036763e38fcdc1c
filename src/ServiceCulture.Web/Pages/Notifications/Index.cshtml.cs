using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Notifications;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Notifications;

/// <summary>
/// The signed-in person's notifications, newest first, paged by key. Reading the list changes
/// nothing; a notification is marked read when it is opened from here, or all at once with a button.
/// </summary>
public sealed class IndexModel(AppDbContext db, NotificationCenter center) : PageModel
{
    public const int PageSize = 50;

    public IReadOnlyList<Row> Items { get; private set; } = [];
    public int Unread { get; private set; }
    public string? NextBefore { get; private set; }
    public bool IsFirstPage { get; private set; } = true;

    public async Task OnGetAsync(string? before, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var query = db.Notifications.AsNoTracking().Where(n => n.EmployeeId == me);
        if (PageKey.Parse(before) is { } key)
        {
            var (at, id) = (key.At, key.Id);
            query = query.Where(n => n.CreatedAt < at || (n.CreatedAt == at && n.Id < id));
            IsFirstPage = false;
        }

        var rows = await query
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id)
            .Take(PageSize + 1)
            .Select(n => new Row(n.Id, n.Kind, n.Text, n.SubjectId, n.CreatedAt, n.ReadAt == null))
            .ToListAsync(cancellationToken);
        if (rows.Count > PageSize)
        {
            rows.RemoveAt(PageSize);
            NextBefore = PageKey.After(rows[^1].CreatedAt, rows[^1].Id).ToString();
        }

        Items = rows;
        Unread = await center.UnreadCountAsync(me, cancellationToken);
    }

    public async Task<IActionResult> OnPostReadAllAsync(CancellationToken cancellationToken)
    {
        var marked = await center.MarkAllReadAsync(User.EmployeeId(), cancellationToken);
        TempData["Flash"] = marked == 0 ? "Nothing was unread." : marked == 1 ? "1 notification marked read." : $"{marked} notifications marked read.";
        return RedirectToPage();
    }

    /// <summary>Opens what a notification is about, marking it read on the way.</summary>
    public async Task<IActionResult> OnPostOpenAsync(long id, CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        if (!await center.MarkReadAsync(me, id, cancellationToken))
        {
            return NotFound();
        }

        var subject = await db.Notifications.Where(n => n.Id == id && n.EmployeeId == me).Select(n => new { n.Kind, n.SubjectId }).SingleAsync(cancellationToken);
        return LocalRedirect(Link(subject.Kind, subject.SubjectId, me));
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
        NotificationKind.MonthlyReport => "bi-bar-chart",
        NotificationKind.ReviewShared or NotificationKind.ReviewReopened or NotificationKind.ReviewAcknowledged => "bi-clipboard-check",
        NotificationKind.FeedbackRequested or NotificationKind.FeedbackReminder => "bi-chat-square-heart",
        NotificationKind.Nudge => "bi-lightbulb",
        _ => "bi-bell",
    };

    /// <summary>Where a notification leads: what its kind and subject name, or the person's own profile.</summary>
    public static string Link(NotificationKind kind, long? subjectId, int me) => (kind, subjectId) switch
    {
        (NotificationKind.RecognitionReceived, { } recognition) => $"/Recognition/{recognition}",
        (NotificationKind.CommentOnMoment, { } moment) => $"/Moments/{moment}#comments",
        (NotificationKind.BadgeEarned, _) => $"/People/{me}#badges",
        (NotificationKind.ReviewShared or NotificationKind.ReviewReopened or NotificationKind.ReviewAcknowledged, { } review) => $"/Reviews/{review}",
        (NotificationKind.FeedbackRequested or NotificationKind.FeedbackReminder, { } request) => $"/Reviews/Feedback/{request}",
        (NotificationKind.MonthlyReport, { } team) => $"/Reports?team={team}",
        (NotificationKind.MonthlyReport, null) => "/Reports?scope=organisation",
        (NotificationKind.Nudge, _) => "/",
        _ => $"/People/{me}",
    };

    public sealed record Row(long Id, NotificationKind Kind, string Text, long? SubjectId, DateTime CreatedAt, bool Unread);
}
