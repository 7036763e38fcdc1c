using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using ServiceCulture.Data;
using ServiceCulture.Gamification;
using ServiceCulture.Moments;
using ServiceCulture.People;
using ServiceCulture.Web.Identity;
using ServiceCulture.Web.Pages.Moments;
using ServiceCulture.Web.Pages.Recognition;

namespace ServiceCulture.Web.Pages.People;

/// <summary>A colleague's profile: points, level, badges, streak, their six elements, and what they did.</summary>
public sealed class DetailsModel(AppDbContext db, StreakRules streaks, LeaderboardCache boards, ServiceCulture.Email.EmailPreferences emailPreferences, IMemoryCache cache, TimeProvider clock) : PageModel
{
    public const int RecentCount = 10;

    public Profile Person { get; private set; } = null!;
    public bool IsMe { get; private set; }
    public int Points { get; private set; }
    public LevelInfo Level { get; private set; } = GamificationCatalog.Levels[0];
    public LevelInfo? NextLevel { get; private set; }
    public StreakStatus Streak { get; private set; } = null!;
    public IReadOnlyDictionary<string, DateTime> Badges { get; private set; } = new Dictionary<string, DateTime>();
    public IReadOnlyList<int> ElementCounts { get; private set; } = [];
    public IReadOnlyList<MomentCard> RecentMoments { get; private set; } = [];
    public IReadOnlyList<RecognitionCard> RecentRecognitions { get; private set; } = [];

    /// <summary>The key of the next page of their moments, when there are older ones.</summary>
    public string? OlderMoments { get; private set; }
    public bool IsFirstMomentsPage { get; private set; } = true;
    /// <summary>The optional email topics the person has turned off (their own profile only).</summary>
    public IReadOnlySet<ServiceCulture.Email.EmailTopic> EmailOff { get; private set; } = new HashSet<ServiceCulture.Email.EmailTopic>();

    [BindProperty]
    [Display(Name = "First week of leave")]
    public DateOnly? PauseFrom { get; set; }

    [BindProperty]
    [Range(1, StreakRules.PauseWeeksPerYear, ErrorMessage = "Pause between 1 and 4 weeks.")]
    [Display(Name = "Weeks")]
    public int PauseWeeks { get; set; } = 1;

    public async Task<IActionResult> OnGetAsync(int id, string? before, CancellationToken cancellationToken) =>
        await LoadAsync(id, PageKey.Parse(before), cancellationToken) ? Page() : NotFound();

    /// <summary>Only the person themselves can leave or rejoin leaderboards.</summary>
    public async Task<IActionResult> OnPostLeaderboardAsync(int id, bool optOut, CancellationToken cancellationToken)
    {
        if (id != User.EmployeeId())
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(s => s.SetProperty(u => u.LeaderboardOptOut, optOut), cancellationToken);
        boards.PeopleChanged();
        TempData["Flash"] = optOut ? "You are off the leaderboards. Your points, badges and streak still count." : "You are back on the leaderboards.";
        return Redirect($"/People/{id}#leaderboard-choice");
    }

    /// <summary>Saves which optional emails the person wants; unknown topics in a forged form are ignored.</summary>
    public async Task<IActionResult> OnPostEmailAsync(int id, List<ServiceCulture.Email.EmailTopic>? wanted, CancellationToken cancellationToken)
    {
        if (id != User.EmployeeId())
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (!ModelState.IsValid)
        {
            return BadRequest();
        }

        var topics = (wanted ?? []).Where(t => ServiceCulture.Email.EmailTopics.Optional.Any(o => o.Topic == t)).ToHashSet();
        await emailPreferences.SaveAsync(id, topics, cancellationToken);
        TempData["Flash"] = "Your email preferences are saved.";
        return Redirect($"/People/{id}#email-preferences");
    }

    public async Task<IActionResult> OnPostPauseAsync(int id, CancellationToken cancellationToken)
    {
        if (id != User.EmployeeId())
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }

        if (PauseFrom is null)
        {
            ModelState.AddModelError(nameof(PauseFrom), "Choose the first week of your leave.");
        }

        if (ModelState.IsValid)
        {
            var result = await streaks.PauseAsync(id, User.TimeZoneId(), PauseFrom!.Value, PauseWeeks, cancellationToken);
            if (result.Succeeded)
            {
                TempData["Flash"] = PauseWeeks == 1 ? "Your streak is paused for that week." : $"Your streak is paused for {PauseWeeks} weeks.";
                return Redirect($"/People/{id}#streak");
            }

            ModelState.AddRefusals(result.Refusals, field => field == StreakRules.PauseWeeksField ? nameof(PauseWeeks) : nameof(PauseFrom));
        }

