using System.Text.RegularExpressions;

namespace Pathway.People;

/// <summary>The rules of a client record (a row of clients.csv), once, for the bundle loader and the referral forms.</summary>
public static partial class ClientRules
{
    public const string NotInitials = "must be 2 capital letters A-Z";
    public const string NotLocalAuthority = "must be an ONS code: E06, E07, E08, E09 or E10 followed by 6 digits";
    public const string NotPostcodeDistrict = "must be a postcode district such as SK1";
    public const string NotTenDigits = "must be 10 digits";
    public const string FailsCheckDigit = "fails the NHS number check digit";

    public static string? Initials(string initials) => InitialsPattern().IsMatch(initials) ? null : NotInitials;

    public static string? LocalAuthority(string code) => LocalAuthorityPattern().IsMatch(code) ? null : NotLocalAuthority;

    /// <summary>Capitals, as the format has them: a form may upper-case what was typed first (presentation).</summary>
    public static string? PostcodeDistrict(string district) => PostcodeDistrictPattern().IsMatch(district) ? null : NotPostcodeDistrict;

    public static string? NhsNumber(string number) =>
        number.Length != 10 || !number.All(char.IsAsciiDigit) ? NotTenDigits : People.NhsNumber.IsValid(number) ? null : FailsCheckDigit;

    [GeneratedRegex("^[A-Z]{2}$")]
    private static partial Regex InitialsPattern();
    [GeneratedRegex("^E(0[6-9]|10)[0-9]{6}$")]
    private static partial Regex LocalAuthorityPattern();
    [GeneratedRegex("^[A-Z]{1,2}[0-9][0-9A-Z]?$")]
    private static partial Regex PostcodeDistrictPattern();
}
