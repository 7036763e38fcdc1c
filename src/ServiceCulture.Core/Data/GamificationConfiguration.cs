using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.Gamification;
using ServiceCulture.People;

namespace ServiceCulture.Data;

internal sealed class PointsEntryConfiguration : IEntityTypeConfiguration<PointsEntry>
{
    public void Configure(EntityTypeBuilder<PointsEntry> entry)
    {
        entry.ToTable("PointsLedger");
        entry.Property(e => e.Source).HasMaxLength(PointsEntry.SourceMaxLength).IsRequired();
        entry.HasOne<Employee>().WithMany().HasForeignKey(e => e.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        entry.HasIndex(e => new { e.EmployeeId, e.Reason, e.Source }).IsUnique();
        entry.HasIndex(e => new { e.EmployeeId, e.At });
        // Reversals find what a moment or recognition gave by its source alone.
        entry.HasIndex(e => e.Source);
        // Periods that start inside a UTC day read that day's first hours from the ledger.
        entry.HasIndex(e => e.At);
    }
}

internal sealed class PointsDayConfiguration : IEntityTypeConfiguration<PointsDay>
{
    public void Configure(EntityTypeBuilder<PointsDay> day)
    {
        day.HasKey(d => new { d.EmployeeId, d.Day });
        day.HasIndex(d => d.Day);
        day.HasOne<Employee>().WithMany().HasForeignKey(d => d.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PointsMonthConfiguration : IEntityTypeConfiguration<PointsMonth>
{
    public void Configure(EntityTypeBuilder<PointsMonth> month)
    {
        month.HasKey(m => new { m.EmployeeId, m.Month });
        month.HasIndex(m => m.Month);
        month.HasOne<Employee>().WithMany().HasForeignKey(m => m.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PointsTotalConfiguration : IEntityTypeConfiguration<PointsTotal>
{
    public void Configure(EntityTypeBuilder<PointsTotal> total)
    {
        total.HasKey(t => t.EmployeeId);
        total.HasIndex(t => t.LeaderboardPoints);
        total.HasOne<Employee>().WithOne().HasForeignKey<PointsTotal>(t => t.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BadgeAwardConfiguration : IEntityTypeConfiguration<BadgeAward>
{
    public void Configure(EntityTypeBuilder<BadgeAward> award)
    {
        award.HasKey(a => new { a.EmployeeId, a.Code });
        award.Property(a => a.Code).HasMaxLength(40);
        award.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class StreakPauseConfiguration : IEntityTypeConfiguration<StreakPause>
{
    public void Configure(EntityTypeBuilder<StreakPause> pause)
    {
        pause.HasKey(p => new { p.EmployeeId, p.WeekStart });
        pause.HasOne<Employee>().WithMany().HasForeignKey(p => p.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
