using System.Globalization;
using System.Security.Claims;
using ServiceCulture.People;

namespace ServiceCulture.Web.Identity;

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
