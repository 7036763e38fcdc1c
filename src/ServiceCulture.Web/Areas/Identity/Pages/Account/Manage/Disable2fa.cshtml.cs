using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceCulture.People;

namespace ServiceCulture.Web.Areas.Identity.Pages.Account.Manage;

public sealed class Disable2faModel(UserManager<Employee> users, SignInManager<Employee> signIn) : PageModel
{
    [TempData]
    public string? StatusMessage { get; set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        return await users.GetTwoFactorEnabledAsync(user) ? Page() : RedirectToPage("./TwoFactorAuthentication");
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        await users.SetTwoFactorEnabledAsync(user, false);
        // The change renews the security stamp; renew this session's cookie with it.
        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Two-factor authentication is off. You can turn it on again at any time.";
        return RedirectToPage("./TwoFactorAuthentication");
    }
}
