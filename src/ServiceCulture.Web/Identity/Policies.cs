namespace ServiceCulture.Web.Identity;

/// <summary>Named authorization policies; every page names one of them.</summary>
public static class Policies
{
    public const string Employee = "Employee";
    public const string Manager = "Manager";
    public const string Admin = "Admin";
}
