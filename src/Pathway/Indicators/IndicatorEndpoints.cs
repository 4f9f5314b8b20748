using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Pathway.Access.Audit;
using Pathway.Api;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary><c>GET /api/v1/indicators</c> (scope indicators:read): the same JSON as `pathway report --format json`.</summary>
public static class IndicatorEndpoints
{
    public static RouteGroupBuilder MapIndicators(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/indicators").WithScope(ApiScopes.IndicatorsRead).WithTags("Indicators");
        group.MapGet("/", GetAsync)
            .WithName("GetIndicators")
            .WithSummary("The indicators of a period, as `pathway report --format json`")
            .WithDescription("A provider's client sees its own provider's figures, a council's client its own council's, "
                + "as a data officer and a commissioner do; naming another is refused (403).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return api;
    }

    private static async Task<Results<Ok<JsonElement>, ProblemHttpResult>> GetAsync(string? from, string? to, string? asOf,
        string? localAuthority, string? provider, ApiCaller caller, PathwayDb db, AuditTrail audit, HttpContext http, CancellationToken cancel)
    {
        if (Date(from, "from") is not { } first) return DateProblem("from", from);
        if (Date(to, "to") is not { } last) return DateProblem("to", to);
        var observed = http.Today();
        if (!string.IsNullOrWhiteSpace(asOf))
        {
            if (Date(asOf, "asOf") is not { } given) return DateProblem("asOf", asOf);
            observed = given;
        }
        localAuthority = Blank(localAuthority);
        provider = Blank(provider);
        var scope = caller.Scope;
        // A choice outside the client's own organisation is refused, not quietly narrowed: a program would otherwise
        // read its own figures under another's name.
        if ((scope.LocalAuthorityCode is { } council && localAuthority is not null && localAuthority != council)
            || (scope.ProviderCode is { } own && provider is not null && provider != own))
        {
            await audit.RecordAsync(AuditActions.Refused, AuditOutcomes.Refused, AuditedRecordTypes.Indicators, Selection(localAuthority, provider),
                cancel: cancel);
            return PathwayApi.Problem(StatusCodes.Status403Forbidden,
                $"This client acts for {scope.ProviderCode ?? scope.LocalAuthorityCode} and may ask only for its figures.");
        }
        var (la, prov) = scope.Narrow(localAuthority, provider);
        var query = new IndicatorQuery(first, last, observed, la, prov);
        if (query.Problem() is { } problem)
            return PathwayApi.Problem(StatusCodes.Status400BadRequest, problem.Replace("--as-of", "asOf").Replace("--from", "from").Replace("--to", "to"));
        var json = ReportWriters.Json(await IndicatorEngine.ComputeAsync(db, query, cancel));
        await audit.RecordAsync(AuditActions.View, AuditOutcomes.Allowed, AuditedRecordTypes.Indicators,
            $"{ReportWriters.Date(first)}..{ReportWriters.Date(last)}", cancel: cancel);
        return TypedResults.Ok(JsonDocument.Parse(json).RootElement.Clone());
    }

    private static string Selection(string? la, string? provider) => $"la={la ?? "-"} provider={provider ?? "-"}";

    private static DateOnly? Date(string? text, string _) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static ProblemHttpResult DateProblem(string name, string? given) =>
        PathwayApi.Problem(StatusCodes.Status400BadRequest, given is null
            ? $"The query parameter {name} is needed: a date written YYYY-MM-DD."
            : $"{name} must be a date written YYYY-MM-DD, not '{(given.Length > 40 ? given[..40] + "…" : given)}'.");

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
