using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Rules;

namespace ServiceCulture.Reporting;

/// <summary>What someone entered to rate another team's service.</summary>
public sealed record RatingDraft(int RatedTeamId, IReadOnlyDictionary<ServiceElements, int> Scores, string? Comment, long? MomentId);

/// <summary>
/// Internal service ratings: one per rater, team and month (a new one replaces the month's earlier
/// one, and a unique index keeps it so under races), never for the rater's own team.
/// </summary>
public sealed class RatingRules(AppDbContext db, TimeProvider clock)
{
    public async Task<RuleResult> RateAsync(int raterId, int? raterTeamId, RatingDraft draft, CancellationToken cancellationToken)
    {
        var problems = new List<Refusal>();
        var rated = await db.Teams.Where(t => t.Id == draft.RatedTeamId).Select(t => new { t.ArchivedAt }).SingleOrDefaultAsync(cancellationToken);
        if (rated is null)
        {
            problems.Add(Refusal.Invalid("TeamId", "Choose the team whose service you received."));
        }
        else if (rated.ArchivedAt is not null)
        {
            problems.Add(Refusal.Invalid("TeamId", "This team is archived; rate a team that serves yours today."));
        }
        else if (draft.RatedTeamId == raterTeamId)
        {
            problems.Add(Refusal.Invalid("TeamId", "You cannot rate your own team; rate the service another team gave yours."));
        }

        if (draft.Scores.Count == 0)
        {
            problems.Add(Refusal.Invalid("Scores", "Rate at least one element that applies."));
        }

        foreach (var (element, score) in draft.Scores)
        {
            if (!IsSingleElement(element))
            {
                problems.Add(Refusal.Invalid("Scores", "Rate only the six service elements."));
            }
            else if (score is < ServiceRating.MinScore or > ServiceRating.MaxScore)
            {
                problems.Add(Refusal.Invalid("Scores", $"Rate {ServiceElementCatalog.Info(element).Name} from 1 to 5."));
            }
        }

        var comment = string.IsNullOrWhiteSpace(draft.Comment) ? null : draft.Comment.Trim();
        if (comment?.Length > ServiceRating.CommentMaxLength)
        {
            problems.Add(Refusal.Invalid("Comment", $"Keep the comment under {ServiceRating.CommentMaxLength} characters."));
        }

        if (problems.Count > 0)
        {
            return RuleResult.Refused(problems);
        }

        var now = clock.GetUtcNow().UtcDateTime;
        var month = ReportRange.MonthOf(now);
        for (var attempt = 0; ; attempt++)
        {
            var rating = await db.ServiceRatings.SingleOrDefaultAsync(r => r.RaterId == raterId && r.RatedTeamId == draft.RatedTeamId && r.Month == month, cancellationToken);
            if (rating is null)
            {
                rating = new ServiceRating { RaterId = raterId, RatedTeamId = draft.RatedTeamId, Month = month };
                db.ServiceRatings.Add(rating);
            }

            rating.RaterTeamId = raterTeamId;
            foreach (var element in ServiceElementCatalog.All)
            {
                rating.SetScore(element.Element, draft.Scores.TryGetValue(element.Element, out var score) ? score : null);
            }

            rating.Comment = comment;
            rating.MomentId = draft.MomentId;
            rating.RatedAt = now;
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return RuleResult.Done;
            }
            catch (DbUpdateException) when (attempt == 0)
            {
                // Another request rated the same team this month at the same time: replace that one.
                db.ChangeTracker.Clear();
            }
        }
    }

    private static bool IsSingleElement(ServiceElements element) =>
        ServiceElementCatalog.All.Any(e => e.Element == element);
}
