using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Api;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Fhir;

/// <summary>
/// FHIR R4 (UK Core) at <c>/fhir</c> (cli.md "The HTTP API"): the CapabilityStatement without a token; reads and searches by patient
/// for records:read; a referral as a transaction Bundle for referrals:write. Every record read goes through
/// <see cref="RecordAccess"/>, so a client sees only its provider's records and each look is on the person's trail; a record
/// outside the client's scope and one that does not exist answer alike (404).
/// </summary>
public static class FhirEndpoints
{
    public const string Base = "/fhir";
    /// <summary>The largest referral Bundle accepted: a ServiceRequest and a Patient are a few kilobytes.</summary>
    public const long MaxBodyBytes = 256 * 1024;

    public static void MapFhir(this WebApplication app)
    {
        app.MapGet(Base + "/metadata", (HttpContext http) => new FhirResult(Capability.Statement(http)))
            .AllowAnonymous().WithMetadata(new FhirEndpointMetadata()).ExcludeFromDescription();

        var fhir = app.MapGroup(Base)
            .AddEndpointFilter<ApiCallerFilter>()
            .RequireRateLimiting(PathwayApi.RateLimitPolicy)
            .WithMetadata(new ApiEndpointMetadata(), new FhirEndpointMetadata())
            .ExcludeFromDescription();

        var read = fhir.MapGroup("").WithScope(ApiScopes.RecordsRead);
        read.MapGet("/Patient/{id}", ReadPatientAsync).WithMetadata(new AuditedRecordAttribute(AuditedRecordTypes.ClientRecord));
        read.MapGet("/Patient", SearchPatientsAsync);
        read.MapGet("/EpisodeOfCare/{id}", ReadEpisodeAsync).WithMetadata(new AuditedRecordAttribute(AuditedRecordTypes.Episode));
        read.MapGet("/EpisodeOfCare", SearchEpisodesAsync);
        read.MapGet("/QuestionnaireResponse/{id}", ReadQuestionnaireResponseAsync).WithMetadata(new AuditedRecordAttribute(AuditedRecordTypes.Episode));
        read.MapGet("/QuestionnaireResponse", SearchQuestionnaireResponsesAsync);
        read.MapGet("/CarePlan/{id}", ReadCarePlanAsync).WithMetadata(new AuditedRecordAttribute(AuditedRecordTypes.Episode));
        read.MapGet("/CarePlan", SearchCarePlansAsync);
        read.MapGet("/MedicationRequest/{id}", ReadMedicationRequestAsync).WithMetadata(new AuditedRecordAttribute(AuditedRecordTypes.Episode));
        read.MapGet("/MedicationRequest", SearchMedicationRequestsAsync);

        fhir.MapGroup("").WithScope(ApiScopes.ReferralsWrite)
            .MapPost("/", FhirReferrals.ReceiveAsync)
            .WithMetadata(new RequestSizeLimitAttribute(MaxBodyBytes));
    }

    private static FhirResult NotFound(string type, string id) =>
        FhirResult.Error(StatusCodes.Status404NotFound, $"No {type} with the id {id} is visible to this client.");

    private static int? IdOf(string id) =>
        int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>An episode-owned record: its episode must be inside the scope; the look is audited against that episode.</summary>
    private static async Task<bool> MayOpenEpisodeAsync(RecordAccess access, int? episodeId, string recordType, string id, CancellationToken cancel)
    {
        if (episodeId is null)
        {
            await access.RefusedAsync(recordType, id, cancel);
            return false;
        }
        return await access.MayOpenAsync(AuditedRecordTypes.Episode, episodeId.Value.ToString(CultureInfo.InvariantCulture), cancel);
    }

    private static async Task<IResult> ReadPatientAsync(string id, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        if (!await access.MayOpenAsync(AuditedRecordTypes.ClientRecord, id, cancel)) return NotFound("Patient", id);
        var clientId = IdOf(id)!.Value;
        var client = await db.ClientRecords.AsNoTracking().Include(c => c.Person).SingleAsync(c => c.Id == clientId, cancel);
        var contact = await db.ClientContacts.AsNoTracking().SingleOrDefaultAsync(c => c.ClientRecordId == clientId, cancel);
        await access.ViewedAsync(AuditedRecordTypes.ClientRecord, id, shown: true, cancel);
        return new FhirResult(UkCore.Patient(client, contact));
    }

