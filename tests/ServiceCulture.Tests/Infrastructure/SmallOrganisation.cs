using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Reporting;
using RecognitionEntity = ServiceCulture.Recognitions.Recognition;
using RecognitionRecipient = ServiceCulture.Recognitions.RecognitionRecipient;

namespace ServiceCulture.Tests.Infrastructure;

/// <summary>
/// A small organisation beside the demo one, dated March 2025 (long before the demo's activity), whose
/// every report figure is worked out by hand in <c>ReportFiguresTests</c>: Alpha with its sub-team
/// Alpha North, and Beta.
/// </summary>
public sealed class SmallOrganisation
{
    public static readonly DateOnly March = new(2025, 3, 1);

    public int Alpha { get; private set; }
    public int North { get; private set; }
    public int Beta { get; private set; }
    public Dictionary<string, int> People { get; } = [];

    public const int ActivePeople = 9;

    public static DateTime At(int month, int day, int hour = 9) => new(2025, month, day, hour, 0, 0, DateTimeKind.Utc);

    public static async Task<SmallOrganisation> CreateAsync(IPortalHost app)
    {
        var org = new SmallOrganisation();
        await app.WithDbAsync(async db =>
        {
            var alpha = new Team { Name = "Alpha" };
            var beta = new Team { Name = "Beta" };
            db.Teams.AddRange(alpha, beta);
            await db.SaveChangesAsync();
            var north = new Team { Name = "Alpha North", ParentTeamId = alpha.Id };
            db.Teams.Add(north);
            await db.SaveChangesAsync();
            (org.Alpha, org.North, org.Beta) = (alpha.Id, north.Id, beta.Id);

            foreach (var (key, team, active) in new[]
            {
                ("a1", alpha.Id, true), ("a2", alpha.Id, true), ("a3", alpha.Id, false), ("a4", alpha.Id, true),
                ("n1", north.Id, true), ("n2", north.Id, true),
                ("b1", beta.Id, true), ("b2", beta.Id, true), ("b3", beta.Id, true), ("b4", beta.Id, true),
            })
            {
                var email = $"{key}.small@demo.test";
                var person = new Employee
                {
                    UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                    SecurityStamp = Guid.NewGuid().ToString("N"), DisplayName = $"Person {key}", TeamId = team, IsActive = active, JoinedAt = At(1, 1),
                };
                db.Users.Add(person);
                await db.SaveChangesAsync();
                org.People[key] = person.Id;
            }

            alpha.ManagerId = org.People["a1"];
            beta.ManagerId = org.People["b1"];
            await db.SaveChangesAsync();
            await org.SeedActivityAsync(db);
        });
        return org;
    }

    private Moment Moment(string author, MomentKind kind, ServiceElements elements, DateTime at, DateTime? deleted = null)
    {
        var teamOf = author[0] switch { 'a' => Alpha, 'n' => North, _ => Beta };
        return new Moment
        {
            Kind = kind, Title = $"{kind} by {author}", Story = "A story for the report test.", OccurredOn = DateOnly.FromDateTime(at),
            CustomerKind = CustomerKind.External, ExternalCustomer = "a customer", Elements = elements, Visibility = Visibility.Everyone,
            AuthorId = People[author], AuthorTeamId = teamOf, CreatedAt = at, DeletedAt = deleted,
        };
    }

