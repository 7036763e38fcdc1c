using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Notifications;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Recognitions;
using ServiceCulture.Reporting;
using ServiceCulture.Reviews;

namespace ServiceCulture.Demo;

/// <summary>
/// Seeds the demo organisation (teams, people, roles and, as features arrive, their activity) into an
/// empty database. Does nothing when anyone already exists, so it is safe to run at every start.
/// </summary>
public sealed class DemoOrganisation(AppDbContext db, IPasswordHasher<Employee> hasher, IServiceProvider services, TimeProvider clock)
{
    public const string Password = "Passw0rd!Demo";
    public const string AdminEmail = "admin@demo.test";
    public const string ManagerEmail = "manager@demo.test";
    public const string EmployeeEmail = "employee@demo.test";

    private sealed record Person(string Name, string Email, string JobTitle, string TimeZone, bool Manages = false, bool Admin = false);

    private sealed record TeamPlan(string Name, string Description, string? Parent, Person[] People);

    private static readonly TeamPlan[] Plan =
    [
        new("Customer Care", "First line for customers: phone, chat and email.", null,
        [
            new("Morgan Reyes", ManagerEmail, "Customer Care Lead", "Europe/London", Manages: true),
            new("Emma Lindqvist", EmployeeEmail, "Customer Advisor", "Europe/London"),
            new("Noah Okafor", "noah.okafor@demo.test", "Customer Advisor", "Europe/London"),
            new("Priya Nair", "priya.nair@demo.test", "Senior Customer Advisor", "Europe/London"),
            new("Lucas Moreau", "lucas.moreau@demo.test", "Customer Advisor", "Europe/Paris"),
            new("Sofia Rossi", "sofia.rossi@demo.test", "Customer Advisor", "Europe/Rome"),
            new("Liam Byrne", "liam.byrne@demo.test", "Chat Specialist", "Europe/Dublin"),
            new("Aisha Bello", "aisha.bello@demo.test", "Complaints Specialist", "Africa/Lagos"),
            new("Tom Fischer", "tom.fischer@demo.test", "Customer Advisor", "Europe/Berlin"),
        ]),
        new("Sales", "New customers and renewals.", null,
        [
            new("Daniel Kim", "daniel.kim@demo.test", "Head of Sales", "America/New_York", Manages: true),
            new("Olivia Brown", "olivia.brown@demo.test", "Account Executive", "America/New_York"),
            new("Mateo Garcia", "mateo.garcia@demo.test", "Account Executive", "America/Chicago"),
            new("Chloe Martin", "chloe.martin@demo.test", "Account Manager", "Europe/Paris"),
            new("Ethan Walker", "ethan.walker@demo.test", "Sales Development Rep", "America/Denver"),
            new("Mia Johansson", "mia.johansson@demo.test", "Account Manager", "Europe/Stockholm"),
            new("Ravi Shah", "ravi.shah@demo.test", "Solutions Consultant", "Asia/Kolkata"),
            new("Grace Lee", "grace.lee@demo.test", "Account Executive", "America/Los_Angeles"),
        ]),
        new("Operations", "Orders, logistics and the systems behind them.", null,
        [
            new("Hannah Schmidt", "hannah.schmidt@demo.test", "Operations Manager", "Europe/Berlin", Manages: true),
            new("Jonas Weber", "jonas.weber@demo.test", "Logistics Coordinator", "Europe/Berlin"),
            new("Yuki Tanaka", "yuki.tanaka@demo.test", "Systems Analyst", "Asia/Tokyo"),
            new("Carlos Silva", "carlos.silva@demo.test", "Warehouse Lead", "Europe/Lisbon"),
            new("Fatima Zahra", "fatima.zahra@demo.test", "Order Specialist", "Europe/Madrid"),
            new("Peter Novak", "peter.novak@demo.test", "IT Support", "Europe/Warsaw"),
            new("Ingrid Berg", "ingrid.berg@demo.test", "Process Analyst", "Europe/Stockholm"),
            new("Samuel Osei", "samuel.osei@demo.test", "Logistics Coordinator", "Africa/Johannesburg"),
        ]),
        new("Finance", "Billing, payments and the numbers.", null,
        [
            new("Eleanor Wright", "eleanor.wright@demo.test", "Finance Manager", "Europe/London", Manages: true),
            new("Arjun Mehta", "arjun.mehta@demo.test", "Billing Specialist", "Asia/Kolkata"),
            new("Laura Costa", "laura.costa@demo.test", "Accounts Payable", "Europe/Lisbon"),
            new("Ben Cohen", "ben.cohen@demo.test", "Financial Analyst", "America/Toronto"),
            new("Nadia Haddad", "nadia.haddad@demo.test", "Credit Controller", "Asia/Dubai"),
            new("Oscar Lindgren", "oscar.lindgren@demo.test", "Payroll Specialist", "Europe/Stockholm"),
        ]),
        new("People & Culture", "Hiring, learning and the way we work together.", null,
        [
            new("Avery Patel", AdminEmail, "People & Culture Director", "Europe/London", Manages: true, Admin: true),
            new("Zoe Campbell", "zoe.campbell@demo.test", "HR Business Partner", "Europe/London"),
            new("Kenji Watanabe", "kenji.watanabe@demo.test", "Learning Designer", "Asia/Tokyo"),
            new("Amara Diallo", "amara.diallo@demo.test", "Recruiter", "Europe/Paris"),
            new("Felix Braun", "felix.braun@demo.test", "People Analyst", "Europe/Berlin"),
            new("Isabel Torres", "isabel.torres@demo.test", "Internal Communications", "America/Mexico_City"),
            new("Hugo Laurent", "hugo.laurent@demo.test", "Workplace Coordinator", "Europe/Paris"),
        ]),
    ];

