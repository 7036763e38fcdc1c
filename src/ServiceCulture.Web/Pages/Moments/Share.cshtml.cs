using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Moments;

/// <summary>Share a recovery as an anonymised case study, after reviewing the proposed text.</summary>
public sealed class ShareModel(CaseStudyRules caseStudies) : PageModel
{
    [BindProperty]
    public Input Form { get; set; } = new();

    public long Id { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var refusal = await RefuseAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        var draft = await caseStudies.PrepareAsync(id, cancellationToken);
        Form = new Input { Title = draft.Title, WhatWentWrong = draft.WhatWentWrong, HowItWasRecovered = draft.HowItWasRecovered, Lesson = draft.Lesson };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        var refusal = await RefuseAsync(id, cancellationToken);
        if (refusal is not null)
        {
            return refusal;
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var study = await caseStudies.PublishAsync(id, new CaseStudyDraft(Form.Title!, Form.WhatWentWrong!, Form.HowItWasRecovered!, Form.Lesson), User.EmployeeId(), cancellationToken);
        TempData["Flash"] = "The case study is published. Thank you for letting others learn from it.";
        return Redirect($"/Learn/CaseStudies/{study.Id}");
    }

    private async Task<IActionResult?> RefuseAsync(long id, CancellationToken cancellationToken)
    {
        Id = id;
        var check = await caseStudies.CheckAsync(id, User.Actor(), cancellationToken);
        return check.Succeeded ? null : StatusCode(check.Refusals.StatusCode());
    }

    public sealed class Input
    {
        [Required(ErrorMessage = "Give the case study a title.")]
        [StringLength(CaseStudy.TitleMaxLength, ErrorMessage = "Keep the title to {1} characters.")]
        [Display(Name = "Title")]
        public string? Title { get; set; }

        [Required(ErrorMessage = "Say what went wrong.")]
        [StringLength(CaseStudy.TextMaxLength, ErrorMessage = "Keep this to {1} characters.")]
        [Display(Name = "What went wrong")]
        public string? WhatWentWrong { get; set; }

        [Required(ErrorMessage = "Say how it was recovered.")]
        [StringLength(CaseStudy.TextMaxLength, ErrorMessage = "Keep this to {1} characters.")]
        [Display(Name = "How it was recovered")]
        public string? HowItWasRecovered { get; set; }

        [StringLength(Moment.LessonMaxLength, ErrorMessage = "Keep the lesson to {1} characters.")]
        [Display(Name = "Lesson learned")]
        public string? Lesson { get; set; }
    }
}
