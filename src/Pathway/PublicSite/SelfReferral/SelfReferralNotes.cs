using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.PublicSite.SelfReferral;

/// <summary>What staff pages show of an online self-referral: the caller has already scoped the episodes.</summary>
public static class SelfReferralNotes
{
    public static Task<Dictionary<int, string>> SafeContactByEpisodeAsync(PathwayDb db, IReadOnlyCollection<int> episodeIds, CancellationToken cancel) =>
        db.OnlineSelfReferrals.AsNoTracking().Where(r => episodeIds.Contains(r.EpisodeId))
            .ToDictionaryAsync(r => r.EpisodeId, r => r.SafeContactSummary(), cancel);

    public static Task<OnlineSelfReferral?> ForEpisodeAsync(PathwayDb db, int episodeId, CancellationToken cancel) =>
        db.OnlineSelfReferrals.AsNoTracking().SingleOrDefaultAsync(r => r.EpisodeId == episodeId, cancel);
}
