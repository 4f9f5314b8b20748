using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Safeguarding;

/// <summary>
/// Changing a client's risk and safeguarding flags from their case: the action the page and the API call, with the rules of
/// <see cref="RiskFlagRules"/> and the save through <see cref="CaseSave"/>. Saved: the client record's id.
/// </summary>
public static class RiskFlagRecords
{
    public static async Task<CaseOutcome> SaveAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        RiskFlagsInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        foreach (var (field, message) in RiskFlagRules.Check(input, episode.Person.DateOfBirth, db.Time().Today())) messages.Add(field, message);
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var flags = await db.RiskFlags.SingleOrDefaultAsync(f => f.ClientRecordId == episode.ClientRecordId, cancel);
        if (flags is null)
        {
            flags = new RiskFlags { ClientRecordId = episode.ClientRecordId };
            db.RiskFlags.Add(flags);
        }
        RiskFlagRules.Apply(input, flags);
        return await CaseAction.SaveAsync(db, episode, version, who, () => episode.ClientRecordId, cancel);
    }
}
