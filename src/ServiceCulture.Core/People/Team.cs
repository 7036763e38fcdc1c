namespace ServiceCulture.People;

/// <summary>A group of colleagues with a manager, optionally inside a parent team.</summary>
public sealed class Team
{
    public const int NameMaxLength = 80;

    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public int? ParentTeamId { get; set; }
    public Team? ParentTeam { get; set; }
    public int? ManagerId { get; set; }
    public Employee? Manager { get; set; }
    public List<Employee> Members { get; set; } = [];

    /// <summary>Archived teams have no active members and are left out of pickers and imports.</summary>
    public DateTime? ArchivedAt { get; set; }
}
