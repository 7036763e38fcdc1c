namespace ServiceCulture.Recognitions;

/// <summary>What a giver has spent of their allowance in one month (the month in their time zone).</summary>
public sealed class Allowance
{
    public int EmployeeId { get; set; }
    public DateOnly Month { get; set; }
    public int Spent { get; set; }
}
