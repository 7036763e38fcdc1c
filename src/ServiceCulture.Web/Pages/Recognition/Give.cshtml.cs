using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Recognitions;
using ServiceCulture.Settings;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Recognition;

/// <summary>Recognise one to five colleagues for the service they gave.</summary>
public sealed class GiveModel(AppDbContext db, RecognitionRules rules, SettingsStore settings, TimeProvider clock) : PageModel
{
    [BindProperty]
    public Input Form { get; set; } = new();

    public RecognitionRules.AllowanceStatus Allowance { get; private set; } = null!;
    public int MaxPoints { get; private set; }
    public IReadOnlyList<(int Id, string Name)> Chosen { get; private set; } = [];
    public IReadOnlyList<SelectListItem> Moments { get; private set; } = [];

    public async Task OnGetAsync(int? to, long? moment, CancellationToken cancellationToken)
    {
        Form = new Input { RequestId = Guid.NewGuid(), Points = 10 };
        if (to is { } recipient && recipient != User.EmployeeId())
        {
            Form.RecipientIds = [recipient];
        }

        Form.RelatedMomentId = moment;
        await BuildAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var draft = Form.ToDraft();
        if (ModelState.IsValid)
        {
            var outcome = await rules.GiveAsync(draft, User.Actor(), cancellationToken);
            if (outcome.Succeeded)
            {
                TempData["Flash"] = "Thank you for recognising your colleagues. They have been told.";
                return Redirect($"/Recognition/{outcome.Value!.Id}");
            }

            ModelState.AddRefusals(outcome.Refusals, field => "Form." + field);
        }
        else
        {
            ModelState.AddRefusals(await rules.ValidateAsync(draft, User.Actor(), cancellationToken), field => "Form." + field);
        }

        await BuildAsync(cancellationToken);
        Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    private async Task BuildAsync(CancellationToken cancellationToken)
    {
        Allowance = await rules.AllowanceAsync(User.EmployeeId(), User.TimeZoneId(), cancellationToken);
        MaxPoints = (await settings.PointsRulesAsync(cancellationToken)).MaxPointsPerRecognition;
        var ids = Form.RecipientIds.Distinct().Take(ServiceCulture.Recognitions.Recognition.MaxRecipients).ToList();
        Chosen = (await db.Users.Where(u => ids.Contains(u.Id)).Select(u => new { u.Id, u.DisplayName }).ToListAsync(cancellationToken))
            .Select(u => (u.Id, u.DisplayName)).ToList();
        var since = clock.GetUtcNow().UtcDateTime.AddDays(-45);
        var selected = Form.RelatedMomentId;
        Moments = await db.Moments.AsNoTracking()
            .Where(MomentVisibility.ListedFor(User.Actor()))
            .Where(m => m.CreatedAt >= since || m.Id == selected)
            .OrderByDescending(m => m.CreatedAt)
            .Take(40)
            .Select(m => new SelectListItem(m.Title + " — " + m.Author!.DisplayName, m.Id.ToString(), m.Id == selected))
            .ToListAsync(cancellationToken);
    }

    public sealed class Input
    {
        [Display(Name = "Who are you recognising?")]
        public List<int> RecipientIds { get; set; } = [];

        [Required(ErrorMessage = "Write at least 20 characters: say what they did and why it mattered.")]
        [Display(Name = "Message")]
        public string? Message { get; set; }

        [Display(Name = "Service elements")]
        public List<ServiceElements> Elements { get; set; } = [];

        [Required(ErrorMessage = "Say how many points to give each colleague (0 is fine).")]
        [Display(Name = "Points")]
        public int? Points { get; set; }

        [Display(Name = "Related moment")]
        public long? RelatedMomentId { get; set; }

        [Display(Name = "Quiet recognition (not on leaderboards)")]
        public bool IsQuiet { get; set; }

        public Guid RequestId { get; set; }

        public ServiceElements CombinedElements => Elements.Aggregate(ServiceElements.None, (all, e) => all | e);

        public RecognitionDraft ToDraft() => new()
        {
            RecipientIds = RecipientIds,
            Message = Message ?? "",
            Elements = CombinedElements,
            Points = Points ?? 0,
            RelatedMomentId = RelatedMomentId,
            IsQuiet = IsQuiet,
            RequestId = RequestId,
        };
    }
}
