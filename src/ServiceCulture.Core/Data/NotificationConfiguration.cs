using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.Notifications;
using ServiceCulture.People;

namespace ServiceCulture.Data;

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> notification)
    {
        notification.Property(n => n.Text).HasMaxLength(Notification.TextMaxLength).IsRequired();
        notification.Property(n => n.Key).HasMaxLength(80).IsRequired();
        notification.HasIndex(n => new { n.EmployeeId, n.Key }).IsUnique();
        notification.HasIndex(n => new { n.EmployeeId, n.ReadAt, n.CreatedAt });
        notification.HasOne<Employee>().WithMany().HasForeignKey(n => n.EmployeeId).OnDelete(DeleteBehavior.Cascade);
    }
}
