using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Indicators;

namespace Pathway.PublicSite;

/// <summary>Alcohol checks completed → self-referrals made, in a period. The checks are anonymous, so they cannot be split by council or provider.</summary>
public sealed record DigitalUptakeFigures(int ChecksCompleted, int ReferralsFromChecks, int OnlineSelfReferrals)
{
    public decimal? ConversionPercent => ChecksCompleted == 0 ? null : Math.Round(100m * ReferralsFromChecks / ChecksCompleted, 1);
}

public static class DigitalUptake
{
    public static async Task<DigitalUptakeFigures> ForAsync(PathwayDb db, IndicatorQuery query, CancellationToken cancel)
    {
        var checks = await db.AlcoholCheckCounts.AsNoTracking().Where(c => c.Date >= query.From && c.Date <= query.To).SumAsync(c => (int?)c.Completed, cancel) ?? 0;
        var online = db.Episodes.AsNoTracking().Where(e => e.ReferralSource == ReferralSource.OnlineSelf && e.ReferralDate >= query.From && e.ReferralDate <= query.To
            && (query.LocalAuthority == null || e.ClientRecord.LocalAuthorityCode == query.LocalAuthority)
            && (query.Provider == null || e.ProviderCode == query.Provider));
        var fromChecks = await online.CountAsync(e => db.OnlineSelfReferrals.Any(r => r.EpisodeId == e.Id && r.FromAlcoholCheck), cancel);
        return new DigitalUptakeFigures(checks, fromChecks, await online.CountAsync(cancel));
    }
}
