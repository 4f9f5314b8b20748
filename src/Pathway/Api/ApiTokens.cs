using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using OpenIddict.Validation.AspNetCore;
using Pathway.Access.Audit;
using Pathway.Data;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Pathway.Api;

/// <summary>
/// <c>POST /connect/token</c>: OAuth 2.0 client credentials, served by OpenIddict in degraded mode over Pathway's own
/// <see cref="ApiClient"/> table (docs/decisions/006-api-clients-and-tokens.md). Tokens are sealed with ASP.NET Core
/// Data Protection, whose keys the database already keeps for the sign-in cookies.
/// </summary>
public static class ApiTokens
{
    public const string Path = "/connect/token";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);
    /// <summary>The authentication scheme of API calls: a bearer token, validated by this same server.</summary>
    public const string Scheme = OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme;

    /// <summary>
    /// Made once per process: generating two RSA keys costs up to seconds of CPU, paid on the first request of every host
    /// (hundreds of hosts in one test run). They protect nothing that outlives the process, so sharing them loses nothing.
    /// </summary>
    private static readonly Lazy<(SecurityKey Encryption, SecurityKey Signing)> EphemeralKeys = new(() =>
        (new RsaSecurityKey(RSA.Create(2048)), new RsaSecurityKey(RSA.Create(2048))));

    public static void AddPathwayTokens(this WebApplicationBuilder builder, bool requireHttps)
    {
        builder.Services.AddOpenIddict()
            .AddServer(server =>
            {
                server.SetTokenEndpointUris(Path.TrimStart('/'));
                server.AllowClientCredentialsFlow();
                // Clients live in Pathway's own table, checked by the handlers below, not in OpenIddict's stores.
                server.EnableDegradedMode();
                server.RegisterScopes([.. ApiScopes.All]);
                server.SetAccessTokenLifetime(Lifetime);
                server.UseDataProtection().PreferDefaultAccessTokenFormat();
                // Data Protection seals the access tokens; these keys sign nothing a client sees, but OpenIddict wants one of each.
                server.AddEncryptionKey(EphemeralKeys.Value.Encryption).AddSigningKey(EphemeralKeys.Value.Signing);
                var aspNetCore = server.UseAspNetCore();
                if (!requireHttps) aspNetCore.DisableTransportSecurityRequirement();
                server.AddEventHandler<ValidateTokenRequestContext>(h => h.UseScopedHandler<CheckClient>());
                server.AddEventHandler<HandleTokenRequestContext>(h => h.UseScopedHandler<IssueToken>());
            })
            .AddValidation(validation =>
            {
                validation.UseLocalServer();
                validation.UseDataProtection();
                validation.UseAspNetCore();
            });
    }

    /// <summary>The client id and secret must name an active client, and any scope asked for must be one it was given.</summary>
    public sealed class CheckClient(PathwayDb db, AuditTrail audit) : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public async ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            var client = await ApiClients.AuthenticateAsync(db, context.ClientId, context.ClientSecret, context.CancellationToken);
            if (client is null)
            {
                await audit.RecordAsync(AuditActions.SignIn, AuditOutcomes.Failed, AuditedRecordTypes.ApiClient, context.ClientId,
                    cancel: context.CancellationToken);
                context.Reject(Errors.InvalidClient, "The client_id and client_secret do not name an active client.");
                return;
            }
            var refused = context.Request.GetScopes().Where(s => !client.ScopeList.Contains(s)).ToList();
            if (refused.Count > 0)
            {
                await audit.RecordAsync(AuditActions.SignIn, AuditOutcomes.Refused, AuditedRecordTypes.ApiClient, client.ClientId,
                    userName: client.Name, cancel: context.CancellationToken);
                context.Reject(Errors.InvalidScope, $"This client was not given {string.Join(", ", refused)}.");
            }
        }
    }

    /// <summary>The token: the client's scopes (or those it asked for), who it is and whom it acts for.</summary>
    public sealed class IssueToken(PathwayDb db, AuditTrail audit) : IOpenIddictServerHandler<HandleTokenRequestContext>
    {
        public async ValueTask HandleAsync(HandleTokenRequestContext context)
        {
            if (!context.Request.IsClientCredentialsGrantType()) return;
            var client = await ApiClients.AuthenticateAsync(db, context.Request.ClientId, context.Request.ClientSecret, context.CancellationToken);
            if (client is null)
            {
                context.Reject(Errors.InvalidClient, "The client_id and client_secret do not name an active client.");
                return;
            }
            var asked = context.Request.GetScopes();
            var identity = new ClaimsIdentity(ApiTokens.Scheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, client.ClientId);
            identity.AddClaims(ApiClaims.Of(client));
            identity.SetScopes(asked.IsEmpty ? client.ScopeList : asked);
            identity.SetDestinations(_ => [Destinations.AccessToken]);
            await audit.RecordAsync(AuditActions.SignIn, AuditOutcomes.Succeeded, AuditedRecordTypes.ApiClient, client.ClientId,
                userName: $"{client.Name} (API client)", cancel: context.CancellationToken);
            context.SignIn(new ClaimsPrincipal(identity));
        }
    }
}
