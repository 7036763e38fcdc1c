using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.Auditing;

namespace ServiceCulture.Data;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> entry)
    {
        entry.Property(e => e.Action).HasMaxLength(80).IsRequired();
        entry.Property(e => e.Subject).HasMaxLength(80).IsRequired();
        entry.Property(e => e.SubjectId).HasMaxLength(80);
        entry.Property(e => e.Detail).HasMaxLength(2000);
        entry.Property(e => e.Before).HasMaxLength(2000);
        entry.Property(e => e.After).HasMaxLength(2000);
        entry.HasIndex(e => e.At);
        entry.HasIndex(e => new { e.ActorId, e.Id });
        entry.HasIndex(e => new { e.Action, e.Id });
    }
}
