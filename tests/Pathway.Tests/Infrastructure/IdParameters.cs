using System.Reflection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;

namespace Pathway.Tests.Infrastructure;

/// <summary>Where a parameter arrives: in the route, the query string or a posted form.</summary>
public enum ParameterPlace { Route, Query, Form }

/// <summary>One parameter an endpoint takes, found from the route table and the page model itself.</summary>
public sealed record EndpointParameter(string Route, string? Handler, string HttpMethod, ParameterPlace Place, string Name, Type Type);

/// <summary>
/// Every parameter that names a record, found from the route table, the page models' bound properties and their
/// handlers' parameters, and the minimal APIs' delegates: so a new page or endpoint that takes an id in its query
/// string or form, without a declared kind here (and so without a place in the access matrix), fails the tests.
/// </summary>
public static class IdParameters
{
    /// <summary>The kind of record each id-bearing parameter names. "id" takes the kind its route declares.</summary>
    public static readonly Dictionary<string, string> Kinds = new(StringComparer.OrdinalIgnoreCase)
    {
        ["id"] = "route",
        ["goalId"] = "goal",
        ["interventionId"] = "intervention",
        ["appointment"] = "appointment",
        ["contactId"] = "contact",
        ["carerId"] = "carer",
        ["requestId"] = "carer-request",
        ["personId"] = "person",
        ["person"] = "person",
        ["keyWorkerId"] = "staff",
        ["mentorId"] = "staff",
        ["workerId"] = "staff",
        ["userId"] = "staff",
        ["source"] = "source",
        ["fromSource"] = "source",
        ["toSource"] = "source",
        ["account"] = "account",
        ["uploadId"] = "upload",
        ["episodeId"] = "Episode",
        ["episodeIds"] = "Episode",
        ["toWorkerId"] = "staff",
        ["attendanceId"] = "group-attendance",
        ["concernId"] = "concern",
        // The GP letter's prescription: found only among the letters of the episode in its route.
        ["prescription"] = "prescription",
        ["prescriptionId"] = "prescription",
        ["formId"] = "prescription-form",
    };

    /// <summary>Parameters that look like ids (whole numbers, or named …Id) but name no record.</summary>
    public static readonly HashSet<string> NotIds = new(StringComparer.OrdinalIgnoreCase)
    {
        "version", "answers", "status", "step", "tool", "due", "national", "year", "quarter", "la", "provider", "localAuthority",
        "Form.Id", "placeId", "benchmarkId",
        // An indicator of indicators.md (completion.opiate …), not a record.
        "indicatorId",
        // A council's contract, not a client record: the spend page finds only the commissioner's own council's (QuarterlySummaryTests).
        "contractId",
    };

    private static readonly HashSet<Type> Simple =
        [typeof(string), typeof(int), typeof(int?), typeof(long), typeof(long?), typeof(Guid), typeof(Guid?)];

    public static async Task<List<EndpointParameter>> OfAsync(IEnumerable<RouteEndpoint> endpoints, PageLoader loader)
    {
        var found = new List<EndpointParameter>();
        foreach (var endpoint in endpoints)
        {
            var route = AccessRules.Route(endpoint);
            foreach (var p in endpoint.RoutePattern.Parameters)
                found.Add(new(route, null, "GET", ParameterPlace.Route, p.Name, typeof(string)));
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                foreach (var property in compiled.BoundProperties)
                {
                    var bind = (property as Microsoft.AspNetCore.Mvc.Infrastructure.IPropertyInfoParameterDescriptor)?.PropertyInfo.GetCustomAttribute<BindPropertyAttribute>();
                    var place = bind?.SupportsGet == true ? ParameterPlace.Query : ParameterPlace.Form;
                    foreach (var (name, type) in Flatten(property.Name, property.ParameterType))
                        found.Add(new(route, null, place == ParameterPlace.Query ? "GET" : "POST", place, name, type));
                }
                foreach (var handler in compiled.HandlerMethods)
                foreach (var parameter in handler.Parameters.Where(x => Simple.Contains(x.ParameterType)))
                    found.Add(new(route, handler.Name, handler.HttpMethod, handler.HttpMethod == "GET" ? ParameterPlace.Query : ParameterPlace.Form,
                        parameter.Name, parameter.ParameterType));
            }
            else if (endpoint.Metadata.GetMetadata<MethodInfo>() is { } method)
            {
                var verb = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.FirstOrDefault() ?? "GET";
                foreach (var parameter in method.GetParameters().Where(x => Simple.Contains(x.ParameterType)))
                    if (endpoint.RoutePattern.GetParameter(parameter.Name!) is null)
                        found.Add(new(route, null, verb, verb == "GET" ? ParameterPlace.Query : ParameterPlace.Form, parameter.Name!, parameter.ParameterType));
            }
        }
        return found.Where(IsIdLike).Distinct().ToList();
    }

    /// <summary>Every named page handler, as "route?handler=Name".</summary>
    public static async Task<List<string>> HandlersAsync(IEnumerable<RouteEndpoint> endpoints, PageLoader loader)
    {
        var found = new List<string>();
        foreach (var endpoint in endpoints)
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page)
                found.AddRange((await loader.LoadAsync(page, endpoint.Metadata)).HandlerMethods.Where(h => h.Name is not null)
                    .Select(h => $"{AccessRules.Route(endpoint)}?handler={h.Name}"));
        return found.Distinct().ToList();
    }

    /// <summary>A bound form object's own properties, one level down (Input.GivenName …).</summary>
    private static IEnumerable<(string, Type)> Flatten(string name, Type type)
    {
        if (Simple.Contains(type) || type.IsValueType || type == typeof(IFormFile)) return [(name, type)];
        if (type.IsGenericType) return [(name, type)];
        return type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite)
            .Select(p => ($"{name}.{p.Name}", p.PropertyType));
    }

    private static string Last(string name) => name.Split('.')[^1];

    public static bool IsIdLike(EndpointParameter p) =>
        !NotIds.Contains(p.Name) && !NotIds.Contains(Last(p.Name))
        && (Kinds.ContainsKey(Last(p.Name)) || Last(p.Name).EndsWith("Id", StringComparison.Ordinal)
            || Last(p.Name).Equals("id", StringComparison.OrdinalIgnoreCase) || p.Type == typeof(Guid) || p.Type == typeof(Guid?));

    public static string? KindOf(EndpointParameter p) => Kinds.GetValueOrDefault(Last(p.Name));

    public static IEnumerable<string> Violations(IEnumerable<EndpointParameter> parameters) =>
        parameters.Where(p => KindOf(p) is null)
            .Select(p => $"{p.Route}{(p.Handler is null ? "" : "?handler=" + p.Handler)}: {p.Place} parameter '{p.Name}' looks like a record id "
                         + "but has no kind in IdParameters.Kinds, so the access matrix cannot try it");
}
