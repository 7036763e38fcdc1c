namespace ServiceCulture.People.Import;

/// <summary>Where an import of people from a file stands.</summary>
public enum ImportStatus
{
    /// <summary>Parsed and previewed; nothing applied yet.</summary>
    Previewed = 1,
    Queued = 2,
    Running = 3,
    Completed = 4,
    Failed = 5,
}

/// <summary>What applying a row changes.</summary>
public enum RowChange
{
    Unchanged = 0,
    New = 1,
    Updated = 2,
    /// <summary>A person missing from the file, deactivated because the admin asked for it.</summary>
    Deactivated = 3,
    /// <summary>The row has errors and is not applied.</summary>
    Invalid = 4,
}

/// <summary>One upload of people: the parsed rows are stored, so applying it can resume after a crash.</summary>
public sealed class PeopleImport
{
    public const int FileNameMaxLength = 200;

    public long Id { get; set; }
    public string FileName { get; set; } = "";
    public int? CreatedById { get; set; }
    public DateTime CreatedAt { get; set; }
    public ImportStatus Status { get; set; }
    public bool DeactivateMissing { get; set; }
    public bool SendInvitations { get; set; }
    public int TotalRows { get; set; }
    public int ErrorRows { get; set; }

    /// <summary>Rows (and deactivations) applied so far; the progress bar reads it.</summary>
    public int AppliedRows { get; set; }

    public DateTime? StartedAt { get; set; }
    public DateTime? FinishedAt { get; set; }
    public string? Failure { get; set; }
    public List<PeopleImportRow> Rows { get; set; } = [];
}

/// <summary>One parsed line of an import file, with what it will change and whether it is applied.</summary>
public sealed class PeopleImportRow
{
    public long Id { get; set; }
    public long ImportId { get; set; }
    public int Line { get; set; }
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? Team { get; set; }
    public string? ManagerEmail { get; set; }
    public string Role { get; set; } = Roles.Employee;
    public string TimeZoneId { get; set; } = "UTC";
    public string? JobTitle { get; set; }
    public RowChange Change { get; set; }
    public string? Errors { get; set; }

    /// <summary>For a deactivation row: the person who is missing from the file.</summary>
    public int? EmployeeId { get; set; }

    public bool Applied { get; set; }
}
