using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceCulture.People;

namespace ServiceCulture.Web.Identity;

/// <summary>
/// Sign-in rules for every caller: failed passwords always count toward lockout, inactive people
/// cannot sign in, and signing out changes the security stamp so a captured cookie stops working.
/// </summary>
public sealed class PortalSignInManager(
    UserManager<Employee> userManager,
    IHttpContextAccessor contextAccessor,
    IUserClaimsPrincipalFactory<Employee> claimsFactory,
    IOptions<IdentityOptions> optionsAccessor,
    ILogger<SignInManager<Employee>> logger,
    IAuthenticationSchemeProvider schemes,
    IUserConfirmation<Employee> confirmation)
    : SignInManager<Employee>(userManager, contextAccessor, claimsFactory, optionsAccessor, logger, schemes, confirmation)
{
    public override Task<SignInResult> PasswordSignInAsync(string userName, string password, bool isPersistent, bool lockoutOnFailure) =>
        base.PasswordSignInAsync(userName, password, isPersistent, lockoutOnFailure: true);

    public override Task<SignInResult> PasswordSignInAsync(Employee user, string password, bool isPersistent, bool lockoutOnFailure) =>
        base.PasswordSignInAsync(user, password, isPersistent, lockoutOnFailure: true);

    public override Task<SignInResult> CheckPasswordSignInAsync(Employee user, string password, bool lockoutOnFailure) =>
        base.CheckPasswordSignInAsync(user, password, lockoutOnFailure: true);

    public override async Task<bool> CanSignInAsync(Employee user) =>
        user.IsActive && await base.CanSignInAsync(user);

    public override async Task SignInWithClaimsAsync(Employee user, AuthenticationProperties? authenticationProperties, IEnumerable<System.Security.Claims.Claim> additionalClaims)
    {
        // The admin list filters people by when they were last active; a sign-in is what counts.
        user.LastSignInAt = Context.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        await UserManager.UpdateAsync(user);
        await base.SignInWithClaimsAsync(user, authenticationProperties, additionalClaims);
    }

    public override async Task SignOutAsync()
    {
        var user = await UserManager.GetUserAsync(Context.User);
        if (user is not null)
        {
            await UserManager.UpdateSecurityStampAsync(user);
        }

        await base.SignOutAsync();
    }
}
