using System.Collections.Frozen;
using Microsoft.AspNetCore.Identity;

namespace Pathway.Access;

/// <summary>
/// ASVS V6 password rules beyond length: not one of the commonly used passwords shipped with the
/// application, and not the user's own email address. No composition rules, by design.
/// </summary>
public sealed class PasswordRules : IPasswordValidator<StaffUser>
{
    public const int MinimumLength = 12;
    public const int MaximumLength = 128;

    private static readonly Lazy<FrozenSet<string>> Common = new(() =>
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("common-passwords.txt")
                           ?? throw new InvalidOperationException("The common-password list is missing from the build.");
        using var reader = new StreamReader(stream);
        var words = new List<string>();
        while (reader.ReadLine() is { } line)
            if (line.Length > 0 && line[0] != '#') words.Add(line);
        return words.ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    });

    /// <summary>An Identity password error as the sentence every page and the command line show.</summary>
    public static string Message(IdentityError error) => error.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) => $"Password must be at least {MinimumLength} characters",
        _ => error.Description.TrimEnd('.'),
    };

    public static bool IsCommon(string password) => Common.Value.Contains(password);

    public Task<IdentityResult> ValidateAsync(UserManager<StaffUser> manager, StaffUser user, string? password)
    {
        if (password is null) return Task.FromResult(IdentityResult.Success);
        var errors = new List<IdentityError>();
        if (password.Length > MaximumLength)
            errors.Add(new IdentityError { Code = "PasswordTooLong", Description = $"Password must be {MaximumLength} characters or fewer" });
        if (IsCommon(password))
            errors.Add(new IdentityError { Code = "PasswordCommon", Description = "Password is too common: choose one that others are unlikely to use" });
        if (user.Email is { } email && string.Equals(password, email, StringComparison.OrdinalIgnoreCase))
            errors.Add(new IdentityError { Code = "PasswordIsEmail", Description = "Password must not be your email address" });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
