using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Carers;

/// <summary>A family member or carer of the client, as the worker adds them.</summary>
public sealed record CarerInput(string? Name, string? Relationship, string? Phone);

/// <summary>Support given to one of the client's carers.</summary>
public sealed record CarerSupportInput(int? CarerId, DateOnly? Date, ContactChannel? Channel, bool CarersGroup);

/// <summary>
/// Adding a client's carer and recording the support one has had: the actions the carers page and the API call, each saved
/// through <see cref="CaseSave"/> on the case they were reached from.
/// </summary>
public static class CarerRecords
{
    public static async Task<CaseOutcome> AddCarerAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        CarerInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        messages.Required(nameof(input.Name), input.Name, "Enter the family member's or carer's name");
        messages.Required(nameof(input.Relationship), input.Relationship, "Enter how they are related to the client");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var carer = new Carer { ClientRecordId = episode.ClientRecordId, Name = input.Name!.Trim(), Relationship = input.Relationship!.Trim(), Phone = input.Phone?.Trim() };
        db.Carers.Add(carer);
        return await CaseAction.SaveAsync(db, episode, version, who, () => carer.Id, cancel);
    }

    public static async Task<CaseOutcome> RecordSupportAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        CarerSupportInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        if (input.CarerId is not { } carerId || !await db.Carers.AnyAsync(c => c.Id == carerId && c.ClientRecordId == episode.ClientRecordId, cancel))
            messages.Add(nameof(input.CarerId), "Choose who was supported");
        messages.Required(nameof(input.Date), input.Date, "Enter the date of the support");
        if (input.Date is { } day) messages.Rule(nameof(input.Date), "Date of support", RecordRules.NotFuture(day, db.Time().Today()));
        messages.Required(nameof(input.Channel), input.Channel, "Select how the support was given");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var support = new CarerSupport { CarerId = input.CarerId!.Value, Date = input.Date!.Value, Channel = input.Channel!.Value, CarersGroup = input.CarersGroup };
        db.CarerSupport.Add(support);
        return await CaseAction.SaveAsync(db, episode, version, who, () => support.Id, cancel);
    }
}
