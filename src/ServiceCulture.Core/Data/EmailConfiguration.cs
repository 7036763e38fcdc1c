using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.Email;
using ServiceCulture.Nudges;
using ServiceCulture.People;

namespace ServiceCulture.Data;

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> message)
    {
        message.ToTable("OutboxMessages");
        message.Property(m => m.Key).HasMaxLength(OutboxMessage.KeyMaxLength).IsRequired();
        message.HasIndex(m => m.Key).IsUnique();
        message.Property(m => m.Subject).HasMaxLength(OutboxMessage.SubjectMaxLength).IsRequired();
        message.Property(m => m.Content).IsRequired();
        message.Property(m => m.LastError).HasMaxLength(OutboxMessage.ErrorMaxLength);
        // The dispatcher's question: what is due (or held by a lease that ran out)?
        message.HasIndex(m => new { m.Status, m.DueAt });
        message.HasIndex(m => m.LeaseId);
        message.HasIndex(m => new { m.RecipientId, m.Kind, m.Status });
        message.HasIndex(m => m.MergedIntoId);
        message.HasOne<Employee>().WithMany().HasForeignKey(m => m.RecipientId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EmailOptOutConfiguration : IEntityTypeConfiguration<EmailOptOut>
{
    public void Configure(EntityTypeBuilder<EmailOptOut> optOut)
    {
        optOut.HasKey(o => new { o.EmployeeId, o.Topic });
        optOut.HasOne<Employee>().WithMany().HasForeignKey(o => o.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class NudgeConfiguration : IEntityTypeConfiguration<Nudge>
{
    public void Configure(EntityTypeBuilder<Nudge> nudge)
    {
        nudge.Property(n => n.Period).HasMaxLength(Nudge.PeriodMaxLength).IsRequired();
        nudge.Property(n => n.Text).HasMaxLength(Nudge.TextMaxLength).IsRequired();
        nudge.Property(n => n.Tip).HasMaxLength(Nudge.TextMaxLength).IsRequired();
        nudge.Property(n => n.Link).HasMaxLength(200).IsRequired();
        nudge.Property(n => n.LinkLabel).HasMaxLength(80).IsRequired();
        nudge.HasIndex(n => new { n.EmployeeId, n.Kind, n.Period }).IsUnique();
        nudge.HasIndex(n => new { n.EmployeeId, n.Week });
        nudge.HasOne<Employee>().WithMany().HasForeignKey(n => n.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
