namespace ServiceCulture.People;

/// <summary>The three roles a person can hold; everyone holds Employee.</summary>
public static class Roles
{
    public const string Employee = "Employee";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Employee, Manager, Admin];
}

/// <summary>Named authorization policies; every page names one of them.</summary>
public static class Policies
{
    public const string Employee = "Employee";
    public const string Manager = "Manager";
    public const string Admin = "Admin";
}
