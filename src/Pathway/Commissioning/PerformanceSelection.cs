using Pathway.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Indicators;

namespace Pathway.Commissioning;

public sealed record Choice(string Value, string Text);

/// <summary>
/// The period and selection a performance page shows, from its query string. Without one, a commissioner
/// sees their own council and a team manager their own provider, for the last full quarter.
/// </summary>
public sealed record PerformanceSelection(ReportPeriod Period, string? LocalAuthority, string? Provider, DateOnly AsOf,
    IReadOnlyList<ReportPeriod> Periods, IReadOnlyList<Choice> LocalAuthorities, IReadOnlyList<Choice> Providers)
{
    /// <summary>Whether "all local authorities" may be chosen: never for a commissioner, whose figures are their own council's whatever they ask for.</summary>
    public bool OffersAllLocalAuthorities { get; init; } = true;

    /// <summary>Whether "all providers" may be chosen: never for a provider's own staff.</summary>
    public bool OffersAllProviders { get; init; } = true;

    public IndicatorQuery Query => new(Period.From, Period.To, AsOf, LocalAuthority, Provider);

    public string QueryString => $"period={Uri.EscapeDataString(Period.Key)}&la={Uri.EscapeDataString(LocalAuthority ?? "")}&provider={Uri.EscapeDataString(Provider ?? "")}";

    public static async Task<PerformanceSelection> ResolveAsync(HttpRequest request, StaffUser? user, PathwayDb db, CancellationToken cancel)
    {
        var today = request.HttpContext.Today();
        var periods = ReportPeriod.Options(today);
        var period = ReportPeriod.Parse(request.Query["period"]) ?? ReportPeriod.Default(today);
        // The choices offered are only those the user's scope allows, so a council sees only its own figures.
        var scope = AccessScope.Of(user, request.HttpContext.User);
        var las = await db.LocalAuthorities.AsNoTracking()
            .Where(l => scope.LocalAuthorityCode == null || l.Code == scope.LocalAuthorityCode)
            .OrderBy(l => l.Name).Select(l => new Choice(l.Code, l.Name)).ToListAsync(cancel);
        var providers = await db.Providers.AsNoTracking()
            .Where(p => scope.ProviderCode == null || p.Code == scope.ProviderCode)
            .OrderBy(p => p.Name).Select(p => new Choice(p.Code, p.Name)).ToListAsync(cancel);

        // An explicit empty value means "all"; a missing one means "my own".
        string? Pick(string name, string? own, IReadOnlyList<Choice> known) =>
            request.Query.TryGetValue(name, out var given)
                ? known.FirstOrDefault(k => k.Value == given.ToString())?.Value
                : own is not null && known.Any(k => k.Value == own) ? own : null;

        var (la, provider) = scope.Narrow(Pick("la", user?.LocalAuthorityCode, las), Pick("provider", user?.ProviderCode, providers));
        return new PerformanceSelection(period, la, provider, today, periods, las, providers)
        {
            // Offering a choice the scope then overrides would show one council's figures under the words "all".
            OffersAllLocalAuthorities = scope.LocalAuthorityCode is null,
            OffersAllProviders = scope.ProviderCode is null,
        };
    }
}
