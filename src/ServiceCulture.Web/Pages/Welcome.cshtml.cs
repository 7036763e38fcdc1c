using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceCulture.Web.Pages;

/// <summary>The first page a newly joined person sees: the portal in three steps.</summary>
public sealed class WelcomeModel : PageModel
{
    public void OnGet()
    {
    }
}
