using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.Web.Pages.Admin.Outbox;

/// <summary>One outbox email as it is (or was) sent: its state, the plain text, and the HTML in a sandboxed frame.</summary>
public sealed class DetailsModel(AppDbContext db, OutboxDispatcher dispatcher) : PageModel
{
    /// <summary>The preview frame may show the email's inline styles and nothing else: no script, no fetch, no form.</summary>
    public const string PreviewPolicy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

    public View Email { get; private set; } = null!;
    public string Text { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var email = await db.OutboxMessages.AsNoTracking().Where(m => m.Id == id)
            .Select(m => new View(m.Id, m.Kind, m.Topic, m.Subject, db.Users.Where(u => u.Id == m.RecipientId).Select(u => u.DisplayName + " <" + u.Email + ">").FirstOrDefault() ?? "",
                m.Status, m.Attempts, m.CreatedAt, m.DueAt, m.SentAt, m.LastError, m.MergedIntoId))
            .SingleOrDefaultAsync(cancellationToken);
        var rendered = email is null ? null : await dispatcher.PreviewAsync(id, cancellationToken);
        if (email is null || rendered is null)
        {
            return NotFound();
        }

        Email = email;
        Text = rendered.Text;
        return Page();
    }

    public async Task<IActionResult> OnGetHtmlAsync(long id, CancellationToken cancellationToken)
    {
        if (await dispatcher.PreviewAsync(id, cancellationToken) is not { } rendered)
        {
            return NotFound();
        }

        Response.Headers.ContentSecurityPolicy = PreviewPolicy;
        Response.Headers.XFrameOptions = "SAMEORIGIN";
        return Content(rendered.Html, "text/html; charset=utf-8");
    }

    public sealed record View(long Id, EmailKind Kind, EmailTopic Topic, string Subject, string Recipient, OutboxStatus Status, int Attempts,
        DateTime CreatedAt, DateTime DueAt, DateTime? SentAt, string? LastError, long? MergedIntoId);
}
