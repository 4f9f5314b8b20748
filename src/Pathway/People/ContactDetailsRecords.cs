using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.People;

/// <summary>
/// Changing a client's contact details from their case: the action the page and the API call, with the rules of
/// <see cref="ContactDetailsRules"/> and the save through <see cref="CaseSave"/>. Saved: the client record's id.
/// </summary>
public static class ContactDetailsRecords
{
    public static async Task<CaseOutcome> SaveAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        ContactDetails input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        foreach (var error in ContactDetailsRules.Check(input)) messages.Add(error.Field, error.Message);
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var contact = await db.ClientContacts.SingleOrDefaultAsync(c => c.ClientRecordId == episode.ClientRecordId, cancel);
        if (contact is null)
        {
            // Records loaded from a bundle come without contact details: the first save makes them.
            contact = new ClientContact { ClientRecordId = episode.ClientRecordId };
            db.ClientContacts.Add(contact);
        }
        ContactDetailsRules.Apply(input, contact);
        return await CaseAction.SaveAsync(db, episode, version, who, () => episode.ClientRecordId, cancel);
    }
}
