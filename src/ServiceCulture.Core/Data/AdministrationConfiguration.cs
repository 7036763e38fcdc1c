using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.People;
using ServiceCulture.People.Import;

namespace ServiceCulture.Data;

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> invitation)
    {
        invitation.Property(i => i.TokenHash).HasMaxLength(64).IsRequired();
        invitation.HasIndex(i => i.TokenHash).IsUnique();
        invitation.HasIndex(i => i.EmployeeId);
        invitation.HasOne(i => i.Employee).WithMany().HasForeignKey(i => i.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PeopleImportConfiguration : IEntityTypeConfiguration<PeopleImport>
{
    public void Configure(EntityTypeBuilder<PeopleImport> import)
    {
        import.Property(i => i.FileName).HasMaxLength(PeopleImport.FileNameMaxLength).IsRequired();
        import.Property(i => i.Failure).HasMaxLength(1000);
        import.HasMany(i => i.Rows).WithOne().HasForeignKey(r => r.ImportId).OnDelete(DeleteBehavior.Cascade);
        import.HasIndex(i => i.CreatedAt);
    }
}

internal sealed class PeopleImportRowConfiguration : IEntityTypeConfiguration<PeopleImportRow>
{
    public void Configure(EntityTypeBuilder<PeopleImportRow> row)
    {
        row.Property(r => r.Name).HasMaxLength(Employee.DisplayNameMaxLength * 2).IsRequired();
        row.Property(r => r.Email).HasMaxLength(256).IsRequired();
        row.Property(r => r.Team).HasMaxLength(Team.NameMaxLength * 2);
        row.Property(r => r.ManagerEmail).HasMaxLength(256);
        row.Property(r => r.Role).HasMaxLength(40).IsRequired();
        row.Property(r => r.TimeZoneId).HasMaxLength(64).IsRequired();
        row.Property(r => r.JobTitle).HasMaxLength(Employee.JobTitleMaxLength * 2);
        row.Property(r => r.Errors).HasMaxLength(1000);
        row.HasIndex(r => new { r.ImportId, r.Applied, r.Line });
    }
}
