using System.Text.RegularExpressions;

namespace Pathway.PublicSite;

/// <summary>What every public form shares: the paths the rate limit covers, and the limit on a request's size.</summary>
public static partial class PublicForms
{
    /// <summary>Far more than any honest answer set (the longest is a few kilobytes), far less than a flood.</summary>
    public const int MaxRequestBytes = 32 * 1024;

    public static readonly string[] Paths = ["/self-referral", "/alcohol-check", "/carers"];

    public static bool IsPublicFormPost(HttpRequest request) =>
        HttpMethods.IsPost(request.Method) && Paths.Any(p => request.Path.StartsWithSegments(p));

    /// <summary>
    /// Refuses an oversized public form post before anything reads it, sending the person to the error page's 413 explanation.
    /// [RequestSizeLimit] on the pages still caps a body sent without a length.
    /// </summary>
    public static IApplicationBuilder UsePublicFormLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        if (IsPublicFormPost(context.Request) && context.Request.ContentLength > MaxRequestBytes)
        {
            // Redirected, not re-executed: re-running a page for a post whose body nobody read fails on that body.
            context.Response.Redirect("/error?status=413");
            return;
        }
        await next();
    });

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