        await LoadAsync(id, null, cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task<bool> LoadAsync(int id, PageKey? momentsBefore, CancellationToken cancellationToken)
    {
        var found = await db.Users.AsNoTracking()
            .Where(u => u.Id == id)
            .Select(u => new
            {
                Person = new Profile(u.Id, u.DisplayName, u.JobTitle, u.TeamId, u.Team!.Name, u.ManagerId, u.Manager!.DisplayName, u.IsActive, u.JoinedAt, u.TimeZoneId, u.LeaderboardOptOut),
                Points = db.PointsTotals.Where(t => t.EmployeeId == u.Id).Select(t => (int?)t.Points).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        var person = found.Person;
        Person = person;
        var viewer = User.Actor();
        IsMe = viewer.Id == id;
        Points = found.Points ?? 0;
        Level = GamificationCatalog.LevelFor(Points);
        NextLevel = GamificationCatalog.NextLevel(Points);
        Streak = await streaks.ForAsync(id, person.TimeZoneId, cancellationToken);
        Badges = await db.BadgeAwards.Where(b => b.EmployeeId == id).ToDictionaryAsync(b => b.Code, b => b.AwardedAt, cancellationToken);

        ElementCounts = await ElementCountsAsync(viewer, person, cancellationToken);

        var moments = db.Moments.AsNoTracking().Where(MomentVisibility.ListedForAuthor(viewer, person.Id, person.ManagerId));
        if (momentsBefore is { } key)
        {
            var (at, momentId) = (key.At, key.Id);
            moments = moments.Where(m => m.CreatedAt < at || (m.CreatedAt == at && m.Id < momentId));
            IsFirstMomentsPage = false;
        }

        var recentMoments = await MomentCard.ListAsync(db, viewer, moments.OrderByDescending(m => m.CreatedAt).ThenByDescending(m => m.Id).Take(RecentCount + 1), cancellationToken);
        if (recentMoments.Count > RecentCount)
        {
            recentMoments.RemoveAt(RecentCount);
            OlderMoments = PageKey.After(recentMoments[^1].CreatedAt, recentMoments[^1].Id).ToString();
        }

        RecentMoments = recentMoments;
        // Given and received are looked up through their own indexes, in one statement, then merged.
        var givenAndReceived = await db.Recognitions.Where(r => r.GiverId == id && r.DeletedAt == null)
            .OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Take(RecentCount).Select(r => new { r.Id, r.CreatedAt })
            .Concat(db.RecognitionRecipients
                .Where(x => x.RecipientId == id && x.DeletedAt == null)
                .OrderByDescending(x => x.CreatedAt).ThenByDescending(x => x.RecognitionId)
                .Take(RecentCount)
                .Select(x => new { Id = x.RecognitionId, x.CreatedAt }))
            .ToListAsync(cancellationToken);
        var recentIds = givenAndReceived.OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).Select(r => r.Id).Distinct().Take(RecentCount).ToList();
        var recent = await db.Recognitions.AsNoTracking()
            .Where(r => recentIds.Contains(r.Id))
            .Select(RecognitionCard.Projection)
            .ToListAsync(cancellationToken);
        RecentRecognitions = (await RecognitionCard.CompleteAsync(db, viewer, recent, cancellationToken)).OrderByDescending(r => r.CreatedAt).ThenByDescending(r => r.Id).ToList();
        PauseFrom ??= Streak.ThisWeek;
        if (IsMe)
        {
            EmailOff = await emailPreferences.OffAsync(id, cancellationToken);
        }

        return true;
    }

    /// <summary>
    /// The radar: the moments they logged and the recognitions they received, per element, as the
    /// viewer may see them. Both are read from the person's own index alone (see
    /// MomentsConfiguration and RecognitionRecipient), in one statement, so the cost grows with what
    /// the person did: the most active person at scale M has 46,528 moments and 23,774 recognitions,
    /// 11 ms to count on SQLite. A count of <see cref="RadarKeptFrom"/> or more, which one more
    /// moment cannot visibly move, is kept on this node for <see cref="RadarLifetime"/>, per person
    /// and what the viewer may see of them; smaller counts are always read afresh.
    /// </summary>
    private async Task<IReadOnlyList<int>> ElementCountsAsync(Actor viewer, Profile person, CancellationToken cancellationToken)
    {
        var key = new RadarKey(person.Id, MomentVisibility.SeesAllListedOf(viewer, person.Id, person.ManagerId) ? null : viewer.TeamId ?? 0);
        if (KeptOnNode.TryGet(cache, key, clock, out IReadOnlyList<int>? kept))
        {
            return kept;
        }

        var counts = await db.Moments.Where(MomentVisibility.ListedForAuthor(viewer, person.Id, person.ManagerId))
            .GroupBy(m => m.Elements).Select(g => new { g.Key, Count = g.Count() })
            .Concat(db.RecognitionRecipients
                .Where(x => x.RecipientId == person.Id && x.DeletedAt == null)
                .GroupBy(x => x.Elements).Select(g => new { g.Key, Count = g.Count() }))
            .ToListAsync(cancellationToken);
        IReadOnlyList<int> radar = [.. ServiceElementCatalog.All.Select(e => counts.Where(c => c.Key.HasFlag(e.Element)).Sum(c => c.Count))];
        if (counts.Sum(c => c.Count) >= RadarKeptFrom)
        {
            KeptOnNode.Keep(cache, key, radar, clock, RadarLifetime);
        }

        return radar;
    }

    /// <summary>Moments and recognitions from which a person's radar is kept for a while.</summary>
    public const int RadarKeptFrom = 2_000;

    public static readonly TimeSpan RadarLifetime = TimeSpan.FromMinutes(1);

    /// <summary>A kept radar: the person, and the viewer's team when the viewer sees only what is shared (null: sees all).</summary>
    private sealed record RadarKey(int PersonId, int? ViewerTeamId);

    public sealed record Profile(int Id, string Name, string? JobTitle, int? TeamId, string? TeamName, int? ManagerId, string? ManagerName, bool IsActive, DateTime JoinedAt, string TimeZoneId, bool LeaderboardOptOut);
}
