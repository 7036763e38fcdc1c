using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Reviews;

namespace ServiceCulture.Data;

internal sealed class ReviewCycleConfiguration : IEntityTypeConfiguration<ReviewCycle>
{
    public void Configure(EntityTypeBuilder<ReviewCycle> cycle)
    {
        cycle.Property(c => c.Name).HasMaxLength(ReviewCycle.NameMaxLength).IsRequired();
        cycle.HasOne<Employee>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Restrict);
        cycle.HasMany(c => c.Teams).WithOne().HasForeignKey(t => t.CycleId).OnDelete(DeleteBehavior.Cascade);
        cycle.HasMany(c => c.Reviews).WithOne(r => r.Cycle).HasForeignKey(r => r.CycleId).OnDelete(DeleteBehavior.Restrict);
        cycle.HasIndex(c => c.CreatedAt);
    }
}

internal sealed class ReviewCycleTeamConfiguration : IEntityTypeConfiguration<ReviewCycleTeam>
{
    public void Configure(EntityTypeBuilder<ReviewCycleTeam> team)
    {
        team.HasKey(t => new { t.CycleId, t.TeamId });
        team.HasOne(t => t.Team).WithMany().HasForeignKey(t => t.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReviewConfiguration : IEntityTypeConfiguration<Review>
{
    public void Configure(EntityTypeBuilder<Review> review)
    {
        // An integer raised on every save works the same on SQLite, SQL Server and PostgreSQL.
        review.Property(r => r.Version).IsConcurrencyToken();
        review.HasOne(r => r.Employee).WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Restrict);
        review.HasOne(r => r.Manager).WithMany().HasForeignKey(r => r.ManagerId).OnDelete(DeleteBehavior.Restrict);
        review.HasOne<Team>().WithMany().HasForeignKey(r => r.TeamId).OnDelete(DeleteBehavior.Restrict);
        review.HasOne<Moment>().WithMany().HasForeignKey(r => r.ProudMomentId).OnDelete(DeleteBehavior.Restrict);
        review.Property(r => r.SelfComment).HasMaxLength(Review.TextMaxLength);
        review.Property(r => r.Strengths).HasMaxLength(Review.TextMaxLength);
        review.Property(r => r.Summary).HasMaxLength(Review.TextMaxLength);
        review.Property(r => r.ManagerNotes).HasMaxLength(Review.TextMaxLength);
        review.Property(r => r.EmployeeComment).HasMaxLength(Review.TextMaxLength);
        review.Property(r => r.FocusAction1).HasMaxLength(Review.ActionMaxLength);
        review.Property(r => r.FocusAction2).HasMaxLength(Review.ActionMaxLength);
        review.Property(r => r.FocusAction3).HasMaxLength(Review.ActionMaxLength);
        review.HasMany(r => r.Ratings).WithOne().HasForeignKey(x => x.ReviewId).OnDelete(DeleteBehavior.Cascade);
        review.HasMany(r => r.FeedbackRequests).WithOne(f => f.Review).HasForeignKey(f => f.ReviewId).OnDelete(DeleteBehavior.Cascade);
        review.HasIndex(r => new { r.CycleId, r.EmployeeId }).IsUnique();
        review.HasIndex(r => r.EmployeeId);
        review.HasIndex(r => r.ManagerId);
        review.Ignore(r => r.FocusActions);
    }
}

internal sealed class ReviewRatingConfiguration : IEntityTypeConfiguration<ReviewRating>
{
    public void Configure(EntityTypeBuilder<ReviewRating> rating)
    {
        rating.HasKey(r => new { r.ReviewId, r.Source, r.Element });
        rating.Property(r => r.Comment).HasMaxLength(Review.TextMaxLength);
    }
}

internal sealed class FeedbackRequestConfiguration : IEntityTypeConfiguration<FeedbackRequest>
{
    public void Configure(EntityTypeBuilder<FeedbackRequest> request)
    {
        request.HasOne(f => f.Giver).WithMany().HasForeignKey(f => f.GiverId).OnDelete(DeleteBehavior.Restrict);
        request.HasOne<Employee>().WithMany().HasForeignKey(f => f.RequestedById).OnDelete(DeleteBehavior.Restrict);
        request.HasMany(f => f.Answers).WithOne().HasForeignKey(a => a.RequestId).OnDelete(DeleteBehavior.Cascade);
        request.HasIndex(f => new { f.ReviewId, f.GiverId }).IsUnique();
        request.HasIndex(f => f.GiverId);
    }
}

internal sealed class FeedbackAnswerConfiguration : IEntityTypeConfiguration<FeedbackAnswer>
{
    public void Configure(EntityTypeBuilder<FeedbackAnswer> answer)
    {
        answer.HasKey(a => new { a.RequestId, a.Element });
        answer.Property(a => a.Comment).HasMaxLength(Review.TextMaxLength);
    }
}
