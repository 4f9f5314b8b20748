using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Pathway.Api;

public sealed record ReferenceOperation(string Method, string Path, string? Summary, string? Description, IReadOnlyList<string> Scopes,
    IReadOnlyList<(string Name, string Where, bool Required, string? Description)> Parameters, IReadOnlyList<(string Status, string? Description)> Responses);

/// <summary>
/// The API reference for people, rendered on the server from the same OpenAPI document programs read: a browsable page
/// needs no outside script (the site's Content-Security-Policy allows none, and Scalar's page is an inline script with fonts
/// from a CDN).
/// </summary>
[AllowAnonymous]
public class ReferenceModel : PageModel
{
    public IReadOnlyList<ReferenceOperation> Operations { get; private set; } = [];
    public string? Description { get; private set; }
    public IReadOnlyDictionary<string, string> Scopes { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var document = await HttpContext.RequestServices.GetRequiredKeyedService<IOpenApiDocumentProvider>(ApiDocument.Name)
            .GetOpenApiDocumentAsync(cancel);
        Description = document.Info?.Description;
        Scopes = ApiScopes.All.ToDictionary(s => s, ApiScopes.Describe);
        Operations = (document.Paths ?? new OpenApiPaths())
            .SelectMany(path => (path.Value.Operations ?? []).Select(op => new ReferenceOperation(
                op.Key.Method.ToUpperInvariant(), path.Key, op.Value.Summary, op.Value.Description,
                [.. (op.Value.Security ?? []).SelectMany(r => r.Values).SelectMany(v => v)],
                [.. (op.Value.Parameters ?? []).Select(p => (p.Name ?? "", p.In?.ToString().ToLowerInvariant() ?? "", p.Required, p.Description))],
                [.. (op.Value.Responses ?? new OpenApiResponses()).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => (r.Key, r.Value.Description))])))
            .OrderBy(o => o.Path, StringComparer.Ordinal).ThenBy(o => o.Method, StringComparer.Ordinal)
            .ToList();
    }

    public static string Meaning(string status) => status switch
    {
        "200" => "Done",
        "400" => "A parameter is missing or malformed (ProblemDetails, detail says which)",
        "401" => "No token, or it has expired, or its client was revoked or given a new secret (ProblemDetails)",
        "403" => "The token lacks the scope, or the request reaches beyond the client's provider or council (ProblemDetails)",
        "404" => "Nothing of that name (ProblemDetails)",
        "409" => "Refused in the demonstration area (ProblemDetails)",
        "413" => "The body is too large (ProblemDetails)",
        "422" => "The bundle was refused: ProblemDetails whose problems list each file, line, column and rule",
        "429" => "Too many requests from this client this minute (ProblemDetails, with Retry-After)",
        _ => "",
    };
}
