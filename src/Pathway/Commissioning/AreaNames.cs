using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Indicators;

namespace Pathway.Commissioning;

public static class AreaNames
{
    /// <summary>"Stockport, Harbour Recovery Partnership" or "All local authorities, all providers".</summary>
    public static async Task<string> DescribeAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel)
    {
        var la = query.LocalAuthority is null ? "All local authorities"
            : await db.LocalAuthorities.AsNoTracking().Where(l => l.Code == query.LocalAuthority).Select(l => l.Name).FirstOrDefaultAsync(cancel) ?? query.LocalAuthority;
        var provider = query.Provider is null ? "all providers"
            : await db.Providers.AsNoTracking().Where(p => p.Code == query.Provider).Select(p => p.Name).FirstOrDefaultAsync(cancel) ?? query.Provider;
        return $"{la}, {provider}";
    }
}
