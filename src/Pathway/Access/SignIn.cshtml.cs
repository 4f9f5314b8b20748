using System.Security.Cryptography;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access.Audit;

namespace Pathway.Access;

[AllowAnonymous]
public class SignInModel(SignInManager<StaffUser> signIn, IPasswordHasher<StaffUser> hasher, SignInThrottle throttle, AuditTrail audit,
    Demo.DemoMode demo) : PageModel
{
    // Someone who gives an unknown email pays for a password check too, against this made-up account, so the time an
    // answer takes does not tell whether an account exists.
    private static readonly StaffUser Nobody = new() { DisplayName = "", UserName = "" };
    private static string? nobodysHash;

    [BindProperty] public string? Email { get; set; }
    [BindProperty] public string? Password { get; set; }
    [BindProperty(SupportsGet = true)] public string? ReturnUrl { get; set; }
    public bool Failed { get; private set; }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!string.IsNullOrWhiteSpace(Email) && !string.IsNullOrEmpty(Password))
        {
            var email = Email.Trim();
            var address = HttpContext.Connection.RemoteIpAddress;
            await throttle.WaitBeforeAttemptAsync(email, address, HttpContext.RequestAborted);
            var result = await CheckAsync(email, Password);
            if (result.Succeeded || result.RequiresTwoFactor) throttle.Succeeded(email);
            else throttle.Failed(email, address);
            await audit.RecordAsync(AuditActions.SignIn,
                result.Succeeded ? AuditOutcomes.Succeeded : result.RequiresTwoFactor ? AuditOutcomes.SecondFactorNeeded : AuditOutcomes.Failed,
                userName: email, cancel: HttpContext.RequestAborted);
            var next = Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
            if (result.RequiresTwoFactor)
                return RedirectToPage("/Access/TwoFactorSignIn", new { ReturnUrl = next });
            if (result.Succeeded)
                // Outside a demonstration nobody works without a second factor: set one up first.
                return LocalRedirect(demo.IsOn ? next : TwoFactor.SetupPath);
        }
        else
        {
            await audit.RecordAsync(AuditActions.SignIn, AuditOutcomes.Failed, userName: Email?.Trim(), cancel: HttpContext.RequestAborted);
        }
        // One message whatever went wrong, so the page never tells whether an account exists.
        Infrastructure.Telemetry.SignInFailed("password");
        Failed = true;
        ModelState.AddModelError(nameof(Email), "Enter a correct email address and password");
        Password = null;
        return Page();
    }

    /// <summary>Every path costs one password hash: an unknown email, a disabled account and a wrong password alike.</summary>
    private async Task<Microsoft.AspNetCore.Identity.SignInResult> CheckAsync(string email, string password)
    {
        var user = await signIn.UserManager.FindByNameAsync(email);
        // No lockout on failure: SignInThrottle slows repeated failures instead.
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed
            : await signIn.PasswordSignInAsync(user, password, isPersistent: false, lockoutOnFailure: false);
        // A disabled account is refused before its password is checked.
        if (user is null || result.IsLockedOut || result.IsNotAllowed)
        {
            nobodysHash ??= hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            hasher.VerifyHashedPassword(Nobody, nobodysHash, password);
        }
        return result;
    }

}
