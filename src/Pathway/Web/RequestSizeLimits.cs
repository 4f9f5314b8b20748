using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace Pathway.Web;

/// <summary>
/// Refuses a body longer than its endpoint allows before anything reads it, sending the person to the error page's
/// 413 explanation. Left to the pages, an over-long upload would be read first by the antiforgery check, which
/// reports any body it cannot read as a bad request. [RequestSizeLimit] still caps a body sent without a length.
/// </summary>
public static class RequestSizeLimits
{
    public static IApplicationBuilder UseRequestSizeLimits(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<IRequestSizeLimitMetadata>()?.MaxRequestBodySize
                    ?? context.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        if (context.Request.ContentLength > limit)
        {
            // Programs get an OperationOutcome (FHIR) or a ProblemDetails, not a page for people.
            if (context.Request.Path.StartsWithSegments(Fhir.FhirEndpoints.Base))
            {
                await Fhir.FhirResult.Error(StatusCodes.Status413PayloadTooLarge,
                    $"A referral Bundle must be smaller than {Fhir.FhirEndpoints.MaxBodyBytes / 1024} KB.").ExecuteAsync(context);
                return;
            }
            if (context.Request.Path.StartsWithSegments(Api.PathwayApi.Prefix))
            {
                await Api.PathwayApi.Problem(StatusCodes.Status413PayloadTooLarge, Exchange.BundleEndpoints.TooLarge).ExecuteAsync(context);
                return;
            }
            // Redirected, not re-executed: re-running a page for a post whose body nobody read fails on that body.
            context.Response.Redirect("/error?status=413");
            return;
        }
        await next();
    });
}
