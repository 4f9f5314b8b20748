using System.Security.Claims;
using Pathway.Episodes;

namespace Pathway.Access;

/// <summary>
/// The one rule for whose data a user may see. A provider's staff see their provider only; a commissioner
/// sees their own council only (and only counts); data officers and administrators are not narrowed here
/// (administrators read no clinical pages at all; data officers move whole sources between providers).
/// </summary>
public sealed record AccessScope(string? ProviderCode, string? LocalAuthorityCode)
{
    /// <summary>No user: nothing is visible.</summary>
    public static AccessScope Nobody { get; } = new(ProviderCode: "", LocalAuthorityCode: "");

    public static AccessScope Of(StaffUser? user, ClaimsPrincipal principal) =>
        user is null ? Nobody : For(principal, user.ProviderCode, user.LocalAuthorityCode);

    public static AccessScope For(ClaimsPrincipal principal, string? providerCode, string? localAuthorityCode)
    {
        if (principal.IsInRole(Roles.Commissioner)) return new AccessScope(null, localAuthorityCode ?? "");
        if (principal.IsInRole(Roles.RecoveryWorker) || principal.IsInRole(Roles.TeamManager) || principal.IsInRole(Roles.PeerMentor))
            return new AccessScope(providerCode ?? "", null);
        return new AccessScope(null, null);
    }

    /// <summary>The episodes inside this scope: a provider's own; none at all for a commissioner (counts only).</summary>
    public IQueryable<Episode> Episodes(IQueryable<Episode> episodes) =>
        LocalAuthorityCode is not null ? episodes.Where(_ => false)
        : ProviderCode is null ? episodes
        : episodes.Where(e => e.ProviderCode == ProviderCode);

    /// <summary>Narrows a requested selection to what the scope allows: a choice outside it becomes the scope itself.</summary>
    public (string? LocalAuthority, string? Provider) Narrow(string? localAuthority, string? provider) =>
        (LocalAuthorityCode ?? localAuthority, ProviderCode ?? provider);
}
