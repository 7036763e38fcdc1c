using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ServiceCulture.Data;

namespace ServiceCulture.Web.Identity;

/// <summary>
/// Checks every signed-in request against the database: a cookie whose security stamp no longer
/// matches (after sign-out, a password change or deactivation) is refused at once. The check is a
/// single indexed lookup of two columns; the full claims refresh still runs on Identity's interval.
/// </summary>
public static class SessionValidation
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var principal = context.Principal;
        var identityOptions = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value;
        var stamp = principal?.FindFirstValue(identityOptions.ClaimsIdentity.SecurityStampClaimType);
        if (principal is null || !int.TryParse(principal.FindFirstValue(ClaimTypes.NameIdentifier), out var employeeId) || stamp is null)
        {
            await RejectAsync(context);
            return;
        }

        var db = context.HttpContext.RequestServices.GetRequiredService<AppDbContext>();
        var current = await db.Users
            .Where(u => u.Id == employeeId)
            .Select(u => new { u.SecurityStamp, u.IsActive })
            .FirstOrDefaultAsync(context.HttpContext.RequestAborted);
        if (current is null || !current.IsActive || !string.Equals(current.SecurityStamp, stamp, StringComparison.Ordinal))
        {
            await RejectAsync(context);
            return;
        }

        await SecurityStampValidator.ValidatePrincipalAsync(context);
    }

    private static async Task RejectAsync(CookieValidatePrincipalContext context)
    {
        context.RejectPrincipal();
        await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
    }
}
