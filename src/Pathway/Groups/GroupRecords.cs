using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Groups;

/// <summary>What a worker enters to add a group session.</summary>
public sealed record GroupSessionInput(GroupType? Type, string? Title, DateOnly? Date, TimeOnly? Time, string? Facilitator);

/// <summary>
/// Group sessions and their registers: the actions the group pages call. A session belongs to the user's provider; a mark on the
/// register is one contact of the client's episode, found through <see cref="RecordAccess"/> and saved through
/// <see cref="CaseSave"/> with the episode's version and change history, so a group is counted like any other contact.
/// </summary>
public static class GroupRecords
{
    public const string AlreadyOnRegister = "This client is already on the register: change their mark below";

    /// <summary>The user's provider's session, or null (another provider's sessions do not exist for them).</summary>
    public static async Task<GroupSession?> SessionAsync(PathwayDb db, RecordAccess access, int sessionId, CancellationToken cancel)
    {
        var provider = (await access.ScopeAsync(cancel)).ProviderCode;
        return await db.GroupSessions.AsNoTracking().SingleOrDefaultAsync(g => g.Id == sessionId && provider != null && g.ProviderCode == provider, cancel);
    }

    /// <summary>The provider's open caseload on the session's day: the episodes a register may add.</summary>
    public static async Task<IQueryable<Episode>> EligibleAsync(PathwayDb db, RecordAccess access, GroupSession session, CancellationToken cancel) =>
        (await access.EpisodesAsync(cancel)).Where(e => e.DischargeDate == null && e.TriageDate != null && e.ReferralDate <= session.Date
                                                        && !db.GroupAttendances.Any(a => a.GroupSessionId == session.Id && a.EpisodeId == e.Id));

    public static async Task<CaseOutcome> AddSessionAsync(PathwayDb db, RecordAccess access, GroupSessionInput input, CaseActionMode mode,
        CancellationToken cancel)
    {
        var provider = (await access.ScopeAsync(cancel)).ProviderCode;
        var messages = new FieldMessages();
        var (title, facilitator) = (input.Title?.Trim(), input.Facilitator?.Trim());
        messages.Required(nameof(input.Type), input.Type, "Select the type of group");
        messages.Required(nameof(input.Title), title, "Enter the group's title");
        if (!string.IsNullOrEmpty(title)) messages.Rule(nameof(input.Title), "Title", GroupRules.Length(title, GroupRules.TitleLength));
        messages.Required(nameof(input.Date), input.Date, "Enter the date of the session");
        messages.Required(nameof(input.Facilitator), facilitator, "Enter who facilitates the session");
        if (!string.IsNullOrEmpty(facilitator)) messages.Rule(nameof(input.Facilitator), "Facilitator", GroupRules.Length(facilitator, GroupRules.FacilitatorLength));
        if (string.IsNullOrEmpty(provider))
            messages.Add("", "Your account names no service, so you cannot add a group session; ask an administrator");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();
        var session = db.GroupSessions.Add(new GroupSession
        {
            ProviderCode = provider!, Type = input.Type!.Value, Title = title!, Date = input.Date!.Value, Time = input.Time, Facilitator = facilitator!,
        }).Entity;
        await db.SaveChangesAsync(cancel);
        return new CaseOutcome.Saved(session.Id);
    }

    /// <summary>Adds a client to the register with their mark: one contact on their episode.</summary>
    public static async Task<CaseOutcome> AddToRegisterAsync(PathwayDb db, RecordAccess access, Caseworker worker, int sessionId, int? episodeId,
        bool? attended, DateOnly today, CaseActionMode mode, CancellationToken cancel)
    {
        if (await SessionAsync(db, access, sessionId, cancel) is not { } session) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        if (session.Date > today) messages.Add("", "This session is in the future: mark the register on the day or after");
        messages.Required("EpisodeId", episodeId, "Select the client");
        if (episodeId is { } id)
        {
            if (await db.GroupAttendances.AnyAsync(a => a.GroupSessionId == sessionId && a.EpisodeId == id, cancel))
                messages.Add("EpisodeId", AlreadyOnRegister);
            else if (!await (await EligibleAsync(db, access, session, cancel)).AnyAsync(e => e.Id == id, cancel))
                messages.Add("EpisodeId", "Select a client from the list: they must be in treatment with your service");
        }
        messages.Required("Attended", attended, "Select whether they attended");
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        if (await CaseAction.EpisodeAsync(access, episodeId!.Value, cancel) is not { } episode) return new CaseOutcome.NotFound();
        messages.Rule("EpisodeId", "The session's date", ContactRules.Date(session.Date, episode.ReferralDate));
        if (messages.Any) return messages.Invalid();
        var contact = new Contact { Date = session.Date, Channel = ContactChannel.FaceToFace, Kind = ContactKind.Group, Attended = attended!.Value };
        episode.Contacts.Add(contact);
        db.GroupAttendances.Add(new GroupAttendance { GroupSessionId = sessionId, Episode = episode, Contact = contact, Attended = attended.Value });
        return await CaseAction.SaveAsync(db, episode, episode.Version, worker, () => sessionId, cancel);
    }

    /// <summary>Changes a client's mark (the same contact, attended or not), or with <paramref name="attended"/> null takes them off, contact and all.</summary>
    public static async Task<CaseOutcome> MarkAsync(PathwayDb db, RecordAccess access, Caseworker worker, int sessionId, int attendanceId,
        bool? attended, CancellationToken cancel)
    {
        if (await SessionAsync(db, access, sessionId, cancel) is null) return new CaseOutcome.NotFound();
        var attendance = await db.GroupAttendances.Include(a => a.Contact).SingleOrDefaultAsync(a => a.Id == attendanceId && a.GroupSessionId == sessionId, cancel);
        if (attendance is null) return new CaseOutcome.NotFound();
        // Never another provider's episode, whatever the register holds.
        if (await CaseAction.EpisodeAsync(access, attendance.EpisodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        if (attended is { } mark)
        {
            attendance.Attended = mark;
            attendance.Contact.Attended = mark;
        }
        else
        {
            db.Contacts.Remove(attendance.Contact);
            db.GroupAttendances.Remove(attendance);
        }
        return await CaseAction.SaveAsync(db, episode, episode.Version, worker, () => sessionId, cancel);
    }
}
