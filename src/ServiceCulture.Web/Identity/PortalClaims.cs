namespace ServiceCulture.Web.Identity;

/// <summary>Claim types the portal adds to the signed-in person.</summary>
public static class PortalClaims
{
    public const string DisplayName = "sc:display_name";
    public const string TeamId = "sc:team_id";
    public const string TimeZone = "sc:time_zone";
}
