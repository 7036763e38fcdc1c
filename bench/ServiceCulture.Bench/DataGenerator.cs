using System.Diagnostics;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Reviews;

namespace ServiceCulture.Bench;

/// <summary>
/// Builds an organisation at scale: teams, people, a year of moments with recoveries, reactions and
/// comments, recognitions and the points ledger. Deterministic for a given seed (dates are relative
/// to the day it runs, so "this week" always has data), so runs compare like with like.
/// </summary>
public sealed class DataGenerator(DatabaseProvider provider, string connectionString, int seed = 20261123)
{
    public const string Password = "Passw0rd!Demo";
    private readonly Random random = new(seed);

    /// <summary>
    /// Someone who takes part, weighted so that a few people are very active and most take part now
    /// and then: with u uniform in [0, 1), the person at u³ of the list is chosen, so the first 10%
    /// of people account for about 46% of the activity and the last half for about 20%.
    /// </summary>
    private int Active(IReadOnlyList<int> people) => people[(int)(people.Count * Math.Pow(random.NextDouble(), 3))];

    /// <summary>A colleague on the receiving end: less concentrated than activity (u², the first 10% receive about 32%).</summary>
    private int Receiver(IReadOnlyList<int> people) => people[(int)(people.Count * Math.Pow(random.NextDouble(), 2))];

    private Guid NextGuid()
    {
        var bytes = new byte[16];
        random.NextBytes(bytes);
        return new Guid(bytes);
    }

