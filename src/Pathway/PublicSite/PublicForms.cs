using System.Text.RegularExpressions;

namespace Pathway.PublicSite;

/// <summary>What every public form shares: the paths the rate limit covers, and the limit on a request's size (see Web/RequestSizeLimits).</summary>
public static partial class PublicForms
{
    /// <summary>Far more than any honest answer set (the longest is a few kilobytes), far less than a flood.</summary>
    public const int MaxRequestBytes = 32 * 1024;

    public static readonly string[] Paths = ["/self-referral", "/alcohol-check", "/carers"];

    public static bool IsPublicFormPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && Paths.Any(p => request.Path.StartsWithSegments(p));

    /// <summary>"SafeContactNote" → "Safe contact note", for length messages.</summary>
    public static string Label(string field)
    {
        if (field == "GivenName") return "First name";
        if (field == "FamilyName") return "Last name";
        var words = Words().Replace(field, " $1").Trim().ToLowerInvariant();
        return char.ToUpperInvariant(words[0]) + words[1..];
    }

    [GeneratedRegex("([A-Z])")]
    private static partial Regex Words();
}
