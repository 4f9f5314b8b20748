using System.Security.Claims;
using Pathway.Episodes;

namespace Pathway.Access;

/// <summary>
/// The one rule for whose data a user may see. A provider's staff see their provider only; a commissioner
/// sees their own council only (and only counts); a data officer sees their own provider and any further provider an
/// administrator granted them (<see cref="StaffProviderGrant"/>), never everyone's: another provider's clients reach them
/// only through an authorised handover (<see cref="Transitions.Handover"/>, applied by <see cref="RecordAccess"/>).
/// Administrators are not narrowed here because they read no clinical pages at all.
/// </summary>
public sealed record AccessScope(string? ProviderCode, string? LocalAuthorityCode)
{
    /// <summary>Providers granted beside <see cref="ProviderCode"/>: a data officer's in a commissioner-owned deployment; empty for everyone else.</summary>
    public IReadOnlyList<string> GrantedProviders { get; init; } = [];

    /// <summary>The providers whose records are inside this scope; null when it is not narrowed by provider.</summary>
    public IReadOnlyList<string>? Providers => ProviderCode is null ? null : [ProviderCode, .. GrantedProviders];

    /// <summary>No user: nothing is visible.</summary>
    public static AccessScope Nobody { get; } = new(ProviderCode: "", LocalAuthorityCode: "");

    public static AccessScope Of(StaffUser? user, ClaimsPrincipal principal) =>
        user is null ? Nobody : For(principal, user.ProviderCode, user.LocalAuthorityCode);

    public static AccessScope For(ClaimsPrincipal principal, string? providerCode, string? localAuthorityCode,
        IReadOnlyList<string>? grantedProviders = null)
    {
        // A pharmacist reads no client record through a provider's scope: only their pharmacy's dose list (RecordAccess.DispensingAsync).
        if (principal.IsInRole(Roles.Pharmacist)) return Nobody;
        if (principal.IsInRole(Roles.Commissioner)) return new AccessScope(null, localAuthorityCode ?? "");
        if (principal.IsInRole(Roles.RecoveryWorker) || principal.IsInRole(Roles.TeamManager) || principal.IsInRole(Roles.PeerMentor)
            || principal.IsInRole(Roles.Prescriber))
            return new AccessScope(providerCode ?? "", null);
        // A data officer without a provider or a grant sees nothing: exporting everyone is never the default.
        if (principal.IsInRole(Roles.DataOfficer))
            return new AccessScope(providerCode ?? "", null) { GrantedProviders = grantedProviders ?? [] };
        return new AccessScope(null, null);
    }

    /// <summary>The episodes inside this scope: a provider's own; none at all for a commissioner (counts only).</summary>
    public IQueryable<Episode> Episodes(IQueryable<Episode> episodes)
    {
        if (LocalAuthorityCode is not null) return episodes.Where(_ => false);
        if (ProviderCode is null) return episodes;
        if (GrantedProviders.Count == 0) return episodes.Where(e => e.ProviderCode == ProviderCode);
        var providers = Providers!;
        return episodes.Where(e => providers.Contains(e.ProviderCode));
    }

    /// <summary>
    /// The public service places this scope may change: a provider's managers their own provider's; administrators (not
    /// narrowed) every one; nobody else any.
    /// </summary>
    public IQueryable<PublicSite.ServicePlace> ServicePlaces(IQueryable<PublicSite.ServicePlace> places) =>
        LocalAuthorityCode is not null ? places.Where(_ => false)
        : ProviderCode is null ? places
        : places.Where(p => p.ProviderCode == ProviderCode);

    /// <summary>The comparator figures this scope may change: a commissioner's own council's set; nobody else's.</summary>
    public IQueryable<Commissioning.BenchmarkFigure> BenchmarkFigures(IQueryable<Commissioning.BenchmarkFigure> figures) =>
        LocalAuthorityCode is { Length: > 0 } council ? figures.Where(f => f.OwnerLocalAuthorityCode == council) : figures.Where(_ => false);

    /// <summary>Narrows a requested selection to what the scope allows: a choice outside it becomes the scope itself.</summary>
    public (string? LocalAuthority, string? Provider) Narrow(string? localAuthority, string? provider) =>
        (LocalAuthorityCode ?? localAuthority, ProviderCode ?? provider);
}
