using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Access;

/// <summary>
/// "Change my password", for anyone signed in: the current password, then the new one twice. Every session of the
/// account ends, this one too, so a password someone else knew stops working everywhere at once.
/// </summary>
public class ChangePasswordModel(UserManager<StaffUser> users, PathwayDb db, AuditTrail audit) : PageModel
{
    [BindProperty] public string? CurrentPassword { get; set; }
    [BindProperty] public string? NewPassword { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    public bool Done { get; private set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (await users.GetUserAsync(User) is not { } user) return Challenge();
        if (string.IsNullOrEmpty(CurrentPassword)) ModelState.AddModelError(nameof(CurrentPassword), "Enter your current password");
        if (string.IsNullOrEmpty(NewPassword)) ModelState.AddModelError(nameof(NewPassword), "Enter a new password");
        else if (ConfirmPassword != NewPassword) ModelState.AddModelError(nameof(ConfirmPassword), "The new passwords do not match: type the same new password twice");
        if (ModelState.ErrorCount == 0)
        {
            var result = await users.ChangePasswordAsync(user, CurrentPassword!, NewPassword!);
            foreach (var error in result.Errors)
                if (error.Code == nameof(IdentityErrorDescriber.PasswordMismatch))
                    ModelState.AddModelError(nameof(CurrentPassword), "Your current password is not right");
                else ModelState.AddModelError(nameof(NewPassword), PasswordRules.Message(error));
        }
        if (ModelState.ErrorCount > 0)
        {
            await audit.RecordAsync(AuditActions.PasswordChanged, AuditOutcomes.Failed, AuditedRecordTypes.StaffUser, user.Id, cancel: cancel);
            return Page();
        }
        await audit.RecordAsync(AuditActions.PasswordChanged, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, user.Id, cancel: cancel);
        await SignInSessions.EndAllAsync(db, user.Id, cancel);
        await HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        // This response already shows the page as someone signed out sees it.
        HttpContext.User = new ClaimsPrincipal(new ClaimsIdentity());
        Done = true;
        return Page();
    }
}
