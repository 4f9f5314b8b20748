using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access.Audit;

namespace Pathway.Access;

/// <summary>
/// A member of staff opens the reset link their administrator gave them and sets a new password. The link works once
/// (<see cref="PasswordResetLinks"/>); every session of the account ends, and they sign in again with the new password.
/// </summary>
[AllowAnonymous]
public class ResetPasswordModel(PasswordResetLinks links, Data.PathwayDb db, AuditTrail audit) : PageModel
{
    [BindProperty] public string? Password { get; set; }
    [BindProperty] public string? ConfirmPassword { get; set; }
    /// <summary>False when the link is expired, used, replaced or not a link at all.</summary>
    public bool Usable { get; private set; }
    public bool Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string token)
    {
        Usable = await links.FindAsync(token) is not null;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string token, CancellationToken cancel)
    {
        if (await links.FindAsync(token) is not { } user)
        {
            await audit.RecordAsync(AuditActions.PasswordReset, AuditOutcomes.Refused, AuditedRecordTypes.StaffUser, cancel: cancel);
            return Page();
        }
        Usable = true;
        if (string.IsNullOrEmpty(Password)) ModelState.AddModelError(nameof(Password), "Enter a new password");
        else if (ConfirmPassword != Password) ModelState.AddModelError(nameof(ConfirmPassword), "The passwords do not match: type the same new password twice");
        if (ModelState.ErrorCount == 0 && await links.ResetAsync(user, Password!) is { Succeeded: false } result)
            foreach (var error in result.Errors) ModelState.AddModelError(nameof(Password), PasswordRules.Message(error));
        if (ModelState.ErrorCount > 0) return Page();

        await SignInSessions.EndAllAsync(db, user.Id, cancel);
        await audit.RecordAsync(AuditActions.PasswordReset, AuditOutcomes.Succeeded, AuditedRecordTypes.StaffUser, user.Id, userName: user.Email, cancel: cancel);
        Done = true;
        return Page();
    }
}
