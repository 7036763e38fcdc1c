using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using ServiceCulture.Auditing;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.Notifications;
using ServiceCulture.Reporting;
using ServiceCulture.Reviews;
using ServiceCulture.People;
using ServiceCulture.Recognitions;
using ServiceCulture.Settings;

namespace ServiceCulture.Data;

/// <summary>The portal's database: people and teams with Identity, and every feature's tables.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options)
    : IdentityDbContext<Employee, IdentityRole<int>, int>(options), IDataProtectionKeyContext
{
    /// <summary>Identity's key columns, pinned so design time and run time agree on every engine.</summary>
    public const int IdentityKeyMaxLength = 128;

    public DbSet<Team> Teams => Set<Team>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Moment> Moments => Set<Moment>();
    public DbSet<RecoveryStep> RecoverySteps => Set<RecoveryStep>();
    public DbSet<MomentReaction> MomentReactions => Set<MomentReaction>();
    public DbSet<MomentComment> MomentComments => Set<MomentComment>();
    public DbSet<CaseStudy> CaseStudies => Set<CaseStudy>();
    public DbSet<CaseStudyComment> CaseStudyComments => Set<CaseStudyComment>();
    public DbSet<Recognition> Recognitions => Set<Recognition>();
    public DbSet<RecognitionRecipient> RecognitionRecipients => Set<RecognitionRecipient>();
    public DbSet<Allowance> Allowances => Set<Allowance>();
    public DbSet<PairFlag> PairFlags => Set<PairFlag>();
    public DbSet<PointsEntry> PointsLedger => Set<PointsEntry>();
    public DbSet<PointsDay> PointsDays => Set<PointsDay>();
    public DbSet<PointsMonth> PointsMonths => Set<PointsMonth>();
    public DbSet<PointsTotal> PointsTotals => Set<PointsTotal>();
    public DbSet<BadgeAward> BadgeAwards => Set<BadgeAward>();
    public DbSet<StreakPause> StreakPauses => Set<StreakPause>();
    public DbSet<Notification> Notifications => Set<Notification>();
    public DbSet<Setting> Settings => Set<Setting>();
    public DbSet<ServiceRating> ServiceRatings => Set<ServiceRating>();
    public DbSet<OutcomeMeasure> OutcomeMeasures => Set<OutcomeMeasure>();
    public DbSet<ReportSnapshot> ReportSnapshots => Set<ReportSnapshot>();
    public DbSet<ReviewCycle> ReviewCycles => Set<ReviewCycle>();
    public DbSet<ReviewCycleTeam> ReviewCycleTeams => Set<ReviewCycleTeam>();
    public DbSet<Review> Reviews => Set<Review>();
    public DbSet<ReviewRating> ReviewRatings => Set<ReviewRating>();
    public DbSet<FeedbackRequest> FeedbackRequests => Set<FeedbackRequest>();
    public DbSet<FeedbackAnswer> FeedbackAnswers => Set<FeedbackAnswer>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<People.Import.PeopleImport> PeopleImports => Set<People.Import.PeopleImport>();
    public DbSet<People.Import.PeopleImportRow> PeopleImportRows => Set<People.Import.PeopleImportRow>();
    public DbSet<ServiceCulture.Email.OutboxMessage> OutboxMessages => Set<ServiceCulture.Email.OutboxMessage>();
    public DbSet<ServiceCulture.Email.EmailOptOut> EmailOptOuts => Set<ServiceCulture.Email.EmailOptOut>();
    public DbSet<ServiceCulture.Nudges.Nudge> Nudges => Set<ServiceCulture.Nudges.Nudge>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<IdentityUserLogin<int>>(login =>
        {
            login.Property(l => l.LoginProvider).HasMaxLength(IdentityKeyMaxLength);
            login.Property(l => l.ProviderKey).HasMaxLength(IdentityKeyMaxLength);
        });
        builder.Entity<IdentityUserToken<int>>(token =>
        {
            token.Property(t => t.LoginProvider).HasMaxLength(IdentityKeyMaxLength);
            token.Property(t => t.Name).HasMaxLength(IdentityKeyMaxLength);
        });

        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        CopyRecognitionsToRecipients();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        CopyRecognitionsToRecipients();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>
    /// Each recipient row keeps its recognition's time, elements and withdrawal (see <see cref="RecognitionRecipient"/>),
    /// and each recognition the key of its message.
    /// </summary>
    private void CopyRecognitionsToRecipients()
    {
        foreach (var entry in ChangeTracker.Entries<Recognition>())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            entry.Entity.MessageKey = RecognitionRules.MessageKeyOf(entry.Entity.Message);

            foreach (var recipient in entry.Entity.Recipients)
            {
                recipient.CreatedAt = entry.Entity.CreatedAt;
                recipient.Elements = entry.Entity.Elements;
                recipient.DeletedAt = entry.Entity.DeletedAt;
            }
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is stored in UTC; SQLite and SQL Server forget the kind on the way back.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v, DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
