using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using ServiceCulture.Moments;
using ServiceCulture.People;

namespace ServiceCulture.Data;

internal sealed class MomentConfiguration : IEntityTypeConfiguration<Moment>
{
    public void Configure(EntityTypeBuilder<Moment> moment)
    {
        moment.Property(m => m.Title).HasMaxLength(Moment.TitleMaxLength).IsRequired();
        moment.Property(m => m.Story).HasMaxLength(Moment.StoryMaxLength).IsRequired();
        moment.Property(m => m.Lesson).HasMaxLength(Moment.LessonMaxLength);
        moment.Property(m => m.ExternalCustomer).HasMaxLength(Moment.CustomerNameMaxLength);
        moment.Property(m => m.HiddenReason).HasMaxLength(Moment.HiddenReasonMaxLength);

        moment.HasOne(m => m.Author).WithMany().HasForeignKey(m => m.AuthorId).OnDelete(DeleteBehavior.Restrict);
        moment.HasOne(m => m.CustomerEmployee).WithMany().HasForeignKey(m => m.CustomerEmployeeId).OnDelete(DeleteBehavior.Restrict);
        moment.HasOne(m => m.CustomerTeam).WithMany().HasForeignKey(m => m.CustomerTeamId).OnDelete(DeleteBehavior.Restrict);
        moment.HasOne(m => m.RecoveredBy).WithMany().HasForeignKey(m => m.RecoveredById).OnDelete(DeleteBehavior.Restrict);
        moment.HasOne(m => m.RecoversMoment).WithMany().HasForeignKey(m => m.RecoversMomentId).OnDelete(DeleteBehavior.Restrict);
        moment.HasOne<Employee>().WithMany().HasForeignKey(m => m.HiddenById).OnDelete(DeleteBehavior.Restrict);

        moment.HasMany(m => m.Steps).WithOne().HasForeignKey(s => s.MomentId).OnDelete(DeleteBehavior.Cascade);
        moment.HasMany(m => m.Reactions).WithOne().HasForeignKey(r => r.MomentId).OnDelete(DeleteBehavior.Cascade);
        moment.HasMany(m => m.Comments).WithOne().HasForeignKey(c => c.MomentId).OnDelete(DeleteBehavior.Cascade);

        moment.HasIndex(m => m.CreatedAt);
        moment.HasIndex(m => new { m.AuthorId, m.CreatedAt });
        // A person's moments counted per element (the profile's radar) from this index alone.
        moment.HasIndex(m => new { m.AuthorId, m.Elements, m.Visibility, m.AuthorTeamId, m.DeletedAt, m.HiddenAt }).HasDatabaseName("IX_Moments_AuthorElements");
        moment.HasIndex(m => new { m.AuthorTeamId, m.CreatedAt });
        moment.HasIndex(m => new { m.Kind, m.CreatedAt });
        moment.HasIndex(m => new { m.Kind, m.RecoveryId, m.CreatedAt });
        moment.HasIndex(m => m.RecoversMomentId);
    }
}

internal sealed class RecoveryStepConfiguration : IEntityTypeConfiguration<RecoveryStep>
{
    public void Configure(EntityTypeBuilder<RecoveryStep> step)
    {
        step.HasKey(s => new { s.MomentId, s.Number });
        step.Property(s => s.Note).HasMaxLength(RecoveryStep.NoteMaxLength);
    }
}

internal sealed class MomentReactionConfiguration : IEntityTypeConfiguration<MomentReaction>
{
    public void Configure(EntityTypeBuilder<MomentReaction> reaction)
    {
        reaction.HasKey(r => new { r.MomentId, r.EmployeeId, r.Kind });
        reaction.HasOne<Employee>().WithMany().HasForeignKey(r => r.EmployeeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MomentCommentConfiguration : IEntityTypeConfiguration<MomentComment>
{
    public void Configure(EntityTypeBuilder<MomentComment> comment)
    {
        comment.Property(c => c.Body).HasMaxLength(MomentComment.BodyMaxLength).IsRequired();
        comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        comment.HasIndex(c => new { c.MomentId, c.CreatedAt });
    }
}

internal sealed class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudy>
{
    public void Configure(EntityTypeBuilder<CaseStudy> study)
    {
        study.Property(s => s.Title).HasMaxLength(CaseStudy.TitleMaxLength).IsRequired();
        study.Property(s => s.WhatWentWrong).HasMaxLength(CaseStudy.TextMaxLength).IsRequired();
        study.Property(s => s.HowItWasRecovered).HasMaxLength(CaseStudy.TextMaxLength).IsRequired();
        study.Property(s => s.Lesson).HasMaxLength(Moment.LessonMaxLength);
        study.HasOne(s => s.RecoveryMoment).WithMany().HasForeignKey(s => s.RecoveryMomentId).OnDelete(DeleteBehavior.Restrict);
        study.HasOne<Employee>().WithMany().HasForeignKey(s => s.SharedById).OnDelete(DeleteBehavior.Restrict);
        study.HasIndex(s => s.RecoveryMomentId).IsUnique();
        study.HasIndex(s => s.SharedAt);
        study.HasMany(s => s.Comments).WithOne().HasForeignKey(c => c.CaseStudyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CaseStudyCommentConfiguration : IEntityTypeConfiguration<CaseStudyComment>
{
    public void Configure(EntityTypeBuilder<CaseStudyComment> comment)
    {
        comment.Property(c => c.Body).HasMaxLength(MomentComment.BodyMaxLength).IsRequired();
        comment.HasOne(c => c.Author).WithMany().HasForeignKey(c => c.AuthorId).OnDelete(DeleteBehavior.Restrict);
        comment.HasIndex(c => new { c.CaseStudyId, c.CreatedAt });
    }
}
