using System.Globalization;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Api;
using Pathway.Casework;
using Pathway.Casework.Notes;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;
using Pathway.People;
using Pathway.Referrals;
using ReferralRequest = Pathway.Referrals.ReferralRequest;
using Substance = Pathway.Episodes.Substance;

namespace Pathway.Fhir;

/// <summary>
/// <c>POST /fhir</c> with a transaction Bundle holding a ServiceRequest and its Patient, shaped after the NHS Booking and Referral
/// Standard: the referral enters the single point of entry's queue through <see cref="ReferralIntake"/>, as one taken on the
/// referral page does (the same rules, the same person matching, the same refusal of a second open episode). Every problem is
/// listed in one OperationOutcome and nothing is saved unless everything is.
/// </summary>
public static class FhirReferrals
{
    public const string AuditRecordType = "Referral";

    private sealed record Problems(List<(string? Expression, string Message)> List)
    {
        public void Add(string? expression, string message) => List.Add((expression, message));
        public bool Any => List.Count > 0;
    }

    public static async Task<IResult> ReceiveAsync(HttpContext http, ApiCaller caller, PathwayDb db, AuditTrail audit, CancellationToken cancel)
    {
        if (caller.Client.ProviderCode is not { } provider)
            return await RefusedAsync(audit, StatusCodes.Status403Forbidden, "This client acts for a council, not a provider, so it may not send referrals.", cancel);
        string json;
        try
        {
            using var reader = new StreamReader(http.Request.Body);
            json = await reader.ReadToEndAsync(cancel);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return await RefusedAsync(audit, StatusCodes.Status413PayloadTooLarge,
                $"A referral Bundle must be smaller than {FhirEndpoints.MaxBodyBytes / 1024} KB.", cancel);
        }
        var (resource, parseProblems) = FhirJson.Parse(json);
        if (resource is null)
            return await InvalidAsync(audit, StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Structure,
                parseProblems.Select(p => ((string?)null, p)).ToList(), cancel);
        if (resource is not Bundle { Type: Bundle.BundleType.Transaction } bundle)
            return await InvalidAsync(audit, StatusCodes.Status400BadRequest, OperationOutcome.IssueType.Invalid,
                [(null, $"POST /fhir takes a transaction Bundle holding a ServiceRequest and its Patient; this is a {resource.TypeName}"
                    + (resource is Bundle b ? $" of type {b.Type?.ToString().ToLowerInvariant() ?? "(none)"}." : "."))], cancel);

        var today = http.Today();
        var problems = new Problems([]);
        var (request, patientEntry, serviceEntry, note) = await ReadAsync(bundle, db, provider, today, problems, cancel);
        if (request is not null)
        {
            foreach (var error in ReferralIntake.Validate(request, today))
                problems.Add(ExpressionOf(error.Field), error.Message + ".");
            if (!problems.Any && await ReferralIntake.OpenEpisodeAsync(db, provider, request, cancel) is { } open)
                problems.Add("Bundle.entry[0].resource",
                    $"This person already has an open episode at {provider} (EpisodeOfCare/{open.ToString(CultureInfo.InvariantCulture)}): a second referral is not needed.");
        }
        if (problems.Any || request is null)
            return await InvalidAsync(audit, StatusCodes.Status422UnprocessableEntity, OperationOutcome.IssueType.Processing, problems.List, cancel);

        var who = new Caseworker("api:" + caller.Client.ClientId, $"{caller.Client.Name} (API client)", provider, null, false);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);
        var outcome = await ReferralIntake.ReferAsync(db, request, provider, who, cancel);
        if (note is not null)
        {
            db.CaseNotes.Add(new CaseNote
            {
                EpisodeId = outcome.Episode.Id, Date = request.ReferralDate, Kind = CaseNoteKind.Other, Text = note,
                AuthorId = who.Id, AuthorName = who.Name, WrittenAt = http.Time().GetUtcNow(),
            });
        }
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Episode,
            outcome.Episode.Id.ToString(CultureInfo.InvariantCulture), outcome.Episode.PersonId, cancel: cancel);
        await transaction.CommitAsync(cancel);

        var client = await db.ClientRecords.AsNoTracking().Include(c => c.Person).SingleAsync(c => c.Id == outcome.Episode.ClientRecordId, cancel);
        var contact = await db.ClientContacts.AsNoTracking().SingleOrDefaultAsync(c => c.ClientRecordId == client.Id, cancel);
        var providerName = await db.Providers.AsNoTracking().Where(p => p.Code == provider).Select(p => p.Name).FirstOrDefaultAsync(cancel);
        var response = new Bundle { Type = Bundle.BundleType.TransactionResponse, Meta = new Meta { LastUpdated = http.Time().GetUtcNow() } };
        var root = $"{http.Request.Scheme}://{http.Request.Host}{FhirEndpoints.Base}/";
        var patient = UkCore.Patient(client, contact);
        var episode = UkCore.EpisodeOfCare(outcome.Episode, providerName);
        // In the order of the request's entries, as a transaction-response must be: the Patient (created, or matched to one this
        // provider already holds) and the referral, which Pathway keeps as the EpisodeOfCare it opened.
        foreach (var entry in bundle.Entry)
        {
            var isPatient = ReferenceEquals(entry, patientEntry);
            Resource made = isPatient ? patient : episode;
            response.Entry.Add(new Bundle.EntryComponent
            {
                FullUrl = root + made.TypeName + "/" + made.Id,
                Resource = made,
                Response = new Bundle.ResponseComponent
                {
                    Status = isPatient && !outcome.NewPerson ? "200 OK" : "201 Created",
                    Location = made.TypeName + "/" + made.Id,
                },
            });
        }
        _ = serviceEntry;
        return new FhirResult(response, StatusCodes.Status200OK);
    }

    /// <summary>The referral the bundle describes, or null with the reasons in <paramref name="problems"/>.</summary>
    private static async Task<(ReferralRequest? Request, Bundle.EntryComponent? Patient, Bundle.EntryComponent? Service, string? Note)> ReadAsync(
        Bundle bundle, PathwayDb db, string provider, DateOnly today, Problems problems, CancellationToken cancel)
    {
        var patients = bundle.Entry.Select((e, i) => (Entry: e, Index: i)).Where(x => x.Entry.Resource is Patient).ToList();
        var services = bundle.Entry.Select((e, i) => (Entry: e, Index: i)).Where(x => x.Entry.Resource is ServiceRequest).ToList();
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var entry = bundle.Entry[i];
            if (entry.Resource is not (Patient or ServiceRequest))
                problems.Add($"Bundle.entry[{i}]", $"The bundle holds only a ServiceRequest and its Patient; entry {i} is {entry.Resource?.TypeName ?? "empty"}.");
            if (entry.Request is not { Method: Bundle.HTTPVerb.POST })
                problems.Add($"Bundle.entry[{i}].request", "Each entry is created: its request must be POST to its resource type.");
            if (entry.FullUrl is not { } url || !url.StartsWith("urn:uuid:", StringComparison.Ordinal))
                problems.Add($"Bundle.entry[{i}].fullUrl", "Each entry needs a fullUrl urn:uuid:…, by which the ServiceRequest names its Patient.");
        }
        if (patients.Count != 1) problems.Add("Bundle.entry", $"The bundle must hold exactly one Patient; it holds {patients.Count}.");
        if (services.Count != 1) problems.Add("Bundle.entry", $"The bundle must hold exactly one ServiceRequest; it holds {services.Count}.");
        if (patients.Count != 1 || services.Count != 1) return (null, null, null, null);

        var (patientEntry, p) = patients[0];
        var (serviceEntry, s) = services[0];
        var patient = (Patient)patientEntry.Resource!;
        var service = (ServiceRequest)serviceEntry.Resource!;
        var at = $"Bundle.entry[{s}].resource";
        var pat = $"Bundle.entry[{p}].resource";

        if (service.Subject?.Reference != patientEntry.FullUrl)
            problems.Add($"{at}.subject", $"ServiceRequest.subject must refer to the Patient entry's fullUrl ({patientEntry.FullUrl}).");
        if (service.Status != RequestStatus.Active)
            problems.Add($"{at}.status", "ServiceRequest.status must be active: a draft or cancelled referral is not taken.");
        if (service.Intent is not (RequestIntent.Order or RequestIntent.Proposal or RequestIntent.Plan))
            problems.Add($"{at}.intent", "ServiceRequest.intent must be order, proposal or plan.");
        if (service.Performer.FirstOrDefault() is { } performer
            && performer.Identifier is { } ods && (ods.System != UkCore.OdsSystem || ods.Value != provider))
            problems.Add($"{at}.performer", $"ServiceRequest.performer must be this client's provider ({UkCore.OdsSystem}|{provider}).");

        // Referral date: when the referral was written (authoredOn), else today.
        var referralDate = today;
        if (service.AuthoredOn is { } authored)
        {
            if (DateOnly.TryParseExact(authored.Length >= 10 ? authored[..10] : authored, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                    DateTimeStyles.None, out var d)) referralDate = d;
            else problems.Add($"{at}.authoredOn", "ServiceRequest.authoredOn must be a full date.");
        }

        // Who referred: a category coded with the exchange format's referral sources; a referral from another system is from "other" unless it says.
        var source = ReferralSource.Other;
        if (service.Category.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == UkCore.ReferralSourceSystem) is { } sourceCoding
            && !Codes<ReferralSource>.TryParse(sourceCoding.Code ?? "", out source))
            problems.Add($"{at}.category", $"{sourceCoding.Code} is not a referral source; the codes ({UkCore.ReferralSourceSystem}) are {string.Join(", ", Codes<ReferralSource>.All)}.");

        // The main problem substance: reasonCode, coded with the exchange format's substances.
        var substance = Substance.OtherDrug;
        if (service.ReasonCode.SelectMany(c => c.Coding).FirstOrDefault(c => c.System == UkCore.SubstanceSystem) is not { } substanceCoding)
            problems.Add($"{at}.reasonCode", $"ServiceRequest.reasonCode must name the main problem substance with a code of {UkCore.SubstanceSystem}: {string.Join(", ", Codes<Substance>.All)}.");
        else if (!Codes<Substance>.TryParse(substanceCoding.Code ?? "", out substance))
            problems.Add($"{at}.reasonCode", $"{substanceCoding.Code} is not a substance; the codes are {string.Join(", ", Codes<Substance>.All)}.");

        var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
        var given = name?.Given.FirstOrDefault();
        var family = name?.Family;
        if (string.IsNullOrWhiteSpace(given)) problems.Add($"{pat}.name", "Patient.name needs a given name.");
        if (string.IsNullOrWhiteSpace(family)) problems.Add($"{pat}.name", "Patient.name needs a family name.");
        DateOnly birth = default;
        if (patient.BirthDate is not { } born
            || !DateOnly.TryParseExact(born, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out birth))
            problems.Add($"{pat}.birthDate", "Patient.birthDate must be a full date.");
        var sex = patient.Gender switch
        {
            AdministrativeGender.Male => Sex.Male,
            AdministrativeGender.Female => Sex.Female,
            AdministrativeGender.Other => Sex.Other,
            _ => Sex.NotStated,
        };
        var nhs = patient.Identifier.FirstOrDefault(i => i.System == UkCore.NhsNumberSystem)?.Value?.Replace(" ", "");

        var address = patient.Address.FirstOrDefault();
        var typedPostcode = ContactDetailsRules.Clean(address?.PostalCode);
        var district = typedPostcode is null ? null : PublicSite.ServiceArea.DistrictOf(typedPostcode);
        string? council = null;
        if (typedPostcode is not null && district is null)
            problems.Add($"{pat}.address.postalCode", "Patient.address.postalCode must be a UK postcode, like SK1 3XE, or its first part, like SK1.");
        else if (district is not null)
            council = (await Organisations.Councils.OfDistrictAsync(db, district, cancel))?.Code;
        if (council is null && address?.District is { Length: > 0 } named)
            council = (await db.LocalAuthorities.AsNoTracking().FirstOrDefaultAsync(l => l.Code == named || l.Name == named, cancel))?.Code;
        if (council is null && district is not null || council is null && typedPostcode is null)
            problems.Add($"{pat}.address", district is null
                ? "Patient.address needs the postcode (or, in address.district, the council's name or code) so the referral reaches the right council."
                : $"We do not know which council the postcode {district} is in: give the council's name or code in Patient.address.district.");

        var contact = new ContactDetails
        {
            AddressLine1 = address?.Line.ElementAtOrDefault(0), AddressLine2 = address?.Line.ElementAtOrDefault(1), Town = address?.City,
            Postcode = typedPostcode is not null && district is not null && typedPostcode.Replace(" ", "").Length > district.Length
                ? ContactDetailsRules.NormalPostcode(typedPostcode) : null,
            Phone = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            Email = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
        };

        // Who sent it and why, in their words: kept as the episode's first case note.
        var requester = service.Requester?.Display;
        var notes = service.Note.Select(n => n.Text).Concat(service.ReasonCode.Select(r => r.Text)).Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        var note = requester is null && notes.Count == 0 ? null
            : CaseNoteRules.Normalise($"Referral received through the API{(requester is null ? "" : " from " + requester)}.\n{string.Join("\n", notes)}");
        if (note is not null && CaseNoteRules.Length(note) is { } tooLong) problems.Add($"{at}.note", tooLong);

        if (problems.Any) return (null, patientEntry, serviceEntry, note);
        return (new ReferralRequest(given!.Trim(), family!.Trim(), birth, sex, string.IsNullOrEmpty(nhs) ? null : nhs, council!, district,
            ConsentNationalReporting: false, referralDate, source, substance, ChoosesYoungPeoplesService: false, contact), patientEntry, serviceEntry, note);
    }

    /// <summary>Where in the bundle a rule of <see cref="ReferralIntake.Validate"/> points.</summary>
    private static string ExpressionOf(string field) => field switch
    {
        nameof(ReferralRequest.GivenName) or nameof(ReferralRequest.FamilyName) => "Patient.name",
        nameof(ReferralRequest.DateOfBirth) => "Patient.birthDate",
        nameof(ReferralRequest.NhsNumber) => "Patient.identifier",
        nameof(ReferralRequest.ReferralDate) => "ServiceRequest.authoredOn",
        nameof(ReferralRequest.PostcodeDistrict) or nameof(ReferralRequest.LocalAuthorityCode) => "Patient.address",
        _ when field.StartsWith(nameof(ReferralRequest.Contact), StringComparison.Ordinal) => "Patient.telecom",
        _ => "Bundle",
    };

    private static async Task<IResult> InvalidAsync(AuditTrail audit, int status, OperationOutcome.IssueType type,
        List<(string? Expression, string Message)> problems, CancellationToken cancel)
    {
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Failed, AuditRecordType, cancel: cancel);
        return new FhirResult(FhirJson.Outcome(type, problems), status);
    }

    private static async Task<IResult> RefusedAsync(AuditTrail audit, int status, string message, CancellationToken cancel)
    {
        await audit.RecordAsync(AuditActions.Change, AuditOutcomes.Refused, AuditRecordType, cancel: cancel);
        return FhirResult.Error(status, message);
    }
}
