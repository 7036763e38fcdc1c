using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Reviews;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.People;

/// <summary>
/// The signed-in person's own data as one JSON file: profile, moments, recognitions, points,
/// notifications, preferences, and the reviews they took part in, as the review pages show them to them.
/// </summary>
public sealed class MyDataModel(AppDbContext db, TimeProvider clock) : PageModel
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var me = User.EmployeeId();
        var profile = await db.Users.AsNoTracking().Where(u => u.Id == me)
            .Select(u => new { u.Id, Name = u.DisplayName, u.Email, u.JobTitle, Team = u.Team!.Name, Manager = u.Manager!.DisplayName, u.TimeZoneId, u.JoinedAt, u.LastSignInAt, Roles = db.UserRoles.Where(r => r.UserId == u.Id).Join(db.Roles, r => r.RoleId, r => r.Id, (_, r) => r.Name).ToList() })
            .SingleAsync(cancellationToken);
        var preferences = await db.Users.AsNoTracking().Where(u => u.Id == me).Select(u => new { u.LeaderboardOptOut, u.TwoFactorEnabled }).SingleAsync(cancellationToken);
        var moments = await db.Moments.AsNoTracking().Where(m => m.AuthorId == me && m.DeletedAt == null).OrderBy(m => m.Id)
            .Select(m => new { m.Id, Kind = m.Kind.ToString(), m.Title, m.Story, m.OccurredOn, m.ExternalCustomer, Elements = m.Elements.ToString(), m.Lesson, Visibility = m.Visibility.ToString(), m.CreatedAt, m.RecoversMomentId, m.RecoveredAt })
            .ToListAsync(cancellationToken);
        var givenRows = await db.Recognitions.AsNoTracking().Where(r => r.GiverId == me && r.DeletedAt == null).OrderBy(r => r.Id)
            .Select(r => new { r.Id, r.Message, Elements = r.Elements.ToString(), r.Points, r.IsQuiet, r.CreatedAt })
            .ToListAsync(cancellationToken);
        // The recipients' names through the giver's recognitions, in a query of their own: as a
        // collection in the projection, SQLite first copied every recipient in the organisation.
        var recipients = (await db.RecognitionRecipients.AsNoTracking()
                .Join(db.Recognitions.Where(r => r.GiverId == me && r.DeletedAt == null), x => x.RecognitionId, r => r.Id, (x, _) => x)
                .OrderBy(x => x.RecognitionId).ThenBy(x => x.RecipientId)
                .Select(x => new { x.RecognitionId, x.Recipient!.DisplayName })
                .ToListAsync(cancellationToken))
            .ToLookup(x => x.RecognitionId, x => x.DisplayName);
        var given = givenRows.Select(r => new { r.Id, r.Message, r.Elements, r.Points, r.IsQuiet, r.CreatedAt, To = recipients[r.Id].ToList() }).ToList();
        var received = await db.Recognitions.AsNoTracking().Where(r => r.DeletedAt == null && r.Recipients.Any(x => x.RecipientId == me)).OrderBy(r => r.Id)
            .Select(r => new { r.Id, From = r.Giver!.DisplayName, r.Message, Elements = r.Elements.ToString(), r.Points, r.IsQuiet, r.CreatedAt })
            .ToListAsync(cancellationToken);
        var points = await db.PointsLedger.AsNoTracking().Where(p => p.EmployeeId == me).OrderBy(p => p.Id)
            .Select(p => new { p.At, p.Amount, Reason = p.Reason.ToString(), p.Source })
            .ToListAsync(cancellationToken);
        var notifications = await db.Notifications.AsNoTracking().Where(n => n.EmployeeId == me).OrderBy(n => n.Id)
            .Select(n => new { Kind = n.Kind.ToString(), n.Text, n.CreatedAt, n.ReadAt })
            .ToListAsync(cancellationToken);

        var reviews = await ReviewsAsync(me, cancellationToken);

        var export = new Dictionary<string, object?>
        {
            ["exportedAt"] = clock.GetUtcNow().UtcDateTime,
            ["profile"] = profile,
            ["preferences"] = preferences,
            ["moments"] = moments,
            ["recognitionsGiven"] = given,
            ["recognitionsReceived"] = received,
            ["points"] = new { total = points.Sum(p => p.Amount), entries = points },
            ["notifications"] = notifications,
            ["reviews"] = reviews,
        };

        var bytes = JsonSerializer.SerializeToUtf8Bytes(export, Json);
        return File(bytes, "application/json", $"serviceculture-my-data-{clock.GetUtcNow():yyyy-MM-dd}.json");
    }

    /// <summary>
    /// Their reviews as the one reviewed (the manager's part once shared, never the manager's notes,
    /// feedback only as the anonymous average of three answers or more), the reviews they wrote as
    /// manager, and the feedback they gave. Reviews seen only as a manager's manager or admin are
    /// other people's data and stay out.
    /// </summary>
    private async Task<object> ReviewsAsync(int me, CancellationToken cancellationToken)
    {
        var mine = await db.Reviews.AsNoTracking().Where(r => r.EmployeeId == me).OrderBy(r => r.Id)
            .Select(r => new
            {
                r.Id, Cycle = r.Cycle!.Name, r.Cycle.PeriodStart, r.Cycle.PeriodEnd, r.State, Manager = r.Manager!.DisplayName,
                r.SelfAssessedAt, r.SelfComment, r.ProudMomentId, r.Strengths, r.FocusElement, r.FocusAction1, r.FocusAction2, r.FocusAction3,
                r.RevisitOn, r.Summary, r.SharedAt, r.AcknowledgedAt, r.EmployeeComment,
            })
            .ToListAsync(cancellationToken);
        var written = await db.Reviews.AsNoTracking().Where(r => r.ManagerId == me).OrderBy(r => r.Id)
            .Select(r => new { r.Id, Cycle = r.Cycle!.Name, Employee = r.Employee!.DisplayName, r.State, r.Strengths, r.FocusElement, r.Summary, r.ManagerNotes, r.SharedAt })
            .ToListAsync(cancellationToken);
        var ratings = (await db.Reviews.AsNoTracking().Where(r => r.EmployeeId == me || r.ManagerId == me)
            .SelectMany(r => r.Ratings, (r, x) => new { r.Id, x.Source, x.Element, x.Rating, x.Comment })
            .ToListAsync(cancellationToken))
            .OrderBy(x => x.Element).ToLookup(x => (x.Id, x.Source), x => new { element = x.Element.ToString(), rating = x.Rating, comment = x.Comment });
        var feedback = (await db.FeedbackRequests.AsNoTracking().Where(f => f.AnsweredAt != null && f.Review!.EmployeeId == me)
            .SelectMany(f => f.Answers, (f, a) => new { f.ReviewId, f.Id, a.Element, a.Rating })
            .ToListAsync(cancellationToken))
            .ToLookup(a => a.ReviewId);

        var asSubject = mine.Select(r =>
        {
            // The same rules as the review page: the manager's part once shared, never the manager's
            // notes, and feedback as an anonymous average per element once three colleagues answered.
            var shared = r.State >= ReviewState.Shared;
            var answers = feedback[r.Id].ToList();
            return new
            {
                id = r.Id, cycle = r.Cycle, periodStart = r.PeriodStart, periodEnd = r.PeriodEnd, state = r.State.ToString(), manager = r.Manager,
                selfAssessment = new { assessedAt = r.SelfAssessedAt, comment = r.SelfComment, proudMomentId = r.ProudMomentId, ratings = ratings[(r.Id, RatingSource.Self)].ToList() },
                managerAssessment = shared
                    ? new
                    {
                        ratings = ratings[(r.Id, RatingSource.Manager)].ToList(),
                        strengths = r.Strengths,
                        focusElement = r.FocusElement?.ToString(),
                        focusActions = new[] { r.FocusAction1, r.FocusAction2, r.FocusAction3 }.Where(a => !string.IsNullOrWhiteSpace(a)).ToList(),
                        revisitOn = r.RevisitOn,
                        summary = r.Summary,
                    }
                    : null,
                sharedAt = r.SharedAt,
                acknowledgedAt = r.AcknowledgedAt,
                employeeComment = r.EmployeeComment,
                feedback = answers.Select(a => a.Id).Distinct().Count() >= FeedbackRequest.MinForAggregate
                    ? answers.GroupBy(a => a.Element).OrderBy(g => g.Key)
                        .Select(g => new { element = g.Key.ToString(), answers = g.Count(), average = Math.Round(g.Average(a => a.Rating), 2) }).ToList()
                    : null,
            };
        }).ToList();

        var asReviewer = written.Select(r => new
        {
            id = r.Id, cycle = r.Cycle, employee = r.Employee, state = r.State.ToString(),
            ratings = ratings[(r.Id, RatingSource.Manager)].ToList(),
            strengths = r.Strengths, focusElement = r.FocusElement?.ToString(), summary = r.Summary, managerNotes = r.ManagerNotes, sharedAt = r.SharedAt,
        }).ToList();

        var requests = await db.FeedbackRequests.AsNoTracking().Where(f => f.GiverId == me).OrderBy(f => f.Id)
            .Select(f => new { f.Id, About = f.Review!.Employee!.DisplayName, Cycle = f.Review.Cycle!.Name, f.RequestedAt, f.DueOn, f.AnsweredAt })
            .ToListAsync(cancellationToken);
        var given = (await db.FeedbackRequests.AsNoTracking().Where(f => f.GiverId == me)
            .SelectMany(f => f.Answers, (f, a) => new { f.Id, a.Element, a.Rating, a.Comment })
            .ToListAsync(cancellationToken))
            .OrderBy(a => a.Element).ToLookup(a => a.Id, a => new { element = a.Element.ToString(), rating = a.Rating, comment = a.Comment });
        var feedbackGiven = requests.Select(f => new
        {
            id = f.Id, about = f.About, cycle = f.Cycle, requestedAt = f.RequestedAt, dueOn = f.DueOn, answeredAt = f.AnsweredAt, answers = given[f.Id].ToList(),
        }).ToList();

        return new { asSubject, asReviewer, feedbackGiven };
    }
}