    /// <summary><c>GET /fhir/Patient?identifier=https://fhir.nhs.uk/Id/nhs-number|NNN</c>: the client's own clients with that NHS number.</summary>
    private static async Task<IResult> SearchPatientsAsync(string? identifier, HttpContext http, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        if (Unsupported(http, "identifier") is { } unsupported) return unsupported;
        var parts = (identifier ?? "").Split('|', 2);
        if (parts.Length != 2 || parts[0] != UkCore.NhsNumberSystem || parts[1].Length != 10 || !parts[1].All(char.IsAsciiDigit))
            return FhirResult.Error(StatusCodes.Status400BadRequest,
                $"Search for a Patient by identifier={UkCore.NhsNumberSystem}|NHS_NUMBER (ten digits).");
        var nhs = parts[1];
        var visible = await access.EpisodesAsync(cancel);
        var clients = await db.ClientRecords.AsNoTracking().Include(c => c.Person)
            .Where(c => c.NhsNumber == nhs && visible.Any(e => e.ClientRecordId == c.Id)).OrderBy(c => c.Id).ToListAsync(cancel);
        var ids = clients.Select(c => c.Id).ToList();
        var contacts = await db.ClientContacts.AsNoTracking().Where(c => ids.Contains(c.ClientRecordId)).ToDictionaryAsync(c => c.ClientRecordId, cancel);
        await access.SearchedAsync("fhir-patient-nhs-number", clients.Select(c => c.PersonId).Distinct().ToList(), cancel);
        return new FhirResult(SearchSet(http, clients.Select(c => (Resource)UkCore.Patient(c, contacts.GetValueOrDefault(c.Id)))));
    }

