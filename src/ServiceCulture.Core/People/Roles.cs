namespace ServiceCulture.People;

/// <summary>The three roles a person can hold; everyone holds Employee.</summary>
public static class Roles
{
    public const string Employee = "Employee";
    public const string Manager = "Manager";
    public const string Admin = "Admin";

    public static readonly IReadOnlyList<string> All = [Employee, Manager, Admin];
}
