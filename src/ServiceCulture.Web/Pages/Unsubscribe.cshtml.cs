using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Email;

namespace ServiceCulture.Web.Pages;

/// <summary>
/// Unsubscribing from one topic of email with the signed link it carries, without signing in. A GET
/// only asks for confirmation (link scanners follow links); the POST, which mail clients send for
/// one-click unsubscribe (RFC 8058), does it. The token is the authority, so there is no antiforgery token.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class UnsubscribeModel(UnsubscribeTokens tokens, EmailPreferences preferences, AppDbContext db) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }

    public string TopicLabel { get; private set; } = "";
    public string Address { get; private set; } = "";
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is null)
        {
            return InvalidLink();
        }

        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await ReadAsync(cancellationToken) is not { } target)
        {
            return InvalidLink();
        }

        await preferences.TurnOffAsync(target.EmployeeId, target.Topic, cancellationToken);
        Done = true;
        return Page();
    }

    private async Task<(int EmployeeId, EmailTopic Topic)?> ReadAsync(CancellationToken cancellationToken)
    {
        if (tokens.Read(Token) is not { } target)
        {
            return null;
        }

        var email = await db.Users.Where(u => u.Id == target.EmployeeId).Select(u => u.Email).FirstOrDefaultAsync(cancellationToken);
        if (email is null)
        {
            return null;
        }

        TopicLabel = EmailTopics.Label(target.Topic).ToLowerInvariant();
        Address = email;
        return target;
    }

    private IActionResult InvalidLink()
    {
        Response.StatusCode = StatusCodes.Status400BadRequest;
        TopicLabel = "";
        return Page();
    }
}
