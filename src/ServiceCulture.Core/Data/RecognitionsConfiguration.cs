using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.People;
using ServiceCulture.Recognitions;

namespace ServiceCulture.Data;

internal sealed class RecognitionConfiguration : IEntityTypeConfiguration<Recognition>
{
    public void Configure(EntityTypeBuilder<Recognition> recognition)
    {
        recognition.Property(r => r.Message).HasMaxLength(Recognition.MessageMaxLength).IsRequired();
        recognition.HasOne(r => r.Giver).WithMany().HasForeignKey(r => r.GiverId).OnDelete(DeleteBehavior.Restrict);
        recognition.HasOne(r => r.RelatedMoment).WithMany().HasForeignKey(r => r.RelatedMomentId).OnDelete(DeleteBehavior.Restrict);
        recognition.HasMany(r => r.Recipients).WithOne().HasForeignKey(x => x.RecognitionId).OnDelete(DeleteBehavior.Cascade);
        recognition.HasIndex(r => r.CreatedAt);
        recognition.HasIndex(r => new { r.GiverId, r.CreatedAt });
        recognition.HasIndex(r => new { r.GiverId, r.RequestId }).IsUnique();
        recognition.Property(r => r.MessageKey).HasMaxLength(RecognitionRules.MessageKeyLength);
        recognition.HasIndex(r => new { r.GiverId, r.MessageKey });
    }
}

internal sealed class RecognitionRecipientConfiguration : IEntityTypeConfiguration<RecognitionRecipient>
{
    public void Configure(EntityTypeBuilder<RecognitionRecipient> recipient)
    {
        recipient.HasKey(r => new { r.RecognitionId, r.RecipientId });
        recipient.HasOne(r => r.Recipient).WithMany().HasForeignKey(r => r.RecipientId).OnDelete(DeleteBehavior.Restrict);
        // What a person received, newest first, and their totals per element, from this index alone.
        recipient.HasIndex(r => new { r.RecipientId, r.CreatedAt, r.RecognitionId, r.Elements, r.DeletedAt }).HasDatabaseName("IX_RecognitionRecipients_Received");
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
