using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using ServiceCulture.Data;
using ServiceCulture.People;

namespace ServiceCulture.Web.Pages.Invitations;

/// <summary>Where an invited person chooses a password; any link that no longer works gets a page that says why.</summary>
public sealed class AcceptModel(ServiceCulture.People.Invitations invitations, UserManager<Employee> users, SignInManager<Employee> signIn, AppDbContext db, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    [BindProperty]
    public Input Form { get; set; } = new();

    public InvitationState? State { get; private set; }
    public string Name { get; private set; } = "";
    public string Email { get; private set; } = "";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        await FindAsync(cancellationToken);
        return Result();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var invitation = await FindAsync(cancellationToken);
        if (invitation is null || State != InvitationState.Pending)
        {
            return Result();
        }

        if (!ModelState.IsValid)
        {
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        var person = invitation.Employee!;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var added = await users.AddPasswordAsync(person, Form.Password!);
        if (!added.Succeeded)
        {
            foreach (var error in added.Errors)
            {
                ModelState.AddModelError("Form.Password", error.Description);
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        invitation.AcceptedAt = clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        await signIn.SignInAsync(person, isPersistent: false);
        return Redirect("/Welcome");
    }

    private async Task<Invitation?> FindAsync(CancellationToken cancellationToken)
    {
        var invitation = await invitations.FindAsync(Token, cancellationToken);
        if (invitation?.Employee is { } person)
        {
            State = person.IsActive ? invitation.StateAt(clock.GetUtcNow().UtcDateTime) : InvitationState.Revoked;
            Name = person.DisplayName;
            Email = person.Email ?? "";
        }

        return invitation;
    }

    private IActionResult Result()
    {
        if (State != InvitationState.Pending)
        {
            // Used, expired, revoked and unknown links are all answered with a page that says what to do.
            Response.StatusCode = State is null ? StatusCodes.Status404NotFound : StatusCodes.Status410Gone;
        }

        return Page();
    }

    public sealed record Input
    {
        [Display(Name = "Choose a password")]
        [Required(ErrorMessage = "Choose a password of at least 12 characters.")]
        [StringLength(100, MinimumLength = 12, ErrorMessage = "Use at least {2} characters; a few words make a good password.")]
        [DataType(DataType.Password)]
        public string? Password { get; init; }

        [Display(Name = "Type it again")]
        [DataType(DataType.Password)]
        [Compare(nameof(Password), ErrorMessage = "The two passwords are not the same.")]
        public string? Confirm { get; init; }
    }
}
