using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access.Audit;

namespace Pathway.Access;

/// <summary>The second step of signing in: the code from the authenticator app.</summary>
[AllowAnonymous]
public class TwoFactorSignInModel(SignInManager<StaffUser> signIn, AuditTrail audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnGetAsync() =>
        await signIn.GetTwoFactorAuthenticationUserAsync() is null ? RedirectToPage("/Access/SignIn") : Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await signIn.GetTwoFactorAuthenticationUserAsync() is not { } user) return RedirectToPage("/Access/SignIn");
        var code = (Code ?? "").Replace(" ", "").Replace("-", "");
        var result = await signIn.TwoFactorAuthenticatorSignInAsync(code, isPersistent: false, rememberClient: false);
        await audit.RecordAsync(AuditActions.SignIn, result.Succeeded ? AuditOutcomes.Succeeded : AuditOutcomes.Failed,
            userName: user.Email, cancel: HttpContext.RequestAborted);
        if (result.Succeeded) return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        Infrastructure.Telemetry.SignInFailed("authenticator");
        Failed = true;
        ModelState.AddModelError("Code", "Enter the 6-digit code shown in your authenticator app");
        return Page();
    }
}