    private static async Task<IResult> ReadEpisodeAsync(string id, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        if (!await access.MayOpenAsync(AuditedRecordTypes.Episode, id, cancel)) return NotFound("EpisodeOfCare", id);
        var episodeId = IdOf(id)!.Value;
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId, cancel);
        var provider = await db.Providers.AsNoTracking().Where(p => p.Code == episode.ProviderCode).Select(p => p.Name).FirstOrDefaultAsync(cancel);
        await access.ViewedAsync(AuditedRecordTypes.Episode, id, shown: true, cancel);
        return new FhirResult(UkCore.EpisodeOfCare(episode, provider));
    }

    /// <summary>
    /// <c>GET /fhir/EpisodeOfCare?patient=ID</c> (a person's episodes here) or <c>?status=waitlist</c> (the referral queue: referred,
    /// not yet triaged); both may be given.
    /// </summary>
    private static async Task<IResult> SearchEpisodesAsync(string? patient, string? status, HttpContext http, PathwayDb db, RecordAccess access,
        CancellationToken cancel)
    {
        if (Unsupported(http, "patient", "status") is { } unsupported) return unsupported;
        if (patient is null && status is null)
            return FhirResult.Error(StatusCodes.Status400BadRequest, "Search EpisodeOfCare by patient=ID, by status=waitlist (the referral queue), or both.");
        var episodes = await access.EpisodesAsync(cancel);
        if (status is not null)
        {
            episodes = status switch
            {
                "waitlist" => episodes.Where(e => e.TriageDate == null && e.DischargeDate == null),
                "active" => episodes.Where(e => e.TriageDate != null && e.DischargeDate == null),
                "finished" => episodes.Where(e => e.DischargeDate != null),
                _ => episodes.Where(_ => false),
            };
            if (status is not ("waitlist" or "active" or "finished"))
                return FhirResult.Error(StatusCodes.Status400BadRequest, "status must be waitlist, active or finished.");
        }
        if (patient is not null)
        {
            if (await PatientInScopeAsync(access, patient, cancel) is not { } clientId) return NotFound("Patient", patient);
            episodes = episodes.Where(e => e.ClientRecordId == clientId);
        }
        var found = await episodes.AsNoTracking().OrderBy(e => e.ReferralDate).ThenBy(e => e.Id).ToListAsync(cancel);
        var providers = await db.Providers.AsNoTracking().ToDictionaryAsync(p => p.Code, p => p.Name, cancel);
        await access.ListedAsync(patient is null ? $"fhir-episodes-{status}" : "fhir-episodes-of-patient", found.Count, cancel);
        return new FhirResult(SearchSet(http, found.Select(e => (Resource)UkCore.EpisodeOfCare(e, providers.GetValueOrDefault(e.ProviderCode)))));
    }

    private static async Task<IResult> ReadQuestionnaireResponseAsync(string id, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        var (kind, number) = id.Split('-', 2) is [var k, var n] ? (k, IdOf(n)) : ("", null);
        int? episodeId = kind switch
        {
            "screening" when number is { } s => await db.Screenings.Where(x => x.Id == s).Select(x => (int?)x.EpisodeId).FirstOrDefaultAsync(cancel),
            "review" when number is { } r => await db.OutcomeReviews.Where(x => x.Id == r).Select(x => (int?)x.EpisodeId).FirstOrDefaultAsync(cancel),
            _ => null,
        };
        if (!await MayOpenEpisodeAsync(access, episodeId, "QuestionnaireResponse", id, cancel)) return NotFound("QuestionnaireResponse", id);
        var clientId = await db.Episodes.Where(e => e.Id == episodeId).Select(e => e.ClientRecordId).SingleAsync(cancel);
        Resource resource = kind == "screening"
            ? UkCore.Screening(await db.Screenings.AsNoTracking().SingleAsync(x => x.Id == number, cancel), clientId)
            : UkCore.OutcomeReview(await db.OutcomeReviews.AsNoTracking().SingleAsync(x => x.Id == number, cancel), clientId);
        await access.ViewedAsync(AuditedRecordTypes.Episode, episodeId!.Value.ToString(CultureInfo.InvariantCulture), shown: true, cancel);
        return new FhirResult(resource);
    }

    private static async Task<IResult> SearchQuestionnaireResponsesAsync(string? patient, HttpContext http, PathwayDb db, RecordAccess access,
        CancellationToken cancel)
    {
        if (await PatientSearchAsync(http, access, patient, cancel) is { Refusal: { } refusal }) return refusal;
        var clientId = IdOf(patient!)!.Value;
        var episodes = (await access.EpisodesAsync(cancel)).Where(e => e.ClientRecordId == clientId).Select(e => e.Id);
        var screenings = await db.Screenings.AsNoTracking().Where(s => episodes.Contains(s.EpisodeId)).OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync(cancel);
        var reviews = await db.OutcomeReviews.AsNoTracking().Where(r => episodes.Contains(r.EpisodeId)).OrderBy(r => r.Date).ThenBy(r => r.Id).ToListAsync(cancel);
        await access.ViewedAsync(AuditedRecordTypes.ClientRecord, patient!, shown: true, cancel);
        return new FhirResult(SearchSet(http, [.. screenings.Select(s => (Resource)UkCore.Screening(s, clientId)),
            .. reviews.Select(r => (Resource)UkCore.OutcomeReview(r, clientId))]));
    }

    private static async Task<IResult> ReadCarePlanAsync(string id, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        if (!await access.MayOpenAsync(AuditedRecordTypes.Episode, id, cancel)) return NotFound("CarePlan", id);
        var episodeId = IdOf(id)!.Value;
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episodeId, cancel);
        var goals = await db.RecoveryGoals.AsNoTracking().Where(g => g.EpisodeId == episodeId).OrderBy(g => g.SetOn).ThenBy(g => g.Id).ToListAsync(cancel);
        await access.ViewedAsync(AuditedRecordTypes.Episode, id, shown: true, cancel);
        return new FhirResult(UkCore.CarePlan(episode, goals));
    }

    /// <summary>A care plan for each of the patient's episodes here that has recovery goals.</summary>
    private static async Task<IResult> SearchCarePlansAsync(string? patient, HttpContext http, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        if (await PatientSearchAsync(http, access, patient, cancel) is { Refusal: { } refusal }) return refusal;
        var clientId = IdOf(patient!)!.Value;
        var episodes = await (await access.EpisodesAsync(cancel)).AsNoTracking().Where(e => e.ClientRecordId == clientId)
            .OrderBy(e => e.ReferralDate).ThenBy(e => e.Id).ToListAsync(cancel);
        var ids = episodes.Select(e => e.Id).ToList();
        var goals = (await db.RecoveryGoals.AsNoTracking().Where(g => ids.Contains(g.EpisodeId)).OrderBy(g => g.SetOn).ThenBy(g => g.Id).ToListAsync(cancel))
            .ToLookup(g => g.EpisodeId);
        await access.ViewedAsync(AuditedRecordTypes.ClientRecord, patient!, shown: true, cancel);
        return new FhirResult(SearchSet(http, episodes.Where(e => goals[e.Id].Any()).Select(e => (Resource)UkCore.CarePlan(e, [.. goals[e.Id]]))));
    }

    private static async Task<IResult> ReadMedicationRequestAsync(string id, HttpContext http, PathwayDb db, RecordAccess access, CancellationToken cancel)
    {
        var number = IdOf(id);
        var episodeId = number is null ? null
            : await db.Prescriptions.Where(p => p.Id == number).Select(p => (int?)p.EpisodeId).FirstOrDefaultAsync(cancel);
        if (!await MayOpenEpisodeAsync(access, episodeId, "MedicationRequest", id, cancel)) return NotFound("MedicationRequest", id);
        var prescription = await db.Prescriptions.AsNoTracking().Include(p => p.Episode).SingleAsync(p => p.Id == number, cancel);
        await access.ViewedAsync(AuditedRecordTypes.Episode, episodeId!.Value.ToString(CultureInfo.InvariantCulture), shown: true, cancel);
        return new FhirResult(UkCore.Prescription(prescription, prescription.Episode.ClientRecordId, http.Today()));
    }

    private static async Task<IResult> SearchMedicationRequestsAsync(string? patient, HttpContext http, PathwayDb db, RecordAccess access,
        CancellationToken cancel)
    {
        if (await PatientSearchAsync(http, access, patient, cancel) is { Refusal: { } refusal }) return refusal;
        var clientId = IdOf(patient!)!.Value;
        var episodes = (await access.EpisodesAsync(cancel)).Where(e => e.ClientRecordId == clientId).Select(e => e.Id);
        var prescriptions = await db.Prescriptions.AsNoTracking().Where(p => episodes.Contains(p.EpisodeId))
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id).ToListAsync(cancel);
        await access.ViewedAsync(AuditedRecordTypes.ClientRecord, patient!, shown: true, cancel);
        var today = http.Today();
        return new FhirResult(SearchSet(http, prescriptions.Select(p => (Resource)UkCore.Prescription(p, clientId, today))));
    }

    private sealed record PatientSearch(IResult? Refusal);

    /// <summary>A search by <c>patient</c>, the only parameter these types take: the patient must be inside the client's scope.</summary>
    private static async Task<PatientSearch> PatientSearchAsync(HttpContext http, RecordAccess access, string? patient, CancellationToken cancel)
    {
        if (Unsupported(http, "patient") is { } unsupported) return new(unsupported);
        if (patient is null) return new(FhirResult.Error(StatusCodes.Status400BadRequest, "Search by patient=ID (a Patient's id)."));
        return await PatientInScopeAsync(access, patient, cancel) is null ? new(NotFound("Patient", patient)) : new((IResult?)null);
    }

    /// <summary>The client record a <c>patient</c> parameter names (<c>ID</c> or <c>Patient/ID</c>), when inside the scope; a refusal is audited.</summary>
    private static async Task<int?> PatientInScopeAsync(RecordAccess access, string patient, CancellationToken cancel)
    {
        var id = patient.StartsWith("Patient/", StringComparison.Ordinal) ? patient["Patient/".Length..] : patient;
        return await access.MayOpenAsync(AuditedRecordTypes.ClientRecord, id, cancel) ? IdOf(id) : null;
    }

    /// <summary>A 400 naming any search parameter Pathway does not support, rather than ignoring it and answering too much.</summary>
    private static FhirResult? Unsupported(HttpContext http, params string[] supported)
    {
        var unknown = http.Request.Query.Keys.Where(k => !supported.Contains(k) && k is not ("_format")).Order(StringComparer.Ordinal).ToList();
        return unknown.Count == 0 ? null : FhirResult.Error(StatusCodes.Status400BadRequest,
            $"Unsupported search parameter{(unknown.Count == 1 ? "" : "s")} {string.Join(", ", unknown)}; supported: {string.Join(", ", supported)}.");
    }

    private static Bundle SearchSet(HttpContext http, IEnumerable<Resource> resources)
    {
        var bundle = new Bundle { Type = Bundle.BundleType.Searchset, Meta = new Meta { LastUpdated = http.Time().GetUtcNow() } };
        var root = $"{http.Request.Scheme}://{http.Request.Host}{Base}/";
        foreach (var resource in resources)
            bundle.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = root + resource.TypeName + "/" + resource.Id, Resource = resource,
                Search = new Bundle.SearchComponent { Mode = Bundle.SearchEntryMode.Match },
            });
        bundle.Total = bundle.Entry.Count;
        return bundle;
    }
}
