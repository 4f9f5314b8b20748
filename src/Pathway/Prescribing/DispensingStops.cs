using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Prescribing;

/// <summary>Which episodes' dispensing is stopped by missed doses (<see cref="DispensingRules.IsStopped"/>), read for a set of episodes at once.</summary>
public static class DispensingStops
{
    /// <summary>Only recent doses can end a run of misses; older ones are not read.</summary>
    private const int LookBackDays = 60;

    public static async Task<HashSet<int>> StoppedAsync(PathwayDb db, IQueryable<Episode> episodes, DateOnly today, CancellationToken cancel)
    {
        var since = today.AddDays(-LookBackDays);
        var ids = episodes.Select(e => e.Id);
        var doses = await db.DoseRecords.AsNoTracking()
            .Where(d => d.Date >= since && ids.Contains(d.Prescription.EpisodeId))
            .Select(d => new { d.Prescription.EpisodeId, d.Date, d.Outcome, d.RecordedAt }).ToListAsync(cancel);
        if (doses.Count == 0) return [];
        var withDoses = doses.Select(d => d.EpisodeId).Distinct().ToList();
        var reviews = (await db.DispensingReviews.AsNoTracking().Where(r => withDoses.Contains(r.EpisodeId))
            .Select(r => new { r.EpisodeId, r.At }).ToListAsync(cancel))
            .GroupBy(r => r.EpisodeId).ToDictionary(g => g.Key, g => g.Max(r => r.At));
        return doses.GroupBy(d => d.EpisodeId)
            .Where(g => DispensingRules.IsStopped(g.Select(d => (d.Date, d.Outcome, d.RecordedAt)),
                reviews.TryGetValue(g.Key, out var at) ? at : null))
            .Select(g => g.Key).ToHashSet();
    }
}
