using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenIddict.Abstractions;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Exchange;
using Pathway.Fhir;
using Pathway.Indicators;

namespace Pathway.Api;

/// <summary>
/// The HTTP API for programs (cli.md "The HTTP API"): tokens, one route group per area under <c>/api/v1</c>, the OpenAPI
/// document and its reference page. Each group demands a bearer token with its scope, is rate-limited per client, and
/// answers errors as ProblemDetails.
/// </summary>
public static class PathwayApi
{
    public const string Prefix = "/api/v1";
    public const string RateLimitPolicy = "api-client";

    public static void AddPathwayApi(this WebApplicationBuilder builder, bool demo)
    {
        // Tokens only over HTTPS, as the sign-in cookies: the demonstration on plain http://localhost is the exception.
        builder.AddPathwayTokens(requireHttps: SignIn.SecureCookies(builder.Configuration, demo));
        // OpenIddict narrates every request at Information; warnings and errors are what an operator needs.
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
        var auth = builder.Services.AddAuthorizationBuilder();
        foreach (var scope in ApiScopes.All)
            auth.AddPolicy(ApiScopes.Policy(scope), p => p.AddAuthenticationSchemes(ApiTokens.Scheme).RequireAuthenticatedUser()
                .RequireAssertion(c => c.User.HasScope(scope)));
        builder.Services.Replace(ServiceDescriptor.Singleton<IAuthorizationMiddlewareResultHandler, ApiAuthorizationResults>());

        var perMinute = builder.Configuration.GetValue("Pathway:Api:RequestsPerMinute", 120);
        builder.Services.AddRateLimiter(limiter => limiter.AddPolicy(RateLimitPolicy, new PerClientLimit(perMinute)));
        builder.Services.AddScoped<ApiCaller>();
        builder.AddPathwayOpenApi();
    }

    public static void MapPathwayApi(this WebApplication app)
    {
        var api = app.MapGroup(Prefix)
            .AddEndpointFilter<ApiCallerFilter>()
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(new ApiEndpointMetadata());
        api.MapIndicators();
        api.MapBundles();
        app.MapFhir();
        app.MapPathwayOpenApi();
    }

    /// <summary>A ProblemDetails answer (application/problem+json) with a clear detail.</summary>
    public static ProblemHttpResult Problem(int status, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, extensions: extensions);

    public static string Describe(ClaimsPrincipal user) => user.FindFirstValue(ApiClaims.ClientId) ?? "anonymous";

    /// <summary>A refusal in the endpoint's own language: OperationOutcome under /fhir, ProblemDetails everywhere else.</summary>
    public static IResult Refusal(HttpContext context, int status, string detail) =>
        context.GetEndpoint()?.Metadata.GetMetadata<Fhir.FhirEndpointMetadata>() is not null
            ? Fhir.FhirResult.Error(status, detail)
            : Problem(status, detail);
}

/// <summary>Marks the endpoints of the HTTP API, whose refusals are ProblemDetails, never the people's error page.</summary>
public sealed class ApiEndpointMetadata;

/// <summary>The client behind this request, as the database holds it now (revoked or rotated clients never get this far).</summary>
public sealed class ApiCaller
{
    public ApiClient Client { get; set; } = null!;
    public AccessScope Scope => Client.ProviderCode is { } p ? new AccessScope(p, null) : new AccessScope(null, Client.LocalAuthorityCode ?? "");
}

