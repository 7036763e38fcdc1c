using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ServiceCulture.Web.Pages.Reviews;

public sealed class IndexModel : PageModel
{
    public void OnGet()
    {
    }
}
