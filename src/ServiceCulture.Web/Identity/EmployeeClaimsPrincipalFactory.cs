using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using ServiceCulture.People;

namespace ServiceCulture.Web.Identity;

/// <summary>Adds the person's display name, team and time zone to the sign-in cookie.</summary>
public sealed class EmployeeClaimsPrincipalFactory(
    UserManager<Employee> userManager,
    RoleManager<IdentityRole<int>> roleManager,
    IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<Employee, IdentityRole<int>>(userManager, roleManager, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(Employee user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(PortalClaims.DisplayName, user.DisplayName));
        identity.AddClaim(new Claim(PortalClaims.TimeZone, user.TimeZoneId));
        if (user.TeamId is { } teamId)
        {
            identity.AddClaim(new Claim(PortalClaims.TeamId, teamId.ToString(CultureInfo.InvariantCulture)));
        }

        return identity;
    }
}
