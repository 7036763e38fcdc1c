using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.People;

namespace ServiceCulture.Data;

internal sealed class EmployeeConfiguration : IEntityTypeConfiguration<Employee>
{
    public void Configure(EntityTypeBuilder<Employee> employee)
    {
        employee.Property(e => e.DisplayName).HasMaxLength(Employee.DisplayNameMaxLength).IsRequired();
        employee.Property(e => e.JobTitle).HasMaxLength(Employee.JobTitleMaxLength);
        employee.Property(e => e.TimeZoneId).HasMaxLength(64).IsRequired();
        employee.HasOne(e => e.Team).WithMany(t => t.Members).HasForeignKey(e => e.TeamId).OnDelete(DeleteBehavior.Restrict);
        employee.HasOne(e => e.Manager).WithMany().HasForeignKey(e => e.ManagerId).OnDelete(DeleteBehavior.Restrict);
        employee.HasIndex(e => e.DisplayName);
        // The admin list pages by (name, id) within the active or inactive people, and filters by last sign-in.
        employee.HasIndex(e => new { e.IsActive, e.DisplayName, e.Id });
        employee.HasIndex(e => e.LastSignInAt);
    }
}

internal sealed class TeamConfiguration : IEntityTypeConfiguration<Team>
{
    public void Configure(EntityTypeBuilder<Team> team)
    {
        team.Property(t => t.Name).HasMaxLength(Team.NameMaxLength).IsRequired();
        team.Property(t => t.Description).HasMaxLength(400);
        team.HasIndex(t => t.Name).IsUnique();
        team.HasOne(t => t.ParentTeam).WithMany().HasForeignKey(t => t.ParentTeamId).OnDelete(DeleteBehavior.Restrict);
        team.HasOne(t => t.Manager).WithMany().HasForeignKey(t => t.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
