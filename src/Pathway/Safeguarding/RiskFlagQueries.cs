using Microsoft.EntityFrameworkCore;
using Pathway.Data;

namespace Pathway.Safeguarding;

public static class RiskFlagQueries
{
    /// <summary>The flags of the episodes' client records, as tags by episode: a caseload's rows in one query.</summary>
    public static async Task<Dictionary<int, List<FlagTag>>> TagsByEpisodeAsync(PathwayDb db, IReadOnlyCollection<int> episodeIds, CancellationToken cancel)
    {
        if (episodeIds.Count == 0) return [];
        var rows = await db.Episodes.AsNoTracking().Where(e => episodeIds.Contains(e.Id))
            .Join(db.RiskFlags.AsNoTracking(), e => e.ClientRecordId, f => f.ClientRecordId, (e, f) => new { e.Id, Flags = f })
            .ToListAsync(cancel);
        return rows.ToDictionary(r => r.Id, r => RiskFlagRules.Tags(r.Flags));
    }
}
