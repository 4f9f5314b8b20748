using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Transitions;

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
        // A client system of the HTTP API is held to its one provider or council, as the staff it stands in for.
        if (Api.ApiClaims.ScopeOf(User) is { } client) return scope = client;
        var id = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var staff = id is null ? null
            : await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => new { u.ProviderCode, u.LocalAuthorityCode }).SingleOrDefaultAsync(cancel);
        if (staff is null) return scope = AccessScope.Nobody;
        var granted = User.IsInRole(Roles.DataOfficer)
            ? await db.StaffProviderGrants.AsNoTracking().Where(g => g.UserId == id).Select(g => g.ProviderCode).OrderBy(p => p).ToListAsync(cancel)
            : [];
        return scope = AccessScope.For(User, staff.ProviderCode, staff.LocalAuthorityCode, granted);
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
        Infrastructure.Telemetry.AccessRefused(recordType);
        var person = recordType is null || recordId is null ? null : await audit.PersonOfAsync(recordType, recordId, cancel);
        await audit.RecordAsync(AuditActions.Refused, AuditOutcomes.Refused, recordType, recordId, person, cancel: cancel);
    }

    public async Task ViewedAsync(string recordType, string recordId, bool shown, CancellationToken cancel)
    {
        if (!shown) Infrastructure.Telemetry.AccessRefused(recordType);
        await audit.RecordAsync(AuditActions.View, shown ? AuditOutcomes.Allowed : AuditOutcomes.Refused, recordType, recordId,
            await audit.PersonOfAsync(recordType, recordId, cancel), cancel: cancel);
    }

    /// <summary>
    /// A list of named clients was shown (caseload, waiting list …): one event naming the list and how many rows it
    /// showed. Lists are audited as lists, not per row, so "who saw the waiting list" is answerable without
    /// multiplying writes by its length; a person's own trail shows every record opened and every search that found them.
    /// </summary>
    public Task ListedAsync(string list, int rows, CancellationToken cancel) =>
        audit.RecordAsync(AuditActions.View, AuditOutcomes.Allowed, AuditedRecordTypes.List, $"{list}:{rows}", cancel: cancel);

    /// <summary>A person search: one event for the search and one per person it found, so each appears on their own trail.</summary>
    public async Task SearchedAsync(string what, IReadOnlyCollection<int> peopleFound, CancellationToken cancel)
    {
        audit.Add(AuditActions.Search, AuditOutcomes.Allowed, AuditedRecordTypes.List, $"{what}:{peopleFound.Count}");
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

    /// <summary>A pharmacist's pharmacy (ODS code): the one dose list they may see; null for anyone else or a pharmacist without one.</summary>
    public async Task<string?> PharmacyAsync(CancellationToken cancel)
    {
        if (!User.IsInRole(Roles.Pharmacist) || User.FindFirstValue(ClaimTypes.NameIdentifier) is not { } id) return null;
        return await db.Users.AsNoTracking().Where(u => u.Id == id).Select(u => u.PharmacyOdsCode).SingleOrDefaultAsync(cancel);
    }

    /// <summary>
    /// The prescriptions a pharmacist dispenses: those naming their pharmacy, and nothing else (a pharmacist has no provider
    /// scope, <see cref="AccessScope"/>). Empty for anyone who is not a pharmacist with a pharmacy.
    /// </summary>
    public async Task<IQueryable<Prescribing.Prescription>> DispensingAsync(CancellationToken cancel) =>
        await PharmacyAsync(cancel) is { } pharmacy
            ? db.Prescriptions.Where(p => p.PharmacyOdsCode == pharmacy)
            : db.Prescriptions.Where(_ => false);

    /// <summary>The sources holding an episode inside this user's scope: what a data officer is offered to export.</summary>
    public async Task<List<string>> SourcesAsync(CancellationToken cancel) =>
        (await (await EpisodesAsync(cancel)).Select(e => e.Source).Distinct().ToListAsync(cancel)).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Whether a source may be exported (it holds an episode inside the scope; the export then holds only those episodes and
    /// their clients). The event, allowed or refused, is written here: the download starts at once.
    /// </summary>
    public async Task<bool> MayExportAsync(string source, CancellationToken cancel)
    {
        var may = await (await EpisodesAsync(cancel)).AnyAsync(e => e.Source == source, cancel);
        if (!may) Infrastructure.Telemetry.AccessRefused(AuditedRecordTypes.Source);
        await audit.RecordAsync(AuditActions.Export, may ? AuditOutcomes.Allowed : AuditOutcomes.Refused, AuditedRecordTypes.Source, source,
            cancel: cancel);
        return may;
    }

    /// <summary>
    /// Why this user may not load a bundle naming these providers into this source, or null when they may: every episode
    /// must be of one of their providers, and the source must hold no other provider's episodes (a load updates the
    /// records of the refs it sends, so it could otherwise rewrite another provider's). A refusal is audited.
    /// </summary>
    public async Task<string?> RefuseLoadAsync(string source, IReadOnlySet<string> bundleProviders, CancellationToken cancel)
    {
        if ((await ScopeAsync(cancel)).Providers is not { } mine) return null;
        var own = mine.Where(p => p.Length > 0).ToList();
        var foreign = bundleProviders.Where(p => !own.Contains(p)).Order(StringComparer.Ordinal).ToList();
        var why = own.Count == 0 ? "Your account names no provider, so you may not load records; ask an administrator"
            : foreign.Count > 0 ? $"This bundle holds episodes of {string.Join(", ", foreign)}; you may load only episodes of {string.Join(", ", own)}"
            : await db.Episodes.AnyAsync(e => e.Source == source && !own.Contains(e.ProviderCode), cancel)
                ? $"{source} holds episodes of another provider; load into a source that holds only {string.Join(", ", own)}"
                : null;
        if (why is not null)
        {
            Infrastructure.Telemetry.AccessRefused(AuditedRecordTypes.Source);
            await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Refused, AuditedRecordTypes.Source, source, cancel: cancel);
        }
        return why;
    }

    /// <summary>The handovers to one of this user's providers, each with the sources holding the outgoing provider's cohort.</summary>
    public async Task<List<(Handover Handover, List<string> Sources)>> HandoversAsync(CancellationToken cancel)
    {
        if ((await ScopeAsync(cancel)).Providers is not { } mine) return [];
        var handovers = await db.Handovers.AsNoTracking().Where(h => mine.Contains(h.ToProvider))
            .OrderBy(h => h.FromProvider).ThenBy(h => h.ToProvider).ToListAsync(cancel);
        var result = new List<(Handover, List<string>)>();
        foreach (var handover in handovers)
            result.Add((handover, (await Cohort(handover).Select(e => e.Source).Distinct().ToListAsync(cancel)).Order(StringComparer.Ordinal).ToList()));
        return result;
    }

    /// <summary>
    /// A transition export: the outgoing provider's cohort in one source, when an authorised handover to one of this user's
    /// providers covers it; null (and a refusal on the trail) otherwise. Each download is audited as a transition export.
    /// </summary>
    public async Task<(Handover Handover, IQueryable<Episode> Episodes)?> HandoverExportAsync(int handoverId, string source, CancellationToken cancel)
    {
        var mine = (await ScopeAsync(cancel)).Providers ?? [];
        var handover = await db.Handovers.AsNoTracking().SingleOrDefaultAsync(h => h.Id == handoverId && mine.Contains(h.ToProvider), cancel);
        var episodes = handover is null ? null : Cohort(handover).Where(e => e.Source == source);
        var may = episodes is not null && await episodes.AnyAsync(cancel);
        if (!may) Infrastructure.Telemetry.AccessRefused(AuditedRecordTypes.Handover);
        await audit.RecordAsync(AuditActions.Export, may ? AuditOutcomes.Allowed : AuditOutcomes.Refused, AuditedRecordTypes.Handover,
            $"{handoverId}:{source}", cancel: cancel);
        return may ? (handover!, episodes!) : null;
    }

    /// <summary>
    /// The sources this user may name in a transition check: those holding an episode of their providers or of a provider in a
    /// handover to or from them (which of those episodes the check lists is narrowed by date in <see cref="TransitionProvidersAsync"/>).
    /// </summary>
    public async Task<List<string>> TransitionSourcesAsync(CancellationToken cancel)
    {
        if ((await ScopeAsync(cancel)).Providers is not { } mine) return await TransitionCheck.SourcesAsync(db.Episodes, cancel);
        var handovers = await db.Handovers.AsNoTracking().Where(h => mine.Contains(h.ToProvider) || mine.Contains(h.FromProvider))
            .Select(h => new { h.FromProvider, h.ToProvider }).ToListAsync(cancel);
        var providers = mine.Concat(handovers.SelectMany(h => new[] { h.FromProvider, h.ToProvider })).Distinct().ToList();
        return await TransitionCheck.SourcesAsync(db.Episodes.Where(e => providers.Contains(e.ProviderCode)), cancel);
    }

    /// <summary>
    /// Whose episodes the transition check on this date may use: those of this user's providers, the outgoing provider's of a
    /// handover to them on that date (listed), and the incoming provider's of a handover from them (to see who was picked up).
    /// Null when the user is not narrowed by provider.
    /// </summary>
    public async Task<(IReadOnlyList<string> Outgoing, IReadOnlyList<string> Incoming)?> TransitionProvidersAsync(DateOnly date, CancellationToken cancel)
    {
        if ((await ScopeAsync(cancel)).Providers is not { } mine) return null;
        var handovers = await db.Handovers.AsNoTracking().Where(h => h.Date == date && (mine.Contains(h.ToProvider) || mine.Contains(h.FromProvider)))
            .Select(h => new { h.FromProvider, h.ToProvider }).ToListAsync(cancel);
        var handedToMe = handovers.Where(h => mine.Contains(h.ToProvider)).Select(h => h.FromProvider);
        var handedOnByMe = handovers.Where(h => mine.Contains(h.FromProvider)).Select(h => h.ToProvider);
        return ([.. mine.Concat(handedToMe).Distinct()], [.. mine.Concat(handedToMe).Concat(handedOnByMe).Distinct()]);
    }

    private IQueryable<Episode> Cohort(Handover handover) =>
        db.Episodes.Where(e => e.ProviderCode == handover.FromProvider).Where(TransitionCheck.Cohort(handover.Date));
}
