using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.History;

namespace Pathway.Casework;

/// <summary>
/// Every save of a case goes through here: the episode's <see cref="Episode.Version"/> is checked against the
/// version the form was filled in from and moved on, and the change history is written, all in one
/// SaveChanges. Any change to an episode's records (goals, contacts, reviews …) moves the version, so two
/// people editing the same case cannot silently overwrite each other.
/// </summary>
public static class CaseSave
{
    public const string StaleMessage =
        "Someone else changed this record while you were editing it. Your changes have not been saved: check the record as it is now and enter them again.";

    /// <returns>false when the form was based on an older version: nothing is saved.</returns>
    public static async Task<bool> TrySaveCaseAsync(this PathwayDb db, Episode episode, int formVersion, Caseworker who, CancellationToken cancel)
    {
        if (episode.Version != formVersion) return false;
        var entry = db.Entry(episode);
        entry.Property(e => e.Version).OriginalValue = formVersion;
        episode.Version = formVersion + 1;
        var person = episode.Person ?? await db.People.SingleAsync(p => p.Id == episode.PersonId, cancel);
        await ChangeHistory.CaptureAsync(db, who, person, episode, cancel);
        try
        {
            await db.SaveChangesAsync(cancel);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            // Someone saved between our read and our write; theirs stands, ours is refused whole.
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