    public static int PeopleCount => Plan.Sum(t => t.People.Length);

    public async Task<bool> SeedAsync(CancellationToken cancellationToken)
    {
        await RoleSetup.EnsureRolesAsync(db, cancellationToken);
        if (await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        var roleIds = await RoleSetup.RoleIdsAsync(db, cancellationToken);
        var now = clock.GetUtcNow().UtcDateTime;
        // One hash for everyone: the demo accounts share a password, and hashing forty times would
        // only slow the first start.
        var passwordHash = hasher.HashPassword(new Employee(), Password);

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var index = 0;
        foreach (var plan in Plan)
        {
            var team = new Team { Name = plan.Name, Description = plan.Description };
            db.Teams.Add(team);
            await db.SaveChangesAsync(cancellationToken);

            Employee? manager = null;
            foreach (var person in plan.People)
            {
                var employee = new Employee
                {
                    UserName = person.Email,
                    NormalizedUserName = person.Email.ToUpperInvariant(),
                    Email = person.Email,
                    NormalizedEmail = person.Email.ToUpperInvariant(),
                    EmailConfirmed = true,
                    PasswordHash = passwordHash,
                    SecurityStamp = Guid.NewGuid().ToString("N"),
                    ConcurrencyStamp = Guid.NewGuid().ToString(),
                    LockoutEnabled = true,
                    DisplayName = person.Name,
                    JobTitle = person.JobTitle,
                    TimeZoneId = person.TimeZone,
                    TeamId = team.Id,
                    ManagerId = manager?.Id,
                    JoinedAt = now.AddDays(-400 + (index++ * 7)),
                };
                db.Users.Add(employee);
                await db.SaveChangesAsync(cancellationToken);

                db.UserRoles.Add(new IdentityUserRole<int> { UserId = employee.Id, RoleId = roleIds[Roles.Employee] });
                if (person.Manages)
                {
                    manager = employee;
                    team.ManagerId = employee.Id;
                    db.UserRoles.Add(new IdentityUserRole<int> { UserId = employee.Id, RoleId = roleIds[Roles.Manager] });
                }

                if (person.Admin)
                {
                    db.UserRoles.Add(new IdentityUserRole<int> { UserId = employee.Id, RoleId = roleIds[Roles.Admin] });
                }
            }

            await db.SaveChangesAsync(cancellationToken);
        }

        // Team managers report to the People & Culture director, so every chain ends at the admin.
        var director = await db.Users.SingleAsync(u => u.NormalizedEmail == AdminEmail.ToUpperInvariant(), cancellationToken);
        var teamManagers = await db.Teams.Where(t => t.ManagerId != null && t.ManagerId != director.Id).Select(t => t.ManagerId).ToListAsync(cancellationToken);
        await db.Users.Where(u => teamManagers.Contains(u.Id)).ExecuteUpdateAsync(s => s.SetProperty(u => u.ManagerId, director.Id), cancellationToken);

        await transaction.CommitAsync(cancellationToken);

        // The activity goes through the portal's own rules, each at the instant it happened, so its
        // points, allowances, badges, levels and notifications are exactly what real use produces.
        var rules = new SeedRules(services, now);
        await SeedMomentsAsync(rules, now, cancellationToken);
        await SeedRecognitionsAsync(rules, now, cancellationToken);
        await SeedReviewsAsync(rules, now, cancellationToken);
        await SeedMeasurementAsync(now, cancellationToken);
        return true;
    }

    private sealed record Member(int Id, int? TeamId, string Email, string TimeZoneId, bool IsAdmin)
    {
        public Actor Actor => new(Id, TeamId, TimeZoneId, IsAdmin);
    }

    private async Task<List<Member>> MembersAsync(CancellationToken cancellationToken)
    {
        var admins = await db.UserRoles.Where(r => db.Roles.Any(x => x.Id == r.RoleId && x.Name == Roles.Admin)).Select(r => r.UserId).ToListAsync(cancellationToken);
        return (await db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.TeamId, u.Email, u.TimeZoneId }).ToListAsync(cancellationToken))
            .Select(u => new Member(u.Id, u.TeamId, u.Email!, u.TimeZoneId, admins.Contains(u.Id)))
            .ToList();
    }

    /// <summary>Seven weeks of recognitions, given through the recognition rules at their time.</summary>
    private async Task SeedRecognitionsAsync(SeedRules rules, DateTime now, CancellationToken cancellationToken)
    {
        var random = new Random(11);
        var people = await MembersAsync(cancellationToken);
        var emma = people.Single(p => p.Email == EmployeeEmail).Id;
        var moments = await db.Moments.Where(m => m.Visibility == Visibility.Everyone).Select(m => new { m.Id, m.AuthorId }).ToListAsync(cancellationToken);
        var elements = ServiceElementCatalog.All.Select(e => e.Element).ToArray();
        for (var i = 0; i < 48; i++)
        {
            var giver = people[random.Next(people.Count)];
            var recipients = people.Where(p => p.Id != giver.Id).OrderBy(_ => random.Next()).Take(random.Next(4) == 0 ? 2 : 1).Select(p => p.Id).ToList();
            if (i % 6 == 0 && giver.Id != emma && !recipients.Contains(emma))
            {
                recipients[0] = emma;
            }

            var createdAt = now.AddDays(-49 + i).AddHours(random.Next(8, 17));
            var related = moments.FirstOrDefault(m => recipients.Contains(m.AuthorId));
            var draft = new RecognitionDraft
            {
                RecipientIds = recipients,
                Message = DemoStories.Thanks[i % DemoStories.Thanks.Length],
                Elements = elements[random.Next(elements.Length)] | elements[random.Next(elements.Length)],
                Points = random.Next(1, 5) * 5,
                RelatedMomentId = random.Next(3) == 0 ? related?.Id : null,
                IsQuiet = i % 11 == 5,
                RequestId = Guid.NewGuid(),
            };

            // A recognition the rules refuse (an allowance used up, a colleague thanked often this
            // week) is left out, as it would have been.
            rules.Clock.Now = createdAt;
            await rules.Recognitions.GiveAsync(draft, giver.Actor, cancellationToken);
        }
    }

    /// <summary>Two months of moments, miseries with their recoveries, a case study, reactions and comments.</summary>
    private async Task SeedMomentsAsync(SeedRules rules, DateTime now, CancellationToken cancellationToken)
    {
        var random = new Random(2026);
        var people = await MembersAsync(cancellationToken);
        var teams = await db.Teams.Select(t => t.Id).ToListAsync(cancellationToken);
        Member ByEmail(string email) => people.Single(p => p.Email == email);
        var emma = ByEmail(EmployeeEmail);
        var morgan = ByEmail(ManagerEmail);

        (Member Author, DateTime At, MomentDraft Draft) Prepare(DemoStories.Story story, Member author, DateTime createdAt, Visibility visibility)
        {
            var draft = new MomentDraft
            {
                Kind = story.Kind,
                Title = story.Title,
                Story = story.Text,
                OccurredOn = ServiceTimeZones.LocalDate(createdAt.AddHours(-random.Next(1, 30)), author.TimeZoneId),
                CustomerKind = story.Customer,
                ExternalCustomer = story.External,
                Elements = story.Elements,
                Lesson = story.Lesson,
                Visibility = visibility,
            };
            if (story.Customer == CustomerKind.Colleague)
            {
                draft = draft with { CustomerEmployeeId = people.Where(p => p.Id != author.Id).ElementAt(random.Next(people.Count - 1)).Id };
            }
            else if (story.Customer == CustomerKind.Team)
            {
                draft = draft with { CustomerTeamId = teams.Where(t => t != author.TeamId).ElementAt(random.Next(teams.Count - 1)) };
            }

            return (author, createdAt, draft);
        }

        async Task<Moment> LogAsync((Member Author, DateTime At, MomentDraft Draft) plan)
        {
            rules.Clock.Now = plan.At;
            var outcome = await rules.Moments.LogAsync(plan.Draft, plan.Author.Actor, cancellationToken);
            return outcome.Value ?? throw new InvalidOperationException(
                $"The demo moment “{plan.Draft.Title}” was refused: {string.Join(" ", outcome.Refusals.Select(v => v.Message))}");
        }

        var everyday = DemoStories.Truths.Concat(DemoStories.Magic).ToArray();
        var planned = new List<(Member Author, DateTime At, MomentDraft Draft)>();
        for (var i = 0; i < 42; i++)
        {
            var author = i % 7 == 0 ? emma : people[random.Next(people.Count)];
            var story = everyday[i % everyday.Length];
            var createdAt = now.AddDays(-56 + (i * 1.3)).AddMinutes(random.Next(0, 600));
            planned.Add(Prepare(story, author, createdAt, i % 9 == 4 ? Visibility.MyTeam : Visibility.Everyone));
        }

        // Miseries: three recovered (one shared as a case study), two still open.
        var miseryAuthors = new[] { emma, ByEmail("noah.okafor@demo.test"), ByEmail("priya.nair@demo.test"), emma, ByEmail("lucas.moreau@demo.test") };
        var plannedMiseries = new List<(Member Author, DateTime At, MomentDraft Draft)>();
        for (var i = 0; i < DemoStories.Miseries.Length; i++)
        {
            var visibility = i == 4 ? Visibility.AuthorAndManager : Visibility.MyTeam;
            plannedMiseries.Add(Prepare(DemoStories.Miseries[i], miseryAuthors[i], now.AddDays(-30 + (i * 6)).AddHours(9 + i), visibility));
        }

        var all = new List<Moment>();
        var miseries = new Dictionary<int, Moment>();
        var byTime = planned.Select(p => (Plan: p, Misery: -1)).Concat(plannedMiseries.Select((p, i) => (Plan: p, Misery: i))).OrderBy(p => p.Plan.At);
        foreach (var (plan, misery) in byTime)
        {
            var moment = await LogAsync(plan);
            all.Add(moment);
            if (misery >= 0)
            {
                miseries[misery] = moment;
            }
        }

        var recoveries = new List<Moment>();
        for (var i = 0; i < DemoStories.Recoveries.Length; i++)
        {
            var misery = miseries[i];
            var author = people.Single(p => p.Id == misery.AuthorId);
            var plan = Prepare(DemoStories.Recoveries[i], author, misery.CreatedAt.AddHours(20 + (i * 15)), Visibility.Everyone);
            var draft = plan.Draft with
            {
                RecoversMomentId = misery.Id,
                RecoveredById = i == 2 ? morgan.Id : author.Id,
                CustomerEmployeeId = misery.CustomerEmployeeId ?? plan.Draft.CustomerEmployeeId,
                CustomerTeamId = misery.CustomerTeamId ?? plan.Draft.CustomerTeamId,
                Steps = [.. Enumerable.Range(1, 5).Select(n => new StepDraft(n, n != 4 || i != 1, DemoStories.RecoveryNotes[n - 1]))],
            };
            var recovery = await LogAsync(plan with { Draft = draft });
            recoveries.Add(recovery);
            all.Add(recovery);
        }

        var study = new CaseStudy
        {
            RecoveryMomentId = recoveries[0].Id,
            Title = "Invoice sent to an old address, and a reminder that felt like an accusation",
            WhatWentWrong = "The quarterly invoice went to the customer's old office. They only found out from a payment reminder.",
            HowItWasRecovered = recoveries[0].Story + "\n\n" + string.Join("\n", MomentCatalog.RecoverySteps.Select(s => $"- **{s.Number}. {s.Title}** — {DemoStories.RecoveryNotes[s.Number - 1]}")),
            Lesson = recoveries[0].Lesson,
            Elements = recoveries[0].Elements | miseries[0].Elements,
            SharedById = emma.Id,
            SharedAt = recoveries[0].CreatedAt.AddHours(3),
        };
        db.CaseStudies.Add(study);

        foreach (var moment in all.Where(m => m.Visibility == Visibility.Everyone))
        {
            var reactors = people.Where(p => p.Id != moment.AuthorId).OrderBy(_ => random.Next()).Take(random.Next(0, 6));
            foreach (var reactor in reactors)
            {
                var kind = (ReactionKind)random.Next(1, 5);
                db.MomentReactions.Add(new MomentReaction { MomentId = moment.Id, EmployeeId = reactor.Id, Kind = kind, At = moment.CreatedAt.AddHours(random.Next(1, 48)) });
            }

            if (random.Next(3) == 0)
            {
                var commenter = people.Where(p => p.Id != moment.AuthorId).ElementAt(random.Next(people.Count - 1));
                db.MomentComments.Add(new MomentComment { MomentId = moment.Id, AuthorId = commenter.Id, Body = DemoStories.Comments[random.Next(DemoStories.Comments.Length)], CreatedAt = moment.CreatedAt.AddHours(random.Next(1, 30)) });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.CaseStudyComments.Add(new CaseStudyComment { CaseStudyId = study.Id, AuthorId = morgan.Id, Body = "The step 4 fix is the real win here: the address check is now part of every move.", CreatedAt = study.SharedAt.AddHours(5) });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// A closed cycle with shared and acknowledged reviews, and an open one with reviews in every
    /// state, so that employees, managers and admins all have a review page to open.
    /// </summary>
    private async Task SeedReviewsAsync(SeedRules rules, DateTime now, CancellationToken cancellationToken)
    {
        var random = new Random(8);
        var today = DateOnly.FromDateTime(now);
        var people = await db.Users.OrderBy(u => u.Id).Where(u => u.ManagerId != null)
            .Select(u => new { u.Id, u.Email, u.TeamId, ManagerId = u.ManagerId!.Value, u.DisplayName }).ToListAsync(cancellationToken);
        var teams = await db.Teams.Select(t => t.Id).ToListAsync(cancellationToken);
        var director = await db.Users.Where(u => u.Email == AdminEmail).Select(u => u.Id).SingleAsync(cancellationToken);
        var elements = ServiceElementCatalog.All.Select(e => e.Element).ToArray();
        // Each manager's habit: one rates generously, so calibration has something to discuss.
        var lean = people.Select(p => p.ManagerId).Distinct().ToDictionary(m => m, m => people.Any(p => p.ManagerId == m && p.Email == "olivia.brown@demo.test") ? 1.4 : 0);

        List<ReviewRating> Ratings(int managerId, RatingSource source) =>
            [.. elements.Select(e => new ReviewRating
            {
                Source = source,
                Element = e,
                Rating = Math.Clamp((int)Math.Round(3 + lean.GetValueOrDefault(managerId) + (random.NextDouble() * 2) - 1), 1, 5),
                Comment = source == RatingSource.Manager ? DemoStories.ReviewComments[random.Next(DemoStories.ReviewComments.Length)] : null,
            })];

        void Assess(Review review, DateTime at)
        {
            review.Ratings.AddRange(Ratings(review.ManagerId, RatingSource.Manager));
            review.Strengths = "Calls customers back before they chase, and shares what works with the team.";
            review.FocusElement = elements[random.Next(elements.Length)];
            review.FocusAction1 = "Log one moment a week where a colleague was the customer.";
            review.FocusAction2 = "Ask one internal customer each month how a hand-over went.";
            review.RevisitOn = DateOnly.FromDateTime(at).AddDays(60);
            review.Summary = "A steady period with clear examples of service first. The next step is to make the good habits visible to the whole team.";
            review.ManagerNotes = "Talk about a possible mentoring role next cycle.";
            review.LastSavedAt = at;
            review.LastSavedById = review.ManagerId;
            review.Version = 2;
        }

        var past = new ReviewCycle
        {
            Name = "Spring 2026",
            PeriodStart = today.AddDays(-270),
            PeriodEnd = today.AddDays(-90),
            SelfAssessmentDue = today.AddDays(-80),
            ReviewDue = today.AddDays(-70),
            CreatedById = director,
            CreatedAt = now.AddDays(-95),
            ClosedAt = now.AddDays(-60),
            Teams = [.. teams.Select(t => new ReviewCycleTeam { TeamId = t })],
        };
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            var review = new Review { EmployeeId = person.Id, ManagerId = person.ManagerId, TeamId = person.TeamId, State = ReviewState.Shared };
            review.Ratings.AddRange(Ratings(person.ManagerId, RatingSource.Self));
            review.SelfAssessedAt = now.AddDays(-85);
            Assess(review, now.AddDays(-75));
            review.SharedAt = now.AddDays(-72);
            if (i % 4 != 3 || person.Email == EmployeeEmail)
            {
                review.State = ReviewState.Acknowledged;
                review.AcknowledgedAt = now.AddDays(-70);
                review.EmployeeComment = person.Email == EmployeeEmail ? "Thank you. I will keep asking Sales how the hand-overs land." : null;
            }

            past.Reviews.Add(review);
        }

        var open = new ReviewCycle
        {
            Name = "Autumn 2026",
            PeriodStart = today.AddDays(-80),
            PeriodEnd = today.AddDays(10),
            SelfAssessmentDue = today.AddDays(7),
            ReviewDue = today.AddDays(21),
            CreatedById = director,
            CreatedAt = now.AddDays(-3),
            Teams = [.. teams.Select(t => new ReviewCycleTeam { TeamId = t })],
        };
        var states = new Dictionary<string, ReviewState>
        {
            [EmployeeEmail] = ReviewState.SelfAssessed,
            ["noah.okafor@demo.test"] = ReviewState.NotStarted,
            ["priya.nair@demo.test"] = ReviewState.Draft,
            ["lucas.moreau@demo.test"] = ReviewState.Shared,
            ["sofia.rossi@demo.test"] = ReviewState.Acknowledged,
            ["liam.byrne@demo.test"] = ReviewState.SelfAssessed,
            [ManagerEmail] = ReviewState.Draft,
        };
        var cycleOfStates = Enum.GetValues<ReviewState>();
        var emmaMoment = await db.Moments.Where(m => m.Author!.Email == EmployeeEmail && m.Kind == MomentKind.Magic).OrderByDescending(m => m.CreatedAt).Select(m => (long?)m.Id).FirstOrDefaultAsync(cancellationToken);
        foreach (var (person, i) in people.Select((p, i) => (p, i)))
        {
            var state = states.TryGetValue(person.Email!, out var s) ? s : cycleOfStates[i % cycleOfStates.Length];
            var review = new Review { EmployeeId = person.Id, ManagerId = person.ManagerId, TeamId = person.TeamId, State = state, Version = 1 };
            if (state >= ReviewState.SelfAssessed && (state != ReviewState.Draft || i % 2 == 0))
            {
                review.Ratings.AddRange(Ratings(person.ManagerId, RatingSource.Self));
                review.SelfAssessedAt = now.AddDays(-2);
                review.SelfComment = person.Email == EmployeeEmail ? "The invoice recovery taught me to check addresses before every move." : null;
                review.ProudMomentId = person.Email == EmployeeEmail ? emmaMoment : null;
            }

            if (state >= ReviewState.Draft)
            {
                Assess(review, now.AddDays(-1));
            }

            if (state >= ReviewState.Shared)
            {
                review.SharedAt = now.AddHours(-20);
            }

            if (state == ReviewState.Acknowledged)
            {
                review.AcknowledgedAt = now.AddHours(-5);
                review.EmployeeComment = "Agreed. I will take the hand-over actions to the next team meeting.";
            }

            open.Reviews.Add(review);
        }

        db.ReviewCycles.AddRange(past, open);
        await db.SaveChangesAsync(cancellationToken);

        // Feedback from internal customers on Emma's open review: three answered, one still open,
        // and Emma herself asked about a teammate.
        var emmaReview = open.Reviews.Single(r => people.Single(p => p.Id == r.EmployeeId).Email == EmployeeEmail);
        var noahReview = open.Reviews.Single(r => people.Single(p => p.Id == r.EmployeeId).Email == "noah.okafor@demo.test");
        var givers = people.Where(p => p.TeamId != emmaReview.TeamId).Select(p => p.Id).Take(4).ToList();
        var emma = people.Single(p => p.Email == EmployeeEmail);
        foreach (var (giver, i) in givers.Select((g, i) => (g, i)))
        {
            var request = new FeedbackRequest { ReviewId = emmaReview.Id, GiverId = giver, RequestedById = emmaReview.ManagerId, RequestedAt = now.AddDays(-2), DueOn = open.ReviewDue };
            if (i < 3)
            {
                request.AnsweredAt = now.AddDays(-1).AddHours(i);
                request.Answers = [.. elements.Take(4 + (i % 3)).Select(e => new FeedbackAnswer { Element = e, Rating = 3 + random.Next(3), Comment = i == 0 && e == ServiceElements.Focus ? "Always calls back before we have to chase." : null })];
            }

            db.FeedbackRequests.Add(request);
        }

        var asked = new FeedbackRequest { ReviewId = noahReview.Id, GiverId = emma.Id, RequestedById = noahReview.ManagerId, RequestedAt = now.AddDays(-1), DueOn = open.ReviewDue };
        db.FeedbackRequests.Add(asked);
        await db.SaveChangesAsync(cancellationToken);
        rules.Clock.Now = now;
        rules.Notifications.Queue(emma.Id, Notifications.NotificationKind.FeedbackRequested, "You were asked how Noah Okafor served you. Answer in the portal.", asked.Id, $"feedback-requested:{asked.Id}");
        await db.SaveChangesAsync(cancellationToken);

        // Acknowledging a review earns its badge, as it does when a person acknowledges one in the portal.
        foreach (var acknowledged in past.Reviews.Concat(open.Reviews).Where(r => r.State == ReviewState.Acknowledged).Select(r => r.EmployeeId).Distinct())
        {
            await rules.Gamification.AfterActivityAsync(acknowledged, Gamification.Activity.ReviewAcknowledged, cancellationToken);
        }
    }

    /// <summary>
    /// A year of measurement before this month: the customers' own figures per team and month, internal
    /// ratings from other teams' people for the last six months (at least three raters each, so every
    /// team shows its satisfaction), and the snapshot the monthly job would have stored for each closed
    /// month, so the reports open with a trend. Nothing is rated in the current month: the first rating
    /// a person gives in the demo starts that month's count.
    /// </summary>
    private async Task SeedMeasurementAsync(DateTime now, CancellationToken cancellationToken)
    {
        var random = new Random(10);
        var thisMonth = ReportRange.MonthOf(now);
        var director = await db.Users.Where(u => u.Email == AdminEmail).Select(u => u.Id).SingleAsync(cancellationToken);
        var teams = await db.Teams.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync(cancellationToken);
        var people = await db.Users.OrderBy(u => u.Id).Select(u => new { u.Id, u.TeamId }).ToListAsync(cancellationToken);
        var elements = ServiceElementCatalog.All.Select(e => e.Element).ToArray();

        for (var t = 0; t < teams.Count; t++)
        {
            // Each team has its own level and improves slowly, with some noise month to month.
            var csat = 74 + (t * 3) + random.Next(0, 4);
            var nps = 12 + (t * 6) + random.Next(0, 8);
            var complaints = 14 - (t * 2) + random.Next(0, 4);
            for (var ago = 12; ago >= 1; ago--)
            {
                var month = thisMonth.AddMonths(-ago);
                db.OutcomeMeasures.Add(new OutcomeMeasure
                {
                    TeamId = teams[t],
                    Month = month,
                    Csat = Math.Round(Math.Min(99, csat + ((12 - ago) * 0.6) + random.Next(-2, 3)), 1),
                    Nps = Math.Clamp(nps + ((12 - ago) / 2) + random.Next(-4, 5), -100, 100),
                    Retention = Math.Round(Math.Min(99.5, 88 + t + ((12 - ago) * 0.3) + (random.Next(-10, 11) / 10.0)), 1),
                    Referrals = Math.Max(0, 2 + t + random.Next(0, 5) + ((12 - ago) / 4)),
                    Complaints = Math.Max(0, complaints - ((12 - ago) / 3) + random.Next(-2, 3)),
                    RecordedById = director,
                    RecordedAt = month.AddMonths(1).ToDateTime(new TimeOnly(9, 0), DateTimeKind.Utc).AddDays(2),
                });
            }
        }

        for (var ago = 6; ago >= 1; ago--)
        {
            var month = thisMonth.AddMonths(-ago);
            var start = month.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            foreach (var team in teams)
            {
                var others = people.Where(p => p.TeamId != team).ToList();
                foreach (var rater in others.OrderBy(_ => random.Next()).Take(random.Next(3, 7)))
                {
                    var rating = new ServiceRating
                    {
                        RaterId = rater.Id,
                        RaterTeamId = rater.TeamId,
                        RatedTeamId = team,
                        Month = month,
                        Comment = random.Next(3) == 0 ? DemoStories.RatingComments[random.Next(DemoStories.RatingComments.Length)] : null,
                        RatedAt = start.AddDays(random.Next(0, 27)).AddHours(random.Next(8, 18)),
                    };
                    foreach (var element in elements.OrderBy(_ => random.Next()).Take(random.Next(2, 5)))
                    {
                        rating.SetScore(element, Math.Clamp(3 + random.Next(-1, 3) + (ago <= 2 ? random.Next(0, 2) : 0), ServiceRating.MinScore, ServiceRating.MaxScore));
                    }

                    db.ServiceRatings.Add(rating);
                }
            }
        }

        await db.SaveChangesAsync(cancellationToken);

        // The snapshots as the monthly job stores them when each month closes (without its notices:
        // those months passed before the demo began).
        var builder = new ReportBuilder(db);
        for (var ago = 12; ago >= 1; ago--)
        {
            var month = thisMonth.AddMonths(-ago);
            var figures = await builder.MonthForEveryScopeAsync(month, cancellationToken);
            foreach (var teamId in teams.Select(t => (int?)t).Prepend(null))
            {
                db.ReportSnapshots.Add(new ReportSnapshot
                {
                    Scope = ReportSnapshot.ScopeOf(teamId),
                    TeamId = teamId,
                    Month = month,
                    Figures = ReportBuilder.Serialize(figures[teamId ?? 0]),
                    TakenAt = month.AddMonths(1).ToDateTime(new TimeOnly(1, 0), DateTimeKind.Utc),
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>
    /// The portal's rules on a clock the seed sets to each event's instant. Built from the host's
    /// services with that clock in place of the host's, so every rule the pages use applies.
    /// </summary>
    private sealed class SeedRules
    {
        public SeedRules(IServiceProvider services, DateTime now)
        {
            Clock = new SeedClock { Now = now };
            T Make<T>(params object[] made) => ActivatorUtilities.CreateInstance<T>(services, made);
            var notifications = Make<NotificationCenter>(Clock);
            var streaks = Make<StreakRules>(Clock);
            var badges = Make<BadgeRules>(notifications, streaks, Clock);
            var levels = Make<LevelRules>(notifications);
            var events = Make<GamificationEvents>(badges, levels, Clock);
            var audit = Make<Auditing.AuditLog>(Clock);
            Moments = Make<MomentRules>(audit, events, notifications, Clock);
            Recognitions = Make<RecognitionRules>(events, notifications, audit, Clock);
            Notifications = notifications;
            Gamification = events;
        }

        public GamificationEvents Gamification { get; }

        public NotificationCenter Notifications { get; }

        public SeedClock Clock { get; }
        public MomentRules Moments { get; }
        public RecognitionRules Recognitions { get; }
    }

    /// <summary>A clock that stands where the seed puts it.</summary>
    private sealed class SeedClock : TimeProvider
    {
        public DateTime Now { get; set; }

        public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
    }
}
