using System.Globalization;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Notifications;
using ServiceCulture.Reviews;

namespace ServiceCulture.Nudges;

/// <summary>
/// Nudge rule 5: a review step due within <see cref="DaysAhead"/> days, in the person's own calendar.
/// The employee's self-assessment and a colleague's feedback close on their date, so they are nudged
/// only before it; the manager's assessment has no hard stop, so it is nudged once a week until shared.
/// Each query covers everyone the run considers at once.
/// </summary>
public sealed class ReviewDueRule(AppDbContext db, IPortalLinks links) : INudgeRule
{
    public const int DaysAhead = 3;

    public async Task<IReadOnlyList<NudgeCandidate>> FindAsync(IReadOnlyList<NudgePerson> people, DateTime now, ReinforcementRules rules, CancellationToken cancellationToken)
    {
        if (people.Count == 0)
        {
            return [];
        }

        // Local dates differ by at most a day or so across zones; the exact test per person follows.
        var latest = people.Max(p => p.LocalDate).AddDays(DaysAhead);
        var earliest = people.Min(p => p.LocalDate);
        var byId = people.ToDictionary(p => p.Id);
        var result = new List<NudgeCandidate>();

        var selfDue = await db.Reviews.AsNoTracking()
            .Where(r => r.Cycle!.ClosedAt == null && r.SelfAssessedAt == null
                && (r.State == ReviewState.NotStarted || r.State == ReviewState.Draft)
                && r.Cycle.SelfAssessmentDue >= earliest && r.Cycle.SelfAssessmentDue <= latest)
            .Select(r => new { r.Id, r.EmployeeId, Cycle = r.Cycle!.Name, Due = r.Cycle.SelfAssessmentDue })
            .ToListAsync(cancellationToken);
        foreach (var review in selfDue)
        {
            if (byId.TryGetValue(review.EmployeeId, out var person) && Within(person.LocalDate, review.Due))
            {
                result.Add(new(person.Id, NudgeKind.ReviewDue, $"review-self:{review.Id}",
                    $"Your self-assessment for “{review.Cycle}” is due {When(person.LocalDate, review.Due)}.",
                    "Rate yourself from the evidence: reread your moments of the period and pick the one you are proudest of.",
                    links.SelfAssessment(review.Id), "Write your self-assessment", Priority: 15));
            }
        }

        var feedbackDue = await db.FeedbackRequests.AsNoTracking()
            .Where(f => f.AnsweredAt == null && f.Review!.Cycle!.ClosedAt == null
                && f.Review.State != ReviewState.Shared && f.Review.State != ReviewState.Acknowledged
                && f.DueOn >= earliest && f.DueOn <= latest)
            .Select(f => new { f.Id, f.GiverId, f.DueOn, Employee = f.Review!.Employee!.DisplayName })
            .ToListAsync(cancellationToken);
        foreach (var request in feedbackDue)
        {
            if (byId.TryGetValue(request.GiverId, out var person) && Within(person.LocalDate, request.DueOn))
            {
                result.Add(new(person.Id, NudgeKind.ReviewDue, $"feedback:{request.Id}",
                    $"{request.Employee} asked how they served you; answer by {Until(person.LocalDate, request.DueOn)}.",
                    "Name one thing they did and what it changed for you: a specific example is feedback people can act on.",
                    links.Feedback(request.Id), "Give your feedback", Priority: 15));
            }
        }

        // Managers: every review not yet shared whose deadline is near or past, one nudge a week naming the first.
        var managers = people.Select(p => p.Id).ToList();
        var assessDue = new List<(long Id, int ManagerId, string Cycle, DateOnly Due, string Employee)>();
        foreach (var chunk in managers.Chunk(2000))
        {
            assessDue.AddRange((await db.Reviews.AsNoTracking()
                .Where(r => chunk.Contains(r.ManagerId) && r.Cycle!.ClosedAt == null
                    && r.State != ReviewState.Shared && r.State != ReviewState.Acknowledged && r.Cycle.ReviewDue <= latest)
                .Select(r => new { r.Id, r.ManagerId, Cycle = r.Cycle!.Name, Due = r.Cycle.ReviewDue, Employee = r.Employee!.DisplayName })
                .ToListAsync(cancellationToken)).Select(r => (r.Id, r.ManagerId, r.Cycle, r.Due, r.Employee)));
        }

        foreach (var group in assessDue.GroupBy(r => r.ManagerId))
        {
            var person = byId[group.Key];
            var due = group.Where(r => r.Due <= person.LocalDate.AddDays(DaysAhead)).OrderBy(r => r.Due).ThenBy(r => r.Employee, StringComparer.Ordinal).ThenBy(r => r.Id).ToList();
            if (due.Count == 0)
            {
                continue;
            }

            var first = due[0];
            var text = due.Count == 1
                ? $"{first.Employee}'s review in “{first.Cycle}” is {Deadline(person.LocalDate, first.Due)} and not shared yet."
                : $"{due.Count} reviews you write are near or past their deadline; {first.Employee}'s in “{first.Cycle}” is {Deadline(person.LocalDate, first.Due)}.";
            result.Add(new(person.Id, NudgeKind.ReviewDue, $"review-assess:{person.Week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}", text,
                "Ground each rating in a moment you can name, and end with one element to focus on and a concrete action.",
                links.Assessment(first.Id), $"Open {Shorten(first.Employee)}'s review", Priority: 25));
        }

        return result;
    }

    private static bool Within(DateOnly today, DateOnly due) => due >= today && due.DayNumber - today.DayNumber <= DaysAhead;

    private static string When(DateOnly today, DateOnly due) => (due.DayNumber - today.DayNumber) switch
    {
        0 => "today",
        1 => "tomorrow",
        _ => "on " + due.ToString("dddd d MMMM", CultureInfo.InvariantCulture),
    };

    private static string Until(DateOnly today, DateOnly due) => (due.DayNumber - today.DayNumber) switch
    {
        0 => "the end of today",
        1 => "tomorrow",
        _ => due.ToString("dddd d MMMM", CultureInfo.InvariantCulture),
    };

    private static string Deadline(DateOnly today, DateOnly due) =>
        due < today ? $"overdue since {due.ToString("d MMMM", CultureInfo.InvariantCulture)}" : $"due {When(today, due)}";

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..39] + "…";
}
