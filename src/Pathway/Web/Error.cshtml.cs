using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Pathway.Web;

/// <summary>Every error a person meets: a plain sentence, never a stack trace.</summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
public class ErrorModel : PageModel
{
    public string Title { get; private set; } = "Sorry, there is a problem with the service";
    public string Explanation { get; private set; } = "Try again later. Nothing you entered has been saved unless you were told it was.";

    public void OnGet() => Describe();
    public void OnPost() => Describe();

    private void Describe()
    {
        // Read from the query alone: a post re-executed here may carry a form body that cannot be read at all
        // (a null character, say), and binding would then lose the status.
        int? status = int.TryParse(Request.Query["status"], out var given) && given is >= 400 and <= 599 ? given : null;
        // A request refused while being read (too large, say) arrives here as an exception that carries its own status.
        var error = HttpContext.Features.Get<Microsoft.AspNetCore.Diagnostics.IExceptionHandlerFeature>()?.Error;
        var code = status ?? error switch
        {
            BadHttpRequestException bad => bad.StatusCode,
            _ when Data.DatabaseFailures.IsUnavailable(error) => 503,
            _ => 500,
        };
        Response.StatusCode = code;
        if (code == 503)
            Response.Headers.RetryAfter = DatabaseOutage.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        // A failed request is re-executed here with its own method: a post was trying to save something.
        var reading = HttpMethods.IsGet(Request.Method) || HttpMethods.IsHead(Request.Method);
        (Title, Explanation) = code switch
        {
            503 when reading => ("The service is not available just now", "Please try again in a minute."),
            503 => ("The service could not save this just now", "Nothing was saved. Please try again in a minute."),
            404 => ("Page not found", "If you typed the web address, check it is correct. If you followed a link, the record may have moved or you may not have access to it."),
            403 => ("You do not have access to this page", "Your role does not include this page. Ask your team manager if you think it should."),
            400 => ("Sorry, that request could not be handled", "Go back and try again."),
            413 => ("What you sent was too long", "Go back, shorten your answers and try again. Nothing you sent has been saved."),
            429 => ("Too many tries in a short time", "Wait a minute, then go back and try again. Nothing you sent has been saved."),
            _ => (Title, Explanation),
        };
    }
}
