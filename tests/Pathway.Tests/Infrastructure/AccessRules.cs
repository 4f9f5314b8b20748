using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Pathway.Access.Audit;

namespace Pathway.Tests.Infrastructure;

/// <summary>
/// The rules every endpoint must declare, read from the route table itself: so a new page or endpoint
/// without a rule fails the tests, and the matrix below covers it without anyone remembering to add it.
/// </summary>
public static partial class AccessRules
{
    /// <summary>Reachable without signing in, on purpose.</summary>
    public static readonly HashSet<string> PublicRoutes =
        ["/sign-in", "/sign-in/two-factor", "/sign-out", "/health", "/error", "/help", "/services",
         "/self-referral", "/alcohol-check", "/carers", "/privacy", "/accessibility", "/cookies",
         // A password reset link: whoever holds the one-time token, signed in or not.
         "/account/reset"];

    /// <summary>
    /// Reachable without signing in, these exact routes only: the API's description and reference page, and FHIR's CapabilityStatement (no data; the API itself,
    /// below them, demands a token).
    /// </summary>
    public static readonly HashSet<string> PublicDocuments = ["/api", "/openapi/{documentName}.json", "/fhir/metadata"];

    /// <summary>Any signed-in user, whatever their role: their own home page and account.</summary>
    public static readonly HashSet<string> SignedInRoutes = ["/", "/account/two-factor", "/account/password"];

    public static string Route(RouteEndpoint endpoint) => "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');

    public static bool TakesARecordId(RouteEndpoint endpoint) => endpoint.RoutePattern.Parameters.Any(p => p.Name == "id");

    [System.Text.RegularExpressions.GeneratedRegex(@"\{(\w+)([^}]*)\}")]
    private static partial System.Text.RegularExpressions.Regex Parameter();

    /// <summary>A concrete address for a route: the record id given, other parameters filled or left out.</summary>
    public static string Address(string route, int id, (string Name, string Value)? other = null) => Parameter().Replace(route, m => m.Groups[1].Value switch
    {
        "id" => id.ToString(),
        var name when other is { } o && name == o.Name => o.Value,
        "tool" => "audit",
        _ when m.Groups[2].Value.EndsWith('?') => "",
        _ => "1",
    }).TrimEnd('/');

    public static string? RecordType(RouteEndpoint endpoint) => endpoint.Metadata.GetMetadata<AuditedRecordAttribute>()?.RecordType;

    public static IEnumerable<string> Violations(IEnumerable<RouteEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            var route = Route(endpoint);
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Where(a => a.Policy is not null).ToList();
            var isPublicRoute = PublicRoutes.Any(p => route == p || route.StartsWith(p + "/", StringComparison.Ordinal))
                                || PublicDocuments.Contains(route);
            if (anonymous && !isPublicRoute)
                yield return $"{route}: open to anyone without signing in, but not listed as a public route";
            if (!anonymous && policies.Count == 0 && !SignedInRoutes.Contains(route))
                yield return $"{route}: needs a named authorization policy (Access/Policies.cs)";
            if (TakesARecordId(endpoint) && RecordType(endpoint) is null)
                yield return $"{route}: takes a record id but declares no [AuditedRecord] scope rule";
        }
    }
}
