using System.Diagnostics;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceCulture.Web.Pages;

/// <summary>The page shown for errors and for empty 4xx responses; never a stack trace.</summary>
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; } = 500;
    public string Heading { get; private set; } = "Something went wrong";
    public string Explanation { get; private set; } = "We could not finish that. Nothing you entered was lost; please try again in a moment.";
    public string? RequestId { get; private set; }

    public IActionResult OnGet(int? status) => Show(status);

    public IActionResult OnPost(int? status) => Show(status);

    private PageResult Show(int? status)
    {
        var failed = HttpContext.Features.Get<IExceptionHandlerPathFeature>() is not null;
        // Opened directly, without an error behind it, the page is simply not there.
        Status = failed ? 500 : status is >= 400 and < 600 ? status.Value : 404;
        (Heading, Explanation) = Status switch
        {
            400 => ("That request was not understood", "Something in it was missing or malformed. Go back, check the form and try again."),
            403 => ("You do not have access to this page", "It is meant for another role. If you need it for your work, ask an admin."),
            404 => ("We could not find that page", "It may have been moved or deleted, or you may not be allowed to see it."),
            405 => ("That action is not available here", "Go back and use the page's own buttons."),
            409 => ("That has already been done", "Someone got there first. Go back and reload the page to see the latest."),
            429 => ("Too many attempts", "Wait a minute, then try again."),
            _ when Status < 500 => ("That request could not be completed", "Go back and try again."),
            _ => (Heading, Explanation),
        };
        RequestId = Status >= 500 ? Activity.Current?.Id ?? HttpContext.TraceIdentifier : null;
        Response.StatusCode = Status;
        return Page();
    }
}
