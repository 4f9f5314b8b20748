using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.WebUtilities;

namespace Pathway.Access;

/// <summary>
/// A password reset link an administrator makes and hands over (Pathway sends no email). The token is the account's
/// id, the time it was made and the account's security stamp, protected (encrypted and signed) with the site's keys:
/// nothing is stored, not even a hash. It works once, because setting the password changes the stamp; it lasts
/// <see cref="Lifetime"/>, by the one clock; a newer link, ending sessions or disabling the account also change the stamp.
/// </summary>
public sealed class PasswordResetLinks(IDataProtectionProvider protection, UserManager<StaffUser> users, TimeProvider time)
{
    public const string Path = "/account/reset";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(24);

    private readonly IDataProtector protector = protection.CreateProtector("Pathway.PasswordResetLink.v1");

    /// <summary>The token for the link. Any earlier link of this account stops working, and its sessions end (the new stamp).</summary>
    public async Task<string> CreateAsync(StaffUser user)
    {
        await users.UpdateSecurityStampAsync(user);
        var stamp = await users.GetSecurityStampAsync(user);
        var payload = string.Join('\n', user.Id, time.GetUtcNow().ToUnixTimeSeconds(), stamp);
        return WebEncoders.Base64UrlEncode(protector.Protect(Encoding.UTF8.GetBytes(payload)));
    }

    /// <summary>The account a link is for, or null when it is malformed, expired, already used, replaced or the account is disabled.</summary>
    public async Task<StaffUser?> FindAsync(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1000) return null;
        string[] parts;
        try
        {
            parts = Encoding.UTF8.GetString(protector.Unprotect(WebEncoders.Base64UrlDecode(token))).Split('\n');
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
        if (parts.Length != 3 || !long.TryParse(parts[1], out var made)) return null;
        var age = time.GetUtcNow() - DateTimeOffset.FromUnixTimeSeconds(made);
        if (age < TimeSpan.Zero || age > Lifetime) return null;
        if (await users.FindByIdAsync(parts[0]) is not { } user || Admin.UserAccounts.IsDisabled(user.LockoutEnd)) return null;
        var stamp = await users.GetSecurityStampAsync(user);
        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(stamp), Encoding.UTF8.GetBytes(parts[2])) ? user : null;
    }

    /// <summary>Sets the new password under the site's password rules; on success the stamp changes, so the link is spent.</summary>
    public async Task<IdentityResult> ResetAsync(StaffUser user, string password)
    {
        var identityToken = await users.GeneratePasswordResetTokenAsync(user);
        return await users.ResetPasswordAsync(user, identityToken, password);
    }

    /// <summary>A request path as the audit trail keeps it: a reset link's token is a secret and never recorded.</summary>
    public static string? WithoutToken(string? path) =>
        path is not null && path.StartsWith(Path + "/", StringComparison.OrdinalIgnoreCase) ? Path : path;
}
