using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access.Audit;
using QRCoder;

namespace Pathway.Access;

/// <summary>Turning on an authenticator app, and replacing it after confirming the password again (re-authentication).</summary>
[Authorize(Policy = TwoFactor.SignedInOnly)]
public class TwoFactorSetupModel(UserManager<StaffUser> users, SignInManager<StaffUser> signIn, AuditTrail audit) : PageModel
{
    [BindProperty] public string? Code { get; set; }
    [BindProperty] public string? Password { get; set; }
    public bool Enabled { get; private set; }
    public string Key { get; private set; } = "";
    public string QrCode { get; private set; } = "";
    public string? Error { get; private set; }
    public string? ErrorField { get; private set; }

    /// <summary>Shows the page and changes nothing: a key is made only when the person asks for one (Start).</summary>
    public async Task<IActionResult> OnGetAsync() => await LoadAsync() is { } user ? Page() : Challenge();

    public async Task<IActionResult> OnPostStartAsync()
    {
        if (await LoadAsync() is not { } user) return Challenge();
        if (!Enabled && Key == "")
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key renews the security stamp: carry this session over to it.
            await signIn.RefreshSignInAsync(user);
        }
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        if (await LoadAsync() is not { } user) return Challenge();
        if (Enabled) return RedirectToPage();
        var code = (Code ?? "").Replace(" ", "").Replace("-", "");
        if (!await users.VerifyTwoFactorTokenAsync(user, users.Options.Tokens.AuthenticatorTokenProvider, code))
        {
            (Error, ErrorField) = ("Enter the 6-digit code shown in your authenticator app", "code");
            ModelState.AddModelError(ErrorField, Error);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, true);
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, "TwoFactor", user.Id, cancel: HttpContext.RequestAborted);
        // This session has now shown both factors.
        await signIn.SignInWithClaimsAsync(user, isPersistent: false, [new Claim("amr", "mfa")]);
        return LocalRedirect("/");
    }

    public async Task<IActionResult> OnPostResetAsync()
    {
        if (await LoadAsync() is not { } user) return Challenge();
        if (string.IsNullOrEmpty(Password) || !await users.CheckPasswordAsync(user, Password))
        {
            (Error, ErrorField) = ("Enter your current password", "password");
            ModelState.AddModelError(ErrorField, Error);
            return Page();
        }
        await users.SetTwoFactorEnabledAsync(user, false);
        await users.ResetAuthenticatorKeyAsync(user);
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, "TwoFactor", user.Id, cancel: HttpContext.RequestAborted);
        // A fresh sign-in without the second factor: the session must show the new app's code to go further.
        await signIn.SignInAsync(user, isPersistent: false);
        return RedirectToPage();
    }

    private async Task<StaffUser?> LoadAsync()
    {
        if (await users.GetUserAsync(User) is not { } user) return null;
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        if (Enabled) return user;
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key)) return user;
        Key = string.Join(' ', key.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var uri = $"otpauth://totp/Pathway:{Uri.EscapeDataString(user.Email!)}?secret={key}&issuer=Pathway&digits=6";
        using var qr = QRCodeGenerator.GenerateQrCode(uri, QRCodeGenerator.ECCLevel.M);
        QrCode = "data:image/png;base64," + Convert.ToBase64String(new PngByteQRCode(qr).GetGraphic(5));
        return user;
    }
}
