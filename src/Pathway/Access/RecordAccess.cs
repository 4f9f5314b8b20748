using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Access;

/// <summary>
/// The one answer to "may this user see or change this person, episode, list or export?", and the audit event
/// that goes with the answer. Page filters, endpoint filters, downloads and any future API call this; nothing
/// reads client data for a signed-in user without going through it. The rule itself is <see cref="AccessScope"/>
/// (whose data) and <see cref="RecordScope"/> (is this record inside it); this service applies them and records
/// what happened, with the person concerned, so every look and every refusal is on that person's trail.
/// </summary>
public sealed class RecordAccess(PathwayDb db, AuditTrail audit, IHttpContextAccessor http)
{
    private AccessScope? scope;

    private ClaimsPrincipal User => http.HttpContext?.User ?? new ClaimsPrincipal();

    /// <summary>The signed-in user's scope, read once per request.</summary>
    public async Task<AccessScope> ScopeAsync(CancellationToken cancel)
    {
        if (scope is not null) return scope;
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var staff = id is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.ProviderCode, u.LocalAuthorityCode }).SingleOrDefaultAsync(cancel);
        return scope = staff is null ? AccessScope.Nobody : AccessScope.For(User, staff.ProviderCode, staff.LocalAuthorityCode);
    }

    /// <summary>The episodes this user may see, as a query to build on.</summary>
    public async Task<IQueryable<Episode>> EpisodesAsync(CancellationToken cancel) => (await ScopeAsync(cancel)).Episodes(db.Episodes);

    /// <summary>
    /// Whether one record may be opened. A refusal is audited here, against the person the record belongs to; an
    /// allowed look is audited by the caller once it knows whether the page was shown (<see cref="ViewedAsync"/>).
    /// </summary>
    public async Task<bool> MayOpenAsync(string recordType, string? recordId, CancellationToken cancel)
    {
        if (int.TryParse(recordId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            && await RecordScope.IsWithinAsync(db, await ScopeAsync(cancel), recordType, id, cancel))
            return true;
        await RefusedAsync(recordType, recordId, cancel);
        return false;
    }

    /// <summary>A refused request about one record: on the trail of the person it concerned, whoever asked.</summary>
    public async Task RefusedAsync(string? recordType, string? recordId, CancellationToken cancel)
    {
        var person = recordType is null || recordId is null ? null : await audit.PersonOfAsync(recordType, recordId, cancel);
        await audit.RecordAsync(AuditActions.Refused, AuditOutcomes.Refused, recordType, Shorten(recordId), person, cancel: cancel);
    }

    public async Task ViewedAsync(string recordType, string recordId, bool shown, CancellationToken cancel) =>
        await audit.RecordAsync(AuditActions.View, shown ? AuditOutcomes.Allowed : AuditOutcomes.Refused, recordType, recordId,
            await audit.PersonOfAsync(recordType, recordId, cancel), cancel: cancel);

    /// <summary>
    /// A list of named clients was shown (caseload, waiting list …): one event naming the list and how many rows it
    /// showed. Lists are audited as lists, not per row, so "who saw the waiting list" is answerable without
    /// multiplying writes by its length; a person's own trail shows every record opened and every search that found them.
    /// </summary>
    public Task ListedAsync(string list, int rows, CancellationToken cancel) =>
        audit.RecordAsync(AuditActions.View, AuditOutcomes.Allowed, AuditedRecordTypes.List, Shorten($"{list}:{rows}"), cancel: cancel);

    /// <summary>A person search: one event for the search and one per person it found, so each appears on their own trail.</summary>
    public async Task SearchedAsync(string what, IReadOnlyCollection<int> peopleFound, CancellationToken cancel)
    {
        audit.Add(AuditActions.Search, AuditOutcomes.Allowed, AuditedRecordTypes.List, Shorten($"{what}:{peopleFound.Count}"));
        foreach (var person in peopleFound)
            audit.Add(AuditActions.Search, AuditOutcomes.Allowed, AuditedRecordTypes.Person, person.ToString(CultureInfo.InvariantCulture), person);
        await db.SaveChangesAsync(cancel);
    }

    /// <summary>
    /// A person's audit trail as this user may read it: events by their own organisation's staff, events about records
    /// inside their scope, and refusals concerning the person (an attempt on their client is theirs to know about).
    /// Another provider's looks at its own records of a shared person stay with that provider.
    /// </summary>
    public async Task<IQueryable<AuditEvent>?> TrailOfAsync(int personId, CancellationToken cancel)
    {
        var within = await ScopeAsync(cancel);
        if (within.ProviderCode is not { } provider) return null;
        if (!await RecordScope.IsWithinAsync(db, within, AuditedRecordTypes.Person, personId, cancel)) return null;
        var episodes = within.Episodes(db.Episodes).Where(e => e.PersonId == personId);
        var episodeIds = episodes.Select(e => e.Id.ToString());
        var clientIds = episodes.Select(e => e.ClientRecordId.ToString());
        return db.AuditEvents.AsNoTracking().Where(e => e.PersonId == personId && (
            e.ActorProvider == provider
            || e.Outcome == AuditOutcomes.Refused
            || (e.RecordType == AuditedRecordTypes.Episode && episodeIds.Contains(e.RecordId!))
            || (e.RecordType == AuditedRecordTypes.ClientRecord && clientIds.Contains(e.RecordId!))));
    }

    private static string? Shorten(string? value) => value is { Length: > 40 } ? value[..40] : value;
}
