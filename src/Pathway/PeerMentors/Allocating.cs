using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;
using Pathway.Teams;

namespace Pathway.PeerMentors;

/// <summary>Who holds the case: the key worker (none: empty), and a peer mentor if the client wants one (none: empty).</summary>
public sealed record AllocationInput(string? KeyWorkerId, string? MentorId);

/// <summary>
/// Allocating a case, for the page and the API alike: a key worker from the enabled recovery workers of the worker's service and a
/// peer mentor from its enabled peer mentors (by the rule the team's bulk move uses); the current holder stays allowed even if
/// their account has since been disabled, so saving one choice does not silently unallocate the other.
/// </summary>
public static class Allocating
{
    public static async Task<CaseOutcome> AllocateAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        AllocationInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var current = await db.PeerMentorings.Where(x => x.EpisodeId == episode.Id && x.Until == null).ToListAsync(cancel);
        var messages = new FieldMessages();
        if (input.KeyWorkerId is { Length: > 0 } k && k != episode.KeyWorkerId
            && (await Reallocation.KeyWorkersAsync(db, who.ProviderCode, cancel)).All(w => w.Id != k))
            messages.Add(nameof(input.KeyWorkerId), "Choose a key worker from the list: a recovery worker of your service whose account is enabled");
        if (input.MentorId is { Length: > 0 } m && current.All(x => x.MentorId != m)
            && (await Reallocation.EnabledStaffAsync(db, who.ProviderCode, Roles.PeerMentor, cancel)).All(w => w.Id != m))
            messages.Add(nameof(input.MentorId), "Choose a peer mentor from the list: a peer mentor of your service whose account is enabled");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var today = db.Time().Today();
        episode.KeyWorkerId = string.IsNullOrEmpty(input.KeyWorkerId) ? null : input.KeyWorkerId;
        foreach (var old in current.Where(x => x.MentorId != input.MentorId)) old.Until = today;
        if (!string.IsNullOrEmpty(input.MentorId) && current.All(x => x.MentorId != input.MentorId))
            db.PeerMentorings.Add(new PeerMentoring { Episode = episode, MentorId = input.MentorId, From = today });
        return await CaseAction.SaveAsync(db, episode, version, who, () => episode.Id, cancel);
    }
}
