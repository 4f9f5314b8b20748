using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access.Audit;

namespace Pathway.Access;

[AllowAnonymous]
public class SignInModel(SignInManager<StaffUser> signIn, AuditTrail audit, Demo.DemoMode demo) : PageModel
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
            await audit.RecordAsync(AuditActions.SignIn,
                result.Succeeded ? AuditOutcomes.Succeeded : result.RequiresTwoFactor ? AuditOutcomes.SecondFactorNeeded : AuditOutcomes.Failed,
                userName: Truncate(Email.Trim()), cancel: HttpContext.RequestAborted);
            var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
            if (result.RequiresTwoFactor)
                return RedirectToPage("/Access/TwoFactorSignIn", new { ReturnUrl = next });
            if (result.Succeeded)
                // Outside a demonstration nobody works without a second factor: set one up first.
                return LocalRedirect(demo.IsOn ? next : TwoFactor.SetupPath);
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
