using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceCulture.Web.Areas.Identity.Pages.Account;

public sealed class LockoutModel : PageModel
{
    public void OnGet()
    {
    }
}
