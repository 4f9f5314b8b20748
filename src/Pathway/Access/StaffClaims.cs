using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Pathway.Access;

/// <summary>
/// Adds the organisation a member of staff works for to their sign-in, so every audit event can say which provider
/// acted. Scope decisions still read the database (<see cref="RecordAccess"/>): a claim only labels the trail.
/// </summary>
public sealed class StaffClaims(UserManager<StaffUser> users, RoleManager<IdentityRole> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole>(users, roles, options)
{
    public const string Provider = "pathway:provider";

    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.ProviderCode is { Length: > 0 } provider) identity.AddClaim(new Claim(Provider, provider));
        return identity;
    }
}
