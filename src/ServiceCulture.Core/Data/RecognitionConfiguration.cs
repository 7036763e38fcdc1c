using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.Gamification;
using ServiceCulture.Notifications;
using ServiceCulture.People;
using ServiceCulture.Recognition;
using ServiceCulture.Settings;

namespace ServiceCulture.Data;

internal sealed class RecognitionConfiguration : IEntityTypeConfiguration<Recognition.Recognition>
{
    public void Configure(EntityTypeBuilder<Recognition.Recognition> recognition)
    {
        recognition.Property(r => r.Message).HasMaxLength(Recognition.Recognition.MessageMaxLength).IsRequired();
        recognition.HasOne(r => r.Giver).WithMany().HasForeignKey(r => r.GiverId).OnDelete(DeleteBehavior.Restrict);
        recognition.HasOne(r => r.RelatedMoment).WithMany().HasForeignKey(r => r.RelatedMomentId).OnDelete(DeleteBehavior.Restrict);
        recognition.HasMany(r => r.Recipients).WithOne().HasForeignKey(x => x.RecognitionId).OnDelete(DeleteBehavior.Cascade);
        recognition.HasIndex(r => r.CreatedAt);
        recognition.HasIndex(r => new { r.GiverId, r.CreatedAt });
        recognition.HasIndex(r => new { r.GiverId, r.RequestId }).IsUnique();
    }
}

internal sealed class RecognitionRecipientConfiguration : IEntityTypeConfiguration<RecognitionRecipient>
{
    public void Configure(EntityTypeBuilder<RecognitionRecipient> recipient)
    {
        recipient.HasKey(r => new { r.RecognitionId, r.RecipientId });
        recipient.HasOne(r => r.Recipient).WithMany().HasForeignKey(r => r.RecipientId).OnDelete(DeleteBehavior.Restrict);
        recipient.HasIndex(r => r.RecipientId);
    }
}

internal sealed class AllowanceConfiguration : IEntityTypeConfiguration<Allowance>
{
    public void Configure(EntityTypeBuilder<Allowance> allowance)
    {
        allowance.HasKey(a => new { a.EmployeeId, a.Month });
        allowance.HasOne<Employee>().WithMany().HasForeignKey(a => a.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PairFlagConfiguration : IEntityTypeConfiguration<PairFlag>
{
    public void Configure(EntityTypeBuilder<PairFlag> flag)
    {
        flag.Property(f => f.Note).HasMaxLength(PairFlag.NoteMaxLength);
        flag.HasOne<Employee>().WithMany().HasForeignKey(f => f.FirstId).OnDelete(DeleteBehavior.Restrict);
        flag.HasOne<Employee>().WithMany().HasForeignKey(f => f.SecondId).OnDelete(DeleteBehavior.Restrict);
        // One open flag per pair; reviewed flags stay as history. The filter's quoting is standard SQL,
        // which all three engines accept (SQL Server requires QUOTED_IDENTIFIER ON for filtered indexes).
        flag.HasIndex(f => new { f.FirstId, f.SecondId }).IsUnique().HasFilter("\"ReviewedAt\" IS NULL").HasDatabaseName("IX_PairFlags_Open");
        flag.HasIndex(f => new { f.FirstId, f.SecondId, f.ReviewedAt });
    }
}

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

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Text).HasMaxLength(Notification.TextMaxLength).IsRequired();
        notification.Property(n => n.Link).HasMaxLength(200);
        notification.Property(n => n.Key).HasMaxLength(80).IsRequired();
        notification.HasIndex(n => new { n.EmployeeId, n.Key }).IsUnique();
        notification.HasIndex(n => new { n.EmployeeId, n.ReadAt, n.CreatedAt });
        notification.HasOne<Employee>().WithMany().HasForeignKey(n => n.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SettingConfiguration : IEntityTypeConfiguration<Setting>
{
    public void Configure(EntityTypeBuilder<Setting> setting)
    {
        setting.HasKey(s => s.Key);
        setting.Property(s => s.Key).HasMaxLength(100);
        setting.Property(s => s.Value).HasMaxLength(2000).IsRequired();
    }
}
