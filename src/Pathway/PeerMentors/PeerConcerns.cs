using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.PeerMentors;

public sealed record ConcernAlert(int Id, int EpisodeId, string Client, string RaisedBy, DateTimeOffset RaisedAt, string Reason);

/// <summary>Concerns peer mentors raised, as their key worker sees them until marked seen: the rule of who sees one lives here once.</summary>
public static class PeerConcerns
{
    /// <summary>Unseen concerns about the open cases this worker holds, inside their scope; oldest first (by id: SQLite cannot order instants).</summary>
    public static async Task<List<ConcernAlert>> OpenForAsync(PathwayDb db, IQueryable<Episode> scope, string keyWorkerId, CancellationToken cancel)
    {
        var held = scope.Where(e => e.KeyWorkerId == keyWorkerId).Select(e => e.Id);
        return (await db.PeerConcerns.AsNoTracking().Where(c => c.SeenAt == null && held.Contains(c.EpisodeId))
            .OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.EpisodeId, c.Episode.ClientRecord.GivenName, c.Episode.ClientRecord.FamilyName, c.RaisedByName, c.RaisedAt, c.Reason })
            .ToListAsync(cancel))
            .Select(c => new ConcernAlert(c.Id, c.EpisodeId, $"{c.GivenName} {c.FamilyName}".Trim(), c.RaisedByName, c.RaisedAt, c.Reason)).ToList();
    }

    /// <summary>Marks a concern seen by its key worker, in the case's history; false when it is not theirs to mark (or already seen).</summary>
    public static async Task<bool> MarkSeenAsync(PathwayDb db, IQueryable<Episode> scope, Caseworker keyWorker, int concernId, DateTimeOffset now,
        CancellationToken cancel)
    {
        var concern = await db.PeerConcerns.SingleOrDefaultAsync(c => c.Id == concernId && c.SeenAt == null
            && scope.Any(e => e.Id == c.EpisodeId && e.KeyWorkerId == keyWorker.Id), cancel);
        if (concern is null) return false;
        var episode = await db.Episodes.Include(e => e.Person).SingleAsync(e => e.Id == concern.EpisodeId, cancel);
        (concern.SeenAt, concern.SeenById, concern.SeenByName) = (now, keyWorker.Id, keyWorker.Name);
        return await db.TrySaveCaseAsync(episode, episode.Version, keyWorker, cancel);
    }
}
