using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.People;
using ServiceCulture.Reporting;

namespace ServiceCulture.Data;

internal sealed class ServiceRatingConfiguration : IEntityTypeConfiguration<ServiceRating>
{
    public void Configure(EntityTypeBuilder<ServiceRating> rating)
    {
        rating.Property(r => r.Comment).HasMaxLength(ServiceRating.CommentMaxLength);
        rating.HasOne(r => r.Rater).WithMany().HasForeignKey(r => r.RaterId).OnDelete(DeleteBehavior.Restrict);
        rating.HasOne(r => r.RatedTeam).WithMany().HasForeignKey(r => r.RatedTeamId).OnDelete(DeleteBehavior.Restrict);
        rating.HasOne<Team>().WithMany().HasForeignKey(r => r.RaterTeamId).OnDelete(DeleteBehavior.Restrict);
        rating.HasIndex(r => new { r.RaterId, r.RatedTeamId, r.Month }).IsUnique();
        rating.HasIndex(r => new { r.RatedTeamId, r.Month });
        rating.HasIndex(r => new { r.Month, r.RaterTeamId });
    }
}

internal sealed class OutcomeMeasureConfiguration : IEntityTypeConfiguration<OutcomeMeasure>
{
    public void Configure(EntityTypeBuilder<OutcomeMeasure> outcome)
    {
        outcome.HasOne(o => o.Team).WithMany().HasForeignKey(o => o.TeamId).OnDelete(DeleteBehavior.Restrict);
        outcome.HasOne<Employee>().WithMany().HasForeignKey(o => o.RecordedById).OnDelete(DeleteBehavior.Restrict);
        outcome.HasIndex(o => new { o.TeamId, o.Month }).IsUnique();
        outcome.HasIndex(o => o.Month);
    }
}

internal sealed class ReportSnapshotConfiguration : IEntityTypeConfiguration<ReportSnapshot>
{
    public void Configure(EntityTypeBuilder<ReportSnapshot> snapshot)
    {
        snapshot.Property(s => s.Scope).HasMaxLength(ReportSnapshot.ScopeMaxLength).IsRequired();
        snapshot.Property(s => s.Figures).IsRequired();
        snapshot.HasIndex(s => new { s.Scope, s.Month }).IsUnique();
        snapshot.HasIndex(s => s.Month);
    }
}
