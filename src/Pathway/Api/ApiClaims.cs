using System.Security.Claims;
using Pathway.Access;

namespace Pathway.Api;

/// <summary>
/// The claims an API client's token carries, named so the audit trail and <see cref="RecordAccess"/> read a client as they
/// read a member of staff: the user id is <c>api:CLIENT_ID</c>, the name says "(API client)", the provider claim is the staff one.
/// </summary>
public static class ApiClaims
{
    public const string ClientId = "pathway:api-client";
    public const string LocalAuthority = "pathway:api-local-authority";
    /// <summary>The client's secret stamp when the token was issued: a rotation makes older tokens useless.</summary>
    public const string Stamp = "pathway:api-stamp";

    public static IEnumerable<Claim> Of(ApiClient client)
    {
        yield return new Claim(ClaimTypes.NameIdentifier, "api:" + client.ClientId);
        yield return new Claim(OpenIddict.Abstractions.OpenIddictConstants.Claims.Name, $"{client.Name} (API client)");
        yield return new Claim(ClientId, client.ClientId);
        yield return new Claim(Stamp, client.SecretStamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        if (client.ProviderCode is { } provider) yield return new Claim(StaffClaims.Provider, provider);
        if (client.LocalAuthorityCode is { } council) yield return new Claim(LocalAuthority, council);
    }

    /// <summary>
    /// An API client's scope: its one provider (as a data officer's, without grants) or its one council (as a commissioner's);
    /// null when the principal is not an API client.
    /// </summary>
    public static AccessScope? ScopeOf(ClaimsPrincipal principal)
    {
        if (principal.FindFirstValue(ClientId) is null) return null;
        var provider = principal.FindFirstValue(StaffClaims.Provider);
        var council = principal.FindFirstValue(LocalAuthority);
        // Exactly one of them, or nothing at all: never "everyone".
        return (provider, council) switch
        {
            ({ Length: > 0 } p, null) => new AccessScope(p, null),
            (null, { Length: > 0 } c) => new AccessScope(null, c),
            _ => AccessScope.Nobody,
        };
    }
}
