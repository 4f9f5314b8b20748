namespace Pathway.Exchange;

/// <summary>
/// The rules of a record's ref (client_ref, episode_ref), in one place: for the loader, and for the refs Pathway
/// makes itself at referral. 1 to 40 characters, and never what a spreadsheet would read as a formula.
/// </summary>
public static class RefRules
{
    public const int MaxLength = 40;
    public const string TooLong = "must be at most 40 characters";
    public const string LooksLikeAFormula = "must not start with =, +, - or @ (a spreadsheet would read it as a formula)";

    /// <summary>
    /// Whether a spreadsheet opening an exported file would take this text for a formula (OWASP's CSV injection list:
    /// = + - @, tab, carriage return). Export writes every cell as it is, because escaping would break the byte-identical
    /// round trip, so any text that is exported is refused on the way in when it starts like this.
    /// </summary>
    public static bool StartsLikeAFormula(ReadOnlySpan<char> text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    /// <summary>Null when <paramref name="value"/> (present, not empty) may be a ref, else the reason.</summary>
    public static string? Check(ReadOnlySpan<char> value) =>
        value.Length > MaxLength ? TooLong : StartsLikeAFormula(value) ? LooksLikeAFormula : null;
}
