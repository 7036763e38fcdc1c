using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Reports;

[Authorize(Policy = Policies.Manager)]
public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