    private async Task SeedActivityAsync(AppDbContext db)
    {
        var miseryOne = Moment("n1", MomentKind.Misery, ServiceElements.ProblemSolving, At(3, 5, 10));
        var miseryTwo = Moment("n1", MomentKind.Misery, ServiceElements.GivenLife, At(3, 10, 8));
        var lateMisery = Moment("a2", MomentKind.Misery, ServiceElements.Focus, At(3, 20));
        var februaryMisery = Moment("b1", MomentKind.Misery, ServiceElements.Defined, At(2, 25));
        db.Moments.AddRange(
            Moment("a1", MomentKind.Magic, ServiceElements.Focus, At(3, 2)),
            Moment("a1", MomentKind.Truth, ServiceElements.Focus | ServiceElements.Measured, At(3, 3)),
            Moment("a1", MomentKind.Truth, ServiceElements.Defined, At(3, 4), deleted: At(3, 5)),
            Moment("a2", MomentKind.Magic, ServiceElements.Defined, At(4, 5)),
            Moment("b2", MomentKind.Magic, ServiceElements.Reinforced, At(3, 15)),
            miseryOne, miseryTwo, lateMisery, februaryMisery);
        await db.SaveChangesAsync();

        var recoveries = new[]
        {
            (miseryOne, Moment("n1", MomentKind.Recovery, ServiceElements.ProblemSolving, At(3, 6, 10))),
            (miseryTwo, Moment("n1", MomentKind.Recovery, ServiceElements.GivenLife, At(3, 13, 8))),
            (lateMisery, Moment("a2", MomentKind.Recovery, ServiceElements.Focus, At(4, 2))),
        };
        foreach (var (misery, recovery) in recoveries)
        {
            recovery.RecoversMomentId = misery.Id;
            db.Moments.Add(recovery);
        }

        await db.SaveChangesAsync();
        foreach (var (misery, recovery) in recoveries)
        {
            misery.RecoveryId = recovery.Id;
            misery.RecoveredAt = recovery.CreatedAt;
        }

        RecognitionEntity Recognition(string giver, ServiceElements elements, DateTime at, DateTime? deleted, params string[] recipients) => new()
        {
            GiverId = People[giver], Message = "Thank you for the service you gave this week.", Elements = elements, Points = 5,
            RequestId = Guid.NewGuid(), CreatedAt = at, DeletedAt = deleted,
            Recipients = [.. recipients.Select(r => new RecognitionRecipient { RecipientId = People[r] })],
        };
        db.Recognitions.AddRange(
            Recognition("b1", ServiceElements.Focus, At(3, 7), null, "a1", "n1"),
            Recognition("b2", ServiceElements.Reinforced, At(3, 8), null, "a1"),
            Recognition("a2", ServiceElements.GivenLife, At(3, 9), null, "b1"),
            Recognition("n2", ServiceElements.Defined, At(3, 11), null, "b3"),
            Recognition("b3", ServiceElements.Focus, At(3, 12), At(3, 13), "a1"),
            Recognition("b1", ServiceElements.Focus, At(4, 3), null, "a1"));

        ServiceRating Rating(string rater, int team, params (ServiceElements Element, int Score)[] scores)
        {
            var rating = new ServiceRating
            {
                RaterId = People[rater], RaterTeamId = rater[0] switch { 'a' => Alpha, 'n' => North, _ => Beta },
                RatedTeamId = team, Month = March, Comment = $"Comment from {rater}", RatedAt = At(3, 20),
            };
            foreach (var (element, score) in scores)
            {
                rating.SetScore(element, score);
            }

            return rating;
        }

        db.ServiceRatings.AddRange(
            Rating("b1", Alpha, (ServiceElements.Focus, 4), (ServiceElements.Defined, 2)),
            Rating("b2", Alpha, (ServiceElements.Focus, 5)),
            Rating("b3", North, (ServiceElements.GivenLife, 3)),
            Rating("a1", Beta, (ServiceElements.Focus, 2)),
            Rating("a2", Beta, (ServiceElements.Focus, 4)));

        db.OutcomeMeasures.AddRange(
            new OutcomeMeasure { TeamId = Alpha, Month = March, Csat = 80, Nps = 20, Retention = 90, Referrals = 3, Complaints = 2, RecordedById = People["a1"], RecordedAt = At(4, 1) },
            new OutcomeMeasure { TeamId = North, Month = March, Csat = 70, Nps = 40, Referrals = 1, Complaints = 4, RecordedById = People["a1"], RecordedAt = At(4, 1) });
        await db.SaveChangesAsync();
    }
}