/// <summary>
/// Every API call checks its client in the database: a revoked client, or a token issued before the secret was rotated, is
/// refused at once (401), however long the token had left.
/// </summary>
public sealed class ApiCallerFilter(PathwayDb db, ApiCaller caller, AuditTrail audit) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var user = context.HttpContext.User;
        var clientId = user.FindFirstValue(ApiClaims.ClientId);
        var stamp = int.TryParse(user.FindFirstValue(ApiClaims.Stamp), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : -1;
        var client = clientId is null ? null
            : await db.ApiClients.AsNoTracking().SingleOrDefaultAsync(c => c.ClientId == clientId, context.HttpContext.RequestAborted);
        if (client is null || client.Revoked || client.SecretStamp != stamp)
        {
            await audit.RecordAsync(AuditActions.Refused, AuditOutcomes.Refused, AuditedRecordTypes.ApiClient, clientId,
                cancel: context.HttpContext.RequestAborted);
            return PathwayApi.Refusal(context.HttpContext, StatusCodes.Status401Unauthorized, client?.Revoked == true
                ? "This client has been revoked."
                : "This token was issued under a secret that has since been replaced; ask /connect/token for a new one.");
        }
        caller.Client = client;
        return await next(context);
    }
}

/// <summary>
/// Refusals of API calls as ProblemDetails (401 with the bearer challenge, 403 naming the scope), audited like a person's;
/// everything else goes on to the site's own handler (<see cref="AuditedRefusals"/>).
/// </summary>
public sealed class ApiAuthorizationResults : IAuthorizationMiddlewareResultHandler
{
    private readonly AuditedRefusals site = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
    {
        if (result.Succeeded || context.GetEndpoint()?.Metadata.GetMetadata<ApiEndpointMetadata>() is null)
        {
            await site.HandleAsync(next, context, policy, result);
            return;
        }
        var audit = context.RequestServices.GetRequiredService<AuditTrail>();
        var scope = context.GetEndpoint()?.Metadata.GetMetadata<RequiredScope>()?.Scope;
        await audit.RecordAsync(AuditActions.Refused, AuditOutcomes.Refused, AuditedRecordTypes.ApiClient,
            context.User.FindFirstValue(ApiClaims.ClientId), cancel: context.RequestAborted);
        if (result.Forbidden)
        {
            await PathwayApi.Refusal(context, StatusCodes.Status403Forbidden, $"This token does not carry the scope {scope}.").ExecuteAsync(context);
            return;
        }
        // The challenge sets the WWW-Authenticate header a client library looks for; the body says it in words.
        await context.ChallengeAsync(ApiTokens.Scheme);
        if (!context.Response.HasStarted)
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            await PathwayApi.Refusal(context, StatusCodes.Status401Unauthorized,
                $"Send a bearer token from {ApiTokens.Path}: none was sent, or it has expired or is not valid.").ExecuteAsync(context);
        }
    }
}

/// <summary>The scope an endpoint demands, for the OpenAPI document and for refusals that name it.</summary>
public sealed record RequiredScope(string Scope);

public static class ScopedGroups
{
    /// <summary>A route group demanding a bearer token with this scope.</summary>
    public static RouteGroupBuilder WithScope(this RouteGroupBuilder group, string scope) =>
        group.RequireAuthorization(ApiScopes.Policy(scope)).WithMetadata(new RequiredScope(scope));
}

/// <summary>A fixed window per client id: one busy client cannot starve the others (or the people using the site).</summary>
public sealed class PerClientLimit(int perMinute) : IRateLimiterPolicy<string>
{
    public RateLimitPartition<string> GetPartition(HttpContext context) =>
        RateLimitPartition.GetFixedWindowLimiter(PathwayApi.Describe(context.User),
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    public Func<OnRejectedContext, CancellationToken, ValueTask>? OnRejected => async (rejected, cancel) =>
    {
        var context = rejected.HttpContext;
        if (rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
            context.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<AuditTrail>().RecordAsync(AuditActions.Refused, AuditOutcomes.Refused,
            AuditedRecordTypes.ApiClient, context.User.FindFirstValue(ApiClaims.ClientId), cancel: cancel);
        await PathwayApi.Refusal(context, StatusCodes.Status429TooManyRequests, $"This client may make {perMinute} requests a minute; wait and try again.")
            .ExecuteAsync(context);
    };
}