    public AppDbContext CreateContext()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, provider, connectionString);
        return new AppDbContext(options.Options);
    }

    public async Task<IReadOnlyList<int>> PeopleAsync(int people, int teams)
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        await db.Database.MigrateAsync();
        await RoleSetup.EnsureRolesAsync(db, CancellationToken.None);
        var roles = await RoleSetup.RoleIdsAsync(db, CancellationToken.None);
        var hash = new PasswordHasher<Employee>().HashPassword(new Employee(), Password);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;

        var teamRows = Enumerable.Range(1, teams).Select(i => new Team { Name = $"Team {i:D3}", Description = "Generated for benchmarks" }).ToList();
        db.Teams.AddRange(teamRows);
        await db.SaveChangesAsync();

        var employees = new List<Employee>();
        for (var i = 0; i < people; i++)
        {
            var email = $"person{i:D5}@bench.test";
            employees.Add(new Employee
            {
                UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant(),
                EmailConfirmed = true, PasswordHash = hash, SecurityStamp = Guid.NewGuid().ToString("N"), ConcurrencyStamp = Guid.NewGuid().ToString(),
                LockoutEnabled = true, DisplayName = $"Person {i:D5}", JobTitle = "Colleague", TimeZoneId = "Europe/London",
                TeamId = teamRows[i % teams].Id, JoinedAt = now.AddDays(-500),
            });
        }

        db.ChangeTracker.AutoDetectChangesEnabled = false;
        db.Users.AddRange(employees);
        await db.SaveChangesAsync();
        foreach (var team in teamRows)
        {
            var manager = employees.First(e => e.TeamId == team.Id);
            team.ManagerId = manager.Id;
            foreach (var member in employees.Where(e => e.TeamId == team.Id && e.Id != manager.Id))
            {
                member.ManagerId = manager.Id;
            }

            db.UserRoles.Add(new IdentityUserRole<int> { UserId = manager.Id, RoleId = roles[Roles.Manager] });
        }

        db.UserRoles.AddRange(employees.Select(e => new IdentityUserRole<int> { UserId = e.Id, RoleId = roles[Roles.Employee] }));
        db.UserRoles.Add(new IdentityUserRole<int> { UserId = employees[^1].Id, RoleId = roles[Roles.Admin] });
        db.ChangeTracker.DetectChanges();
        await db.SaveChangesAsync();
        Console.WriteLine($"  {people:N0} people in {teams} teams: {clock.Elapsed.TotalSeconds:0.0} s");
        return [.. employees.Select(e => e.Id)];
    }

    public async Task MomentsAsync(IReadOnlyList<int> people, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        var members = await db.Users.Select(u => new { u.Id, u.TeamId }).ToDictionaryAsync(u => u.Id, u => u.TeamId);
        var teamIds = await db.Teams.Select(t => t.Id).ToListAsync();
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-365);
        var step = TimeSpan.FromDays(364).Ticks / count;
        var elements = new[] { ServiceElements.Focus, ServiceElements.Defined, ServiceElements.GivenLife, ServiceElements.ProblemSolving, ServiceElements.Measured, ServiceElements.Reinforced };
        var rows = new List<object?[]>(count);
        var openMiseries = new List<(long Id, int Author, DateTime At)>();
        var recoveryOf = new Dictionary<long, (long Recovery, DateTime At)>();
        for (long id = 1; id <= count; id++)
        {
            var author = Active(people);
            var createdAt = new DateTime(start.Ticks + (id * step) + random.Next(0, 1000), DateTimeKind.Utc);
            var roll = random.Next(100);
            var kind = roll < 30 ? MomentKind.Truth : roll < 65 ? MomentKind.Magic : roll < 85 ? MomentKind.Misery : MomentKind.Recovery;
            long? recovers = null;
            if (kind == MomentKind.Recovery)
            {
                if (openMiseries.Count == 0)
                {
                    kind = MomentKind.Magic;
                }
                else
                {
                    var index = random.Next(openMiseries.Count);
                    var misery = openMiseries[index];
                    openMiseries.RemoveAt(index);
                    recovers = misery.Id;
                    author = misery.Author;
                    recoveryOf[misery.Id] = (id, createdAt);
                }
            }

            var visibilityRoll = random.Next(100);
            var visibility = kind == MomentKind.Misery
                ? visibilityRoll < 60 ? Visibility.MyTeam : visibilityRoll < 90 ? Visibility.Everyone : Visibility.AuthorAndManager
                : visibilityRoll < 85 ? Visibility.Everyone : visibilityRoll < 97 ? Visibility.MyTeam : Visibility.AuthorAndManager;
            var customer = (CustomerKind)random.Next(1, 4);
            var element = elements[random.Next(elements.Length)] | (random.Next(3) == 0 ? elements[random.Next(elements.Length)] : ServiceElements.None);
            rows.Add([
                id, (int)kind, $"Generated moment {id}", $"A generated story number {id}: what happened, what the customer needed, **what we did**.",
                DateOnly.FromDateTime(createdAt), (int)customer,
                customer == CustomerKind.External ? "a generated customer" : null,
                customer == CustomerKind.Colleague ? Receiver(people) : null,
                customer == CustomerKind.Team ? teamIds[random.Next(teamIds.Count)] : null,
                (int)element, null, (int)visibility, author, members[author], createdAt, recovers, recovers is null ? null : author,
            ]);
            if (kind == MomentKind.Misery)
            {
                openMiseries.Add((id, author, createdAt));
            }
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await BulkWriter.WriteAsync(connection, "Moments",
            ["Id", "Kind", "Title", "Story", "OccurredOn", "CustomerKind", "ExternalCustomer", "CustomerEmployeeId", "CustomerTeamId", "Elements", "Lesson", "Visibility", "AuthorId", "AuthorTeamId", "CreatedAt", "RecoversMomentId", "RecoveredById"],
            rows);

        // Close the recovered miseries (a misery row cannot name its recovery before that row exists).
        await BulkWriter.UpdateAsync(connection, "Moments", "Id", ["RecoveryId", "RecoveredAt"],
            recoveryOf.Select(r => new object?[] { r.Key, r.Value.Recovery, r.Value.At }));

        var reactions = new List<object?[]>();
        var comments = new List<object?[]>();
        for (long id = 1; id <= count; id++)
        {
            var reactors = random.Next(0, 3);
            var seen = new HashSet<(int, int)>();
            for (var r = 0; r < reactors; r++)
            {
                var who = Active(people);
                var kind = random.Next(1, 5);
                if (seen.Add((who, kind)))
                {
                    reactions.Add([id, who, kind, start.AddDays(1)]);
                }
            }

            if (random.Next(5) == 0)
            {
                comments.Add([id, Active(people), "A generated comment.", start.AddDays(2)]);
            }
        }

        await BulkWriter.WriteAsync(connection, "MomentReactions", ["MomentId", "EmployeeId", "Kind", "At"], reactions);
        await BulkWriter.WriteAsync(connection, "MomentComments", ["MomentId", "AuthorId", "Body", "CreatedAt"], comments);
        if (connection is NpgsqlConnection)
        {
            await using var sequence = connection.CreateCommand();
            sequence.CommandText = "SELECT setval(pg_get_serial_sequence('\"Moments\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Moments\"))";
            await sequence.ExecuteNonQueryAsync();
        }

        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = connection is NpgsqlConnection ? "ANALYZE" : "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"  {count:N0} moments, {reactions.Count:N0} reactions, {comments.Count:N0} comments: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>A year of recognitions between random colleagues (one or two recipients each).</summary>
    public async Task RecognitionsAsync(IReadOnlyList<int> people, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-365);
        var step = TimeSpan.FromDays(364).Ticks / count;
        var rows = new List<object?[]>(count);
        var recipients = new List<object?[]>(count * 2);
        for (long id = 1; id <= count; id++)
        {
            var giverIndex = (int)(people.Count * Math.Pow(random.NextDouble(), 3));
            var giver = people[giverIndex];
            var createdAt = new DateTime(start.Ticks + (id * step) + random.Next(0, 1000), DateTimeKind.Utc);
            var elements = 1 << random.Next(6);
            var message = $"Generated thanks number {id}, for the service you gave.";
            rows.Add([id, giver, message, Recognitions.RecognitionRules.MessageKeyOf(message), elements, random.Next(0, 5) * 5, null, random.Next(20) == 0, NextGuid(), createdAt]);
            var first = Receiver(people);
            if (first == giver)
            {
                first = people[(giverIndex + 1) % people.Count];
            }

            recipients.Add([id, first, createdAt, elements]);
            if (random.Next(4) == 0)
            {
                var second = Receiver(people);
                if (second != giver && second != first)
                {
                    recipients.Add([id, second, createdAt, elements]);
                }
            }
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await BulkWriter.WriteAsync(connection, "Recognitions", ["Id", "GiverId", "Message", "MessageKey", "Elements", "Points", "RelatedMomentId", "IsQuiet", "RequestId", "CreatedAt"], rows);
        // Each recipient carries its recognition's time and elements, as the portal writes them.
        await BulkWriter.WriteAsync(connection, "RecognitionRecipients", ["RecognitionId", "RecipientId", "CreatedAt", "Elements"], recipients);
        if (connection is NpgsqlConnection)
        {
            await using var sequence = connection.CreateCommand();
            sequence.CommandText = "SELECT setval(pg_get_serial_sequence('\"Recognitions\"', 'Id'), (SELECT MAX(\"Id\") FROM \"Recognitions\"))";
            await sequence.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"  {count:N0} recognitions, {recipients.Count:N0} recipients: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Ledger rows spread over a year, with the daily and all-time rollups the portal keeps beside
    /// them (computed here the way the portal's rebuild computes them).
    /// </summary>
    public async Task LedgerAsync(IReadOnlyList<int> people, int count)
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        var start = TimeProvider.System.GetUtcNow().UtcDateTime.AddDays(-365);
        var step = TimeSpan.FromDays(364).Ticks / count;
        var days = new Dictionary<(int, DateOnly), int[]>();
        var totals = new Dictionary<int, int[]>();
        var reasons = new[] { (1, 10), (3, 10), (4, 2), (2, 25), (5, 20) };

        // Rows are made while they are written (ten million do not fit comfortably in memory),
        // and the rollups are summed on the way.
        IEnumerable<object?[]> Rows()
        {
            for (long id = 1; id <= count; id++)
            {
                var person = Active(people);
                var (reason, amount) = reasons[random.Next(reasons.Length)];
                var at = new DateTime(start.Ticks + (id * step), DateTimeKind.Utc);
                var elements = (1 << random.Next(6)) | (random.Next(3) == 0 ? 1 << random.Next(6) : 0);
                var onBoard = random.Next(20) != 0;
                yield return [person, amount, reason, $"gen:{id}", at, elements, onBoard];

                var board = onBoard ? amount : 0;
                var day = days.TryGetValue((person, DateOnly.FromDateTime(at)), out var d) ? d : days[(person, DateOnly.FromDateTime(at))] = new int[7];
                var total = totals.TryGetValue(person, out var t) ? t : totals[person] = new int[8];
                day[0] += board;
                total[0] += amount;
                total[1] += board;
                for (var bit = 0; bit < 6; bit++)
                {
                    if ((elements & (1 << bit)) != 0)
                    {
                        day[bit + 1] += board;
                        total[bit + 2] += board;
                    }
                }
            }
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await BulkWriter.WriteAsync(connection, "PointsLedger", ["EmployeeId", "Amount", "Reason", "Source", "At", "Elements", "OnLeaderboard"], Rows());
        await BulkWriter.WriteAsync(connection, "PointsDays", ["EmployeeId", "Day", "Points", "Focus", "Defined", "GivenLife", "ProblemSolving", "Measured", "Reinforced"],
            days.Select(d => new object?[] { d.Key.Item1, d.Key.Item2, d.Value[0], d.Value[1], d.Value[2], d.Value[3], d.Value[4], d.Value[5], d.Value[6] }));
        var months = days
            .GroupBy(d => (d.Key.Item1, new DateOnly(d.Key.Item2.Year, d.Key.Item2.Month, 1)))
            .Select(g => (object?[])[g.Key.Item1, g.Key.Item2, .. Enumerable.Range(0, 7).Select(i => (object?)g.Sum(d => d.Value[i]))]);
        await BulkWriter.WriteAsync(connection, "PointsMonths", ["EmployeeId", "Month", "Points", "Focus", "Defined", "GivenLife", "ProblemSolving", "Measured", "Reinforced"], months);
        await BulkWriter.WriteAsync(connection, "PointsTotals", ["EmployeeId", "Points", "LeaderboardPoints", "Focus", "Defined", "GivenLife", "ProblemSolving", "Measured", "Reinforced"],
            totals.Select(t => new object?[] { t.Key, t.Value[0], t.Value[1], t.Value[2], t.Value[3], t.Value[4], t.Value[5], t.Value[6], t.Value[7] }));
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"  {count:N0} ledger rows, {days.Count:N0} daily rollups: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// Two review cycles over every team: last quarter's, closed, with each review shared and
    /// mostly acknowledged; this quarter's, open, with reviews at every stage (not started, self
    /// assessed, draft, shared) and feedback requests, some answered.
    /// </summary>
    public async Task ReviewsAsync(IReadOnlyList<int> people)
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        var members = await db.Users.AsNoTracking().Where(u => u.ManagerId != null).OrderBy(u => u.Id)
            .Select(u => new { u.Id, Manager = u.ManagerId!.Value, u.TeamId }).ToListAsync();
        var teamIds = await db.Teams.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var today = DateOnly.FromDateTime(now);
        var quarter = new DateOnly(today.Year, (((today.Month - 1) / 3) * 3) + 1, 1);
        var previous = quarter.AddMonths(-3);
        var admin = people[^1];
        var cycles = new[]
        {
            new ReviewCycle
            {
                Name = $"Review {previous:yyyy} Q{((previous.Month - 1) / 3) + 1}", PeriodStart = previous, PeriodEnd = quarter.AddDays(-1),
                SelfAssessmentDue = quarter.AddDays(7), ReviewDue = quarter.AddDays(21), CreatedById = admin,
                CreatedAt = previous.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddDays(70), ClosedAt = now.AddDays(-10),
            },
            new ReviewCycle
            {
                Name = $"Review {quarter:yyyy} Q{((quarter.Month - 1) / 3) + 1}", PeriodStart = quarter, PeriodEnd = quarter.AddMonths(3).AddDays(-1),
                SelfAssessmentDue = today.AddDays(10), ReviewDue = today.AddDays(24), CreatedById = admin, CreatedAt = now.AddDays(-5),
            },
        };
        foreach (var cycle in cycles)
        {
            cycle.Teams.AddRange(teamIds.Select(t => new ReviewCycleTeam { TeamId = t }));
        }

        db.ReviewCycles.AddRange(cycles);
        await db.SaveChangesAsync();

        var reviews = new List<object?[]>();
        var ratings = new List<object?[]>();
        var requests = new List<object?[]>();
        var answers = new List<object?[]>();
        long reviewId = 0, requestId = 0;
        void Rate(long review, RatingSource source)
        {
            foreach (var element in Enum.GetValues<ServiceElements>().Where(e => e != ServiceElements.None))
            {
                ratings.Add([review, (int)source, (int)element, random.Next(2, 6), random.Next(3) == 0 ? "A generated comment on this element." : null]);
            }
        }

        foreach (var cycle in cycles)
        {
            var opened = cycle.CreatedAt;
            foreach (var member in members)
            {
                var id = ++reviewId;
                var state = cycle.IsOpen
                    ? random.Next(10) switch { < 4 => ReviewState.NotStarted, < 7 => ReviewState.SelfAssessed, < 9 => ReviewState.Draft, _ => ReviewState.Shared }
                    : random.Next(5) == 0 ? ReviewState.Shared : ReviewState.Acknowledged;
                var selfAt = state >= ReviewState.SelfAssessed ? opened.AddDays(random.Next(1, 4)) : (DateTime?)null;
                var sharedAt = state >= ReviewState.Shared ? opened.AddDays(random.Next(4, 5)) : (DateTime?)null;
                var acknowledgedAt = state == ReviewState.Acknowledged ? sharedAt!.Value.AddDays(1) : (DateTime?)null;
                var managerWrote = state >= ReviewState.Draft;
                var savedAt = acknowledgedAt ?? sharedAt ?? (managerWrote ? opened.AddDays(4) : selfAt);
                reviews.Add([
                    id, cycle.Id, member.Id, member.Manager, member.TeamId, (int)state, state == ReviewState.NotStarted ? 0 : (int)state,
                    savedAt, savedAt is null ? null : (managerWrote ? member.Manager : member.Id),
                    selfAt, selfAt is null ? null : "A generated reflection on the period's service.",
                    managerWrote ? "Generated strengths: owns problems and closes them fast." : null,
                    managerWrote ? (int)(ServiceElements)(1 << random.Next(6)) : null,
                    managerWrote ? "Log one moment of truth a week and what it taught." : null,
                    managerWrote ? cycle.PeriodEnd.AddMonths(1) : null,
                    managerWrote ? "A generated summary of the period." : null,
                    sharedAt, acknowledgedAt, acknowledgedAt is null ? null : "Thanks, agreed.",
                ]);
                if (selfAt is not null)
                {
                    Rate(id, RatingSource.Self);
                }

                if (managerWrote)
                {
                    Rate(id, RatingSource.Manager);
                }

                if (cycle.IsOpen && random.Next(3) == 0)
                {
                    var givers = new HashSet<int>();
                    for (var i = random.Next(1, 4); i > 0; i--)
                    {
                        var giver = Receiver(people);
                        if (giver == member.Id || !givers.Add(giver))
                        {
                            continue;
                        }

                        var request = ++requestId;
                        var answered = random.Next(2) == 0 ? opened.AddDays(random.Next(1, 4)) : (DateTime?)null;
                        requests.Add([request, id, giver, member.Manager, opened.AddHours(1), cycle.ReviewDue, answered]);
                        if (answered is not null)
                        {
                            answers.AddRange(Enum.GetValues<ServiceElements>().Where(e => e != ServiceElements.None)
                                .Select(e => new object?[] { request, (int)e, random.Next(2, 6), null }));
                        }
                    }
                }
            }
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await BulkWriter.WriteAsync(connection, "Reviews",
            ["Id", "CycleId", "EmployeeId", "ManagerId", "TeamId", "State", "Version", "LastSavedAt", "LastSavedById", "SelfAssessedAt", "SelfComment",
             "Strengths", "FocusElement", "FocusAction1", "RevisitOn", "Summary", "SharedAt", "AcknowledgedAt", "EmployeeComment"], reviews);
        await BulkWriter.WriteAsync(connection, "ReviewRatings", ["ReviewId", "Source", "Element", "Rating", "Comment"], ratings);
        await BulkWriter.WriteAsync(connection, "FeedbackRequests", ["Id", "ReviewId", "GiverId", "RequestedById", "RequestedAt", "DueOn", "AnsweredAt"], requests);
        await BulkWriter.WriteAsync(connection, "FeedbackAnswers", ["RequestId", "Element", "Rating", "Comment"], answers);
        if (connection is not NpgsqlConnection)
        {
            await using var analyze = connection.CreateCommand();
            analyze.CommandText = "ANALYZE \"Reviews\"; ANALYZE \"ReviewRatings\"; ANALYZE \"FeedbackRequests\"; ANALYZE \"FeedbackAnswers\"";
            await analyze.ExecuteNonQueryAsync();
        }
        else
        {
            foreach (var table in new[] { "Reviews", "FeedbackRequests" })
            {
                await using var sequence = connection.CreateCommand();
                sequence.CommandText = $"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'Id'), (SELECT MAX(\"Id\") FROM \"{table}\"))";
                await sequence.ExecuteNonQueryAsync();
            }
        }

        Console.WriteLine($"  {reviews.Count:N0} reviews in {cycles.Length} cycles, {ratings.Count:N0} ratings, {requests.Count:N0} feedback requests: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>The key of each recognition's message, for data generated before recognitions had them.</summary>
    public async Task MessageKeysAsync()
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        var keys = new List<object?[]>();
        await foreach (var row in db.Recognitions.AsNoTracking().Where(r => r.MessageKey == null).Select(r => new { r.Id, r.Message }).AsAsyncEnumerable())
        {
            keys.Add([row.Id, Recognitions.RecognitionRules.MessageKeyOf(row.Message)]);
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await BulkWriter.UpdateAsync(connection, "Recognitions", "Id", ["MessageKey"], keys);
        Console.WriteLine($"  {keys.Count:N0} message keys: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// The badges the generated year earned, as the portal would have awarded them along the way: a
    /// deployed portal's people carry theirs. Without them, each person's first post in a run would
    /// award a year's worth of badges at once, and the posting benchmark would measure that backlog.
    /// Decided by the badges' criteria over the whole data set (one grouped query each) and, for the
    /// streaks, by the portal's own streak rule person by person.
    /// </summary>
    public async Task BadgesAsync(IReadOnlyList<int> people)
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        db.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        var moments = db.Moments.AsNoTracking().Where(m => m.DeletedAt == null);
        async Task<List<int>> AtLeastAsync(IQueryable<int> ids, int count) =>
            await ids.GroupBy(id => id).Where(g => g.Count() >= count).Select(g => g.Key).ToListAsync();

        var earned = new Dictionary<string, IEnumerable<int>>
        {
            ["first-moment"] = await moments.Select(m => m.AuthorId).Distinct().ToListAsync(),
            ["first-magic"] = await moments.Where(m => m.Kind == MomentKind.Magic).Select(m => m.AuthorId).Distinct().ToListAsync(),
            ["recovery-hero"] = await AtLeastAsync(moments.Where(m => m.Kind == MomentKind.Recovery && m.RecoveredById != null).Select(m => m.RecoveredById!.Value), 3),
            ["internal-champion"] = await AtLeastAsync(moments.Where(m => m.CustomerKind != CustomerKind.External).Select(m => m.AuthorId), 5),
            ["storyteller"] = await AtLeastAsync(moments.Select(m => m.AuthorId), 25),
            ["first-review"] = await db.Reviews.Where(r => r.State == ReviewState.Acknowledged).Select(r => r.EmployeeId).Distinct().ToListAsync(),
        };
        HashSet<int>? allSix = null;
        foreach (var element in ServiceElementCatalog.All.Select(e => e.Element))
        {
            var having = await moments.Where(m => (m.Elements & element) == element).Select(m => m.AuthorId).Distinct().ToListAsync();
            allSix ??= [.. having];
            allSix.IntersectWith(having);
        }

        earned["all-six"] = allSix ?? [];
        var pairs = from g in db.Recognitions.AsNoTracking()
                    where g.DeletedAt == null
                    join r in db.RecognitionRecipients on g.Id equals r.RecognitionId
                    select new { Giver = g.GiverId, Recipient = r.RecipientId };
        earned["generous"] = await pairs.GroupBy(p => p.Giver).Where(g => g.Select(p => p.Recipient).Distinct().Count() >= 10).Select(g => g.Key).ToListAsync();
        earned["well-recognised"] = await pairs.Where(p => p.Giver != p.Recipient).GroupBy(p => p.Recipient).Where(g => g.Select(p => p.Giver).Distinct().Count() >= 5).Select(g => g.Key).ToListAsync();

        var streaks = new Gamification.StreakRules(db, TimeProvider.System);
        var four = new List<int>();
        var twelve = new List<int>();
        foreach (var person in people)
        {
            var longest = (await streaks.ForAsync(person, "Europe/London", CancellationToken.None)).Longest;
            if (longest >= 4)
            {
                four.Add(person);
            }

            if (longest >= 12)
            {
                twelve.Add(person);
            }
        }

        earned["streak-4"] = four;
        earned["streak-12"] = twelve;
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var rows = earned.SelectMany(badge => badge.Value.Select(person => new object?[] { person, badge.Key, now })).ToList();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await BulkWriter.WriteAsync(connection, "BadgeAwards", ["EmployeeId", "Code", "AwardedAt"], rows);
        Console.WriteLine($"  {rows.Count:N0} badges earned by {rows.Select(r => r[0]).Distinct().Count():N0} people: {clock.Elapsed.TotalSeconds:0.0} s");
    }

    /// <summary>
    /// A year of internal ratings (each person rates one other team a month, 2–4 elements) and of
    /// outcome figures per team and month, for the report benchmark.
    /// </summary>
    public async Task MeasurementAsync(IReadOnlyList<int> people)
    {
        var clock = Stopwatch.StartNew();
        await using var db = CreateContext();
        var members = await db.Users.Select(u => new { u.Id, u.TeamId }).ToDictionaryAsync(u => u.Id, u => u.TeamId);
        var teamIds = await db.Teams.OrderBy(t => t.Id).Select(t => t.Id).ToListAsync();
        var admin = people[^1];
        var today = TimeProvider.System.GetUtcNow().UtcDateTime;
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var ratings = new List<object?[]>();
        var outcomes = new List<object?[]>();
        for (var ago = 12; ago >= 0; ago--)
        {
            var month = thisMonth.AddMonths(-ago);
            var at = month.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc);
            foreach (var person in people)
            {
                var own = members[person];
                var rated = teamIds[random.Next(teamIds.Count)];
                if (rated == own)
                {
                    continue;
                }

                var scores = new object?[6];
                var scored = random.Next(2, 5);
                for (var e = 0; e < scored; e++)
                {
                    scores[random.Next(6)] = random.Next(1, 6);
                }

                ratings.Add([person, own, rated, month, scores[0], scores[1], scores[2], scores[3], scores[4], scores[5],
                    random.Next(4) == 0 ? "A generated comment on the service received." : null, at.AddDays(random.Next(0, 25))]);
            }

            if (ago > 0)
            {
                outcomes.AddRange(teamIds.Select(team => new object?[]
                {
                    team, month, Math.Round(60 + (random.NextDouble() * 35), 1), random.Next(-20, 70), Math.Round(80 + (random.NextDouble() * 19), 1),
                    random.Next(0, 20), random.Next(0, 30), admin, at.AddMonths(1),
                }));
            }
        }

        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await BulkWriter.WriteAsync(connection, "ServiceRatings",
            ["RaterId", "RaterTeamId", "RatedTeamId", "Month", "Focus", "Defined", "GivenLife", "ProblemSolving", "Measured", "Reinforced", "Comment", "RatedAt"], ratings);
        await BulkWriter.WriteAsync(connection, "OutcomeMeasures",
            ["TeamId", "Month", "Csat", "Nps", "Retention", "Referrals", "Complaints", "RecordedById", "RecordedAt"], outcomes);
        await using (var analyze = connection.CreateCommand())
        {
            analyze.CommandText = "ANALYZE";
            await analyze.ExecuteNonQueryAsync();
        }

        Console.WriteLine($"  {ratings.Count:N0} internal ratings, {outcomes.Count:N0} outcome rows: {clock.Elapsed.TotalSeconds:0.0} s");
    }
}
