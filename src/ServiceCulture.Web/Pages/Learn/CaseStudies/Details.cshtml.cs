using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using ServiceCulture.Content;
using ServiceCulture.Data;
using ServiceCulture.Moments;
using ServiceCulture.Web.Identity;

namespace ServiceCulture.Web.Pages.Learn.CaseStudies;

/// <summary>One case study and the company's discussion of it.</summary>
public sealed class DetailsModel(AppDbContext db, MarkdownRenderer markdown, CaseStudyRules caseStudies) : PageModel
{
    public string Title { get; private set; } = "";
    public string WhatWentWrongHtml { get; private set; } = "";
    public string HowItWasRecoveredHtml { get; private set; } = "";
    public string? Lesson { get; private set; }
    public ServiceElements Elements { get; private set; }
    public DateTime SharedAt { get; private set; }
    public IReadOnlyList<CommentView> Comments { get; private set; } = [];

    [BindProperty]
    [Required(ErrorMessage = "Write your comment first.")]
    [StringLength(MomentComment.BodyMaxLength, ErrorMessage = "Keep comments to {1} characters.")]
    [Display(Name = "What would you have done?")]
    public string? CommentBody { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAsync(long id, CancellationToken cancellationToken)
    {
        if (!await db.CaseStudies.AnyAsync(c => c.Id == id, cancellationToken))
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            await LoadAsync(id, cancellationToken);
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var result = await caseStudies.CommentAsync(id, User.Actor(), CommentBody, cancellationToken);
        if (!result.Succeeded)
        {
            ModelState.AddRefusals(result.Refusals, _ => nameof(CommentBody));
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Response.StatusCode = result.Refusals.StatusCode();
            return Page();
        }

        return Redirect($"/Learn/CaseStudies/{id}#comment-{result.Value!.Id}");
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var study = await db.CaseStudies.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id, cancellationToken);
        if (study is null)
        {
            return false;
        }

        Title = study.Title;
        WhatWentWrongHtml = markdown.ToHtml(study.WhatWentWrong);
        HowItWasRecoveredHtml = markdown.ToHtml(study.HowItWasRecovered);
        Lesson = study.Lesson;
        Elements = study.Elements;
        SharedAt = study.SharedAt;
        Comments = await db.CaseStudyComments.AsNoTracking()
            .Where(c => c.CaseStudyId == id)
            .OrderBy(c => c.CreatedAt)
            .Select(c => new CommentView(c.Id, c.AuthorId, c.Author!.DisplayName, c.Body, c.CreatedAt))
            .ToListAsync(cancellationToken);
        return true;
    }

    public sealed record CommentView(long Id, int AuthorId, string AuthorName, string Body, DateTime CreatedAt);
}
