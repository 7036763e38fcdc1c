using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;
using ServiceCulture.People;

namespace ServiceCulture.Web.Areas.Identity.Pages.Account.Manage;

public sealed class IndexModel(UserManager<Employee> users, SignInManager<Employee> signIn) : PageModel
{
    [BindProperty]
    public InputModel Input { get; set; } = new();

    public string Email { get; private set; } = "";

    [TempData]
    public string? StatusMessage { get; set; }

    public IEnumerable<SelectListItem> TimeZones =>
        ServiceTimeZones.Common.Union([Input.TimeZoneId]).Select(z => new SelectListItem(z.Replace('_', ' '), z));

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        Load(user);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return NotFound();
        }

        if (!ServiceTimeZones.IsKnown(Input.TimeZoneId))
        {
            ModelState.AddModelError($"{nameof(Input)}.{nameof(Input.TimeZoneId)}", "Choose a time zone from the list.");
        }

        if (!ModelState.IsValid)
        {
            Email = user.Email ?? "";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        user.DisplayName = Input.DisplayName.Trim();
        user.JobTitle = string.IsNullOrWhiteSpace(Input.JobTitle) ? null : Input.JobTitle.Trim();
        user.TimeZoneId = Input.TimeZoneId;
        user.PhoneNumber = string.IsNullOrWhiteSpace(Input.PhoneNumber) ? null : Input.PhoneNumber.Trim();
        var result = await users.UpdateAsync(user);
        if (!result.Succeeded)
        {
            foreach (var error in result.Errors)
            {
                ModelState.AddModelError(string.Empty, error.Description);
            }

            Email = user.Email ?? "";
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await signIn.RefreshSignInAsync(user);
        StatusMessage = "Your profile is saved.";
        return RedirectToPage();
    }

    private void Load(Employee user)
    {
        Email = user.Email ?? "";
        Input = new InputModel
        {
            DisplayName = user.DisplayName,
            JobTitle = user.JobTitle,
            TimeZoneId = user.TimeZoneId,
            PhoneNumber = user.PhoneNumber,
        };
    }

    public sealed class InputModel
    {
        [Required(ErrorMessage = "Enter the name colleagues know you by.")]
        [StringLength(Employee.DisplayNameMaxLength, ErrorMessage = "Keep the name under {1} characters.")]
        [Display(Name = "Display name")]
        public string DisplayName { get; set; } = "";

        [StringLength(Employee.JobTitleMaxLength, ErrorMessage = "Keep the job title under {1} characters.")]
        [Display(Name = "Job title")]
        public string? JobTitle { get; set; }

        [Required(ErrorMessage = "Choose a time zone.")]
        [Display(Name = "Time zone")]
        public string TimeZoneId { get; set; } = "UTC";

        [Phone(ErrorMessage = "Enter a phone number such as +44 20 7946 0000.")]
        [StringLength(32)]
        [Display(Name = "Phone number")]
        public string? PhoneNumber { get; set; }
    }
}
