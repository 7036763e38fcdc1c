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

/// <summary>Claim types the portal adds to the signed-in person.</summary>
public static class PortalClaims
{
    public const string DisplayName = "sc:display_name";
    public const string TeamId = "sc:team_id";
    public const string TimeZone = "sc:time_zone";
}

/// <summary>Reads the signed-in person from the claims principal.</summary>
public static class ClaimsPrincipalExtensions
{
    public static int EmployeeId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            ? id
            : throw new InvalidOperationException("The request has no signed-in employee.");

    public static string DisplayName(this ClaimsPrincipal user) =>
        user.FindFirstValue(PortalClaims.DisplayName) ?? user.Identity?.Name ?? "";

    public static int? TeamId(this ClaimsPrincipal user) =>
        int.TryParse(user.FindFirstValue(PortalClaims.TeamId), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id) ? id : null;

    public static string TimeZoneId(this ClaimsPrincipal user) => user.FindFirstValue(PortalClaims.TimeZone) ?? "UTC";

    public static bool IsAdmin(this ClaimsPrincipal user) => user.IsInRole(Roles.Admin);

    public static bool IsManager(this ClaimsPrincipal user) => user.IsInRole(Roles.Manager) || user.IsInRole(Roles.Admin);

    /// <summary>The signed-in person as the Core rules see them.</summary>
    public static Actor Actor(this ClaimsPrincipal user) => new(user.EmployeeId(), user.TeamId(), user.TimeZoneId(), user.IsAdmin());
}
