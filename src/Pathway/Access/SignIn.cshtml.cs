using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access.Audit;

namespace Pathway.Access;

[AllowAnonymous]
public class SignInModel(SignInManager<StaffUser> signIn, AuditTrail audit) : PageModel
{
    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Password))
        {
            // lockoutOnFailure: true, so repeated wrong passwords really count towards the lockout.
            var result = await signIn.PasswordSignInAsync(Email.Trim(), Password, isPersistent: false, lockoutOnFailure: true);
            await audit.RecordAsync(AuditActions.SignIn, result.Succeeded ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
                userName: Truncate(Email.Trim()), cancel: HttpContext.RequestAborted);
            if (result.Succeeded)
                return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        else
        {
            await audit.RecordAsync(AuditActions.SignIn, AuditOutcomes.Failed, userName: Truncate(Email?.Trim()), cancel: HttpContext.RequestAborted);
        }
        // One message whatever went wrong, so the page never tells whether an account exists.
        Failed = true;
        Password = null;
        return Page();
    }

    private static string? Truncate(string? email) => email is { Length: > 256 } ? email[..256] : email;
}
