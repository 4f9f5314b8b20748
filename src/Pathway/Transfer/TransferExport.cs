using System.Globalization;
using System.Text;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Pathway.Assessments;
using Pathway.Carers;
using Pathway.CarePlans;
using Pathway.Casework.Notes;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Fhir;
using Pathway.HarmReduction;
using Pathway.Infrastructure;
using Pathway.OutcomeReviews;
using Pathway.People;
using Pathway.Prescribing;
using Pathway.Safeguarding;
using static Pathway.Transfer.TransferCodes;
using RiskAssessment = Pathway.Assessments.RiskAssessment;
using Task = System.Threading.Tasks.Task;
using Appointment = Pathway.Appointments.Appointment;

namespace Pathway.Transfer;

/// <summary>The resources of one source, by type, in the order they are written.</summary>
public sealed record TransferResources(DateTimeOffset TransactionTime, IReadOnlyList<(string Type, IReadOnlyList<Resource> Resources)> Files)
{
    public IEnumerable<Resource> All => Files.SelectMany(f => f.Resources);
}

/// <summary>
/// Everything a source holds about its clients, as a FHIR Bulk Data style export (NDJSON, one file per resource type, and a
/// manifest shaped like the <c>$export</c> complete-status response), for a transfer of care to another provider or deployment.
/// Ids are positions, not database keys (client-1 is the first client by client_ref, episode-1 the first episode by episode_ref,
/// and so on), so the same records give byte-identical files in any database: an export imported elsewhere exports the same.
/// </summary>
public static class TransferExport
{
    public const string ManifestFile = "manifest.json";

    /// <summary>The resource types in the order the manifest lists them (and the import reads them).</summary>
    public static readonly string[] Types =
    [
        "Patient", "RelatedPerson", "Flag", "EpisodeOfCare", "Encounter", "CarePlan", "QuestionnaireResponse", "MedicationRequest", "Observation",
    ];

    public static string FileOf(string type) => type + ".ndjson";

    /// <summary>The latest moment the data speaks of: the export's transactionTime when none is given, so it comes from the data.</summary>
    public static async Task<DateTimeOffset?> LatestAsync(PathwayDb db, string source, CancellationToken cancel)
    {
        var episodes = db.Episodes.AsNoTracking().Where(e => e.Source == source);
        if (!await episodes.AnyAsync(cancel) && !await db.ClientRecords.AnyAsync(c => c.Source == source, cancel)) return null;
        var days = new List<DateOnly?>
        {
            await episodes.MaxAsync(e => (DateOnly?)e.ReferralDate, cancel),
            await episodes.MaxAsync(e => e.DischargeDate, cancel),
            await db.Contacts.Where(c => c.Episode.Source == source).MaxAsync(c => (DateOnly?)c.Date, cancel),
        };
        var day = days.Max() ?? new DateOnly(2000, 1, 1);
        var noted = (await db.CaseNotes.Where(n => n.Episode.Source == source).Select(n => n.WrittenAt).ToListAsync(cancel))
            .DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        var midnight = new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        return noted > midnight ? noted.ToUniversalTime() : midnight;
    }

    public static async Task<TransferResources> ReadAsync(PathwayDb db, string source, DateTimeOffset transactionTime, CancellationToken cancel)
    {
        var clients = (await db.ClientRecords.AsNoTracking().Include(c => c.Person).Where(c => c.Source == source).ToListAsync(cancel))
            .OrderBy(c => c.ClientRef, StringComparer.Ordinal).ToList();
        var patientIds = Positions(clients.Select(c => c.Id), "client");
        var details = await db.ClientContacts.AsNoTracking().Where(c => c.ClientRecord.Source == source).ToDictionaryAsync(c => c.ClientRecordId, cancel);
        var flags = await db.RiskFlags.AsNoTracking().Where(f => f.ClientRecord.Source == source).ToDictionaryAsync(f => f.ClientRecordId, cancel);
        var carers = (await db.Carers.AsNoTracking().Include(c => c.Support).Where(c => c.ClientRecord.Source == source).ToListAsync(cancel))
            .OrderBy(c => patientIds.Order[c.ClientRecordId]).ThenBy(c => c.Id).ToList();

        var episodes = (await db.Episodes.AsNoTracking().Where(e => e.Source == source).ToListAsync(cancel))
            .OrderBy(e => e.EpisodeRef, StringComparer.Ordinal).ToList();
        var episodeIds = Positions(episodes.Select(e => e.Id), "episode");
        var clientOf = episodes.ToDictionary(e => e.Id, e => e.ClientRecordId);

        // Records of an episode: by episode, then date, then the order they were entered.
        async Task<List<T>> OfEpisodes<T>(IQueryable<T> records, Func<T, int> episode, Func<T, DateOnly> date, Func<T, int> id) where T : class =>
            (await records.AsNoTracking().ToListAsync(cancel)).Where(r => episodeIds.Order.ContainsKey(episode(r)))
            .OrderBy(r => episodeIds.Order[episode(r)]).ThenBy(date).ThenBy(id).ToList();

        var contacts = await OfEpisodes(db.Contacts.Where(c => c.Episode.Source == source), c => c.EpisodeId, c => c.Date, c => c.Id);
        var contactIds = Positions(contacts.Select(c => c.Id), "contact");
        var appointments = await OfEpisodes(db.Appointments.Where(a => a.Episode.Source == source), a => a.EpisodeId, a => a.Date, a => a.Id);
        var appointmentIds = Positions(appointments.Select(a => a.Id), "appointment");
        var notes = await OfEpisodes(db.CaseNotes.Where(n => n.Episode.Source == source), n => n.EpisodeId, n => n.Date, n => n.Id);
        var goals = await OfEpisodes(db.RecoveryGoals.Where(g => g.Episode.Source == source), g => g.EpisodeId, g => g.SetOn, g => g.Id);
        var interventions = await OfEpisodes(db.Interventions.Where(i => i.Episode.Source == source), i => i.EpisodeId, i => i.StartDate, i => i.Id);
        var screenings = await OfEpisodes(db.Screenings.Where(s => s.Episode.Source == source), s => s.EpisodeId, s => s.Date, s => s.Id);
        var reviews = await OfEpisodes(db.OutcomeReviews.Where(r => r.Episode.Source == source), r => r.EpisodeId, r => r.Date, r => r.Id);
        var risks = await OfEpisodes(db.RiskAssessments.Where(r => r.Episode.Source == source), r => r.EpisodeId, r => r.Date, r => r.Id);
        var harm = await OfEpisodes(db.HarmReductionEvents.Where(h => h.Episode.Source == source), h => h.EpisodeId, h => h.Date, h => h.Id);
        var prescriptions = (await db.Prescriptions.AsNoTracking().Where(p => p.Episode.Source == source).ToListAsync(cancel))
            .OrderBy(p => p.PrescriptionRef, StringComparer.Ordinal).ToList();

        ResourceReference Patient(int clientRecordId) => new("Patient/" + patientIds.Id[clientRecordId]);
        ResourceReference PatientOfEpisode(int episodeId) => Patient(clientOf[episodeId]);
        ResourceReference Episode(int episodeId) => new("EpisodeOfCare/" + episodeIds.Id[episodeId]);
        var today = DateOnly.FromDateTime(transactionTime.UtcDateTime);

        var patients = clients.Select(c => (Resource)PatientOf(c, details.GetValueOrDefault(c.Id), patientIds.Id[c.Id])).ToList();
        var related = carers.Select((c, i) => (Resource)CarerOf(c, $"carer-{i + 1}", Patient(c.ClientRecordId))).ToList();
        var flagResources = clients.Where(c => flags.ContainsKey(c.Id))
            .SelectMany(c => FlagsOf(flags[c.Id], patientIds.Id[c.Id], Patient(c.Id))).Cast<Resource>().ToList();
        var episodesOfCare = episodes.Select(e => (Resource)EpisodeOf(e, episodeIds.Id[e.Id], Patient(e.ClientRecordId))).ToList();
        var encounters = contacts.Select(c => (Resource)ContactOf(c, contactIds.Id[c.Id], PatientOfEpisode(c.EpisodeId), Episode(c.EpisodeId)))
            .Concat(notes.Select((n, i) => (Resource)NoteOf(n, $"note-{i + 1}", PatientOfEpisode(n.EpisodeId), Episode(n.EpisodeId),
                n.ContactId is { } contact && contactIds.Id.TryGetValue(contact, out var cid) ? cid : null)))
            .Concat(appointments.Select(a => (Resource)AppointmentOf(a, appointmentIds.Id[a.Id], PatientOfEpisode(a.EpisodeId), Episode(a.EpisodeId),
                a.ContactId is { } contact && contactIds.Id.TryGetValue(contact, out var cid) ? cid : null,
                a.RescheduledFromId is { } from && appointmentIds.Id.TryGetValue(from, out var aid) ? aid : null)))
            .ToList();
        var goalsOf = goals.ToLookup(g => g.EpisodeId);
        var interventionsOf = interventions.ToLookup(i => i.EpisodeId);
        var plans = episodes.Where(e => goalsOf[e.Id].Any() || interventionsOf[e.Id].Any())
            .Select(e => (Resource)PlanOf(e, [.. goalsOf[e.Id]], [.. interventionsOf[e.Id]], episodeIds.Id[e.Id], Patient(e.ClientRecordId), Episode(e.Id)))
            .ToList();
        var responses = screenings.Select((s, i) => (Resource)ScreeningOf(s, $"screening-{i + 1}", PatientOfEpisode(s.EpisodeId), Episode(s.EpisodeId)))
            .Concat(reviews.Select((r, i) => (Resource)ReviewOf(r, $"review-{i + 1}", PatientOfEpisode(r.EpisodeId), Episode(r.EpisodeId))))
            .ToList();
        var medications = prescriptions
            .Select((p, i) => (Resource)PrescriptionOf(p, $"prescription-{i + 1}", PatientOfEpisode(p.EpisodeId), Episode(p.EpisodeId), today)).ToList();
        var observations = risks.Select((r, i) => (Resource)RiskAssessmentOf(r, $"risk-assessment-{i + 1}", PatientOfEpisode(r.EpisodeId), Episode(r.EpisodeId)))
            .Concat(harm.Select((h, i) => (Resource)HarmReductionOf(h, $"harm-reduction-{i + 1}", PatientOfEpisode(h.EpisodeId), Episode(h.EpisodeId))))
            .ToList();

        return new TransferResources(transactionTime,
        [
            ("Patient", patients), ("RelatedPerson", related), ("Flag", flagResources), ("EpisodeOfCare", episodesOfCare),
            ("Encounter", encounters), ("CarePlan", plans), ("QuestionnaireResponse", responses), ("MedicationRequest", medications),
            ("Observation", observations),
        ]);
    }

    /// <summary>Writes the NDJSON files and the manifest; returns the count per type.</summary>
    public static async Task<IReadOnlyList<(string Type, int Count)>> WriteAsync(TransferResources export, string source, string folder, CancellationToken cancel)
    {
        Directory.CreateDirectory(folder);
        var counts = new List<(string, int)>();
        foreach (var (type, resources) in export.Files)
        {
            var text = new StringBuilder();
            foreach (var resource in resources) text.Append(FhirJson.SerializeToString(resource)).Append('\n');
            await File.WriteAllTextAsync(Path.Combine(folder, FileOf(type)), text.ToString(), new UTF8Encoding(false), cancel);
            counts.Add((type, resources.Count));
        }
        await File.WriteAllBytesAsync(Path.Combine(folder, ManifestFile), Manifest(export, source, counts), cancel);
        return counts;
    }

    private static byte[] Manifest(TransferResources export, string source, IReadOnlyList<(string Type, int Count)> counts)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteString("transactionTime", Instant(export.TransactionTime));
            json.WriteString("request", $"{UkCore.PathwayBase}/$export?source={Uri.EscapeDataString(source)}");
            json.WriteBoolean("requiresAccessToken", false);
            json.WriteStartArray("output");
            foreach (var (type, count) in counts)
            {
                json.WriteStartObject();
                json.WriteString("type", type);
                // Relative to the manifest: the export is a folder handed over whole, not files on a server.
                json.WriteString("url", FileOf(type));
                json.WriteNumber("count", count);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("error");
            json.WriteEndArray();
            json.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private sealed record Numbering(Dictionary<int, string> Id, Dictionary<int, int> Order);

    private static Numbering Positions(IEnumerable<int> ids, string prefix)
    {
        var list = ids.ToList();
        return new Numbering(
            list.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => $"{prefix}-{(p.i + 1).ToString(CultureInfo.InvariantCulture)}"),
            list.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i));
    }

    private static Meta Profile(string profile) => new() { Profile = [profile] };

    public static Patient PatientOf(ClientRecord client, ClientContact? contact, string id)
    {
        var patient = UkCore.Patient(client, contact);
        patient.Id = id;
        // The full address only: the postcode district (all a bundle holds) travels as its own extension, so neither is guessed from the other.
        patient.Address.Clear();
        if (contact is not null)
        {
            var address = new Address { PostalCode = contact.Postcode, City = contact.Town };
            foreach (var line in new[] { contact.AddressLine1, contact.AddressLine2 }.OfType<string>()) address.LineElement.Add(new FhirString(line));
            if (address.PostalCode is not null || address.City is not null || address.LineElement.Count > 0) patient.Address.Add(address);
        }
        Set(patient, "initials", client.Person.Initials);
        Set(patient, "local-authority", client.LocalAuthorityCode);
        Set(patient, "postcode-district", client.PostcodeDistrict);
        Set(patient, "consent-national-reporting", client.ConsentNationalReporting);
        if (contact is null) return patient;
        Set(patient, "contact-details-held", true);
        Set(patient, "contact-by", contact.ContactBy);
        Set(patient, "voicemail-ok", contact.VoicemailOk);
        Set(patient, "text-ok", contact.TextOk);
        Set(patient, "safe-times", contact.SafeTimes);
        Set(patient, "safe-contact-note", contact.SafeContactNote);
        Set(patient, "ethnicity", contact.Ethnicity);
        Set(patient, "sexual-orientation", contact.SexualOrientation);
        Set(patient, "religion", contact.Religion);
        Set(patient, "disability", contact.Disability);
        Set(patient, "disability-type", contact.DisabilityType);
        Set(patient, "pregnant", contact.Pregnant);
        Set(patient, "parental-responsibility", contact.ParentalResponsibility);
        Set(patient, "children-living-with", contact.ChildrenLivingWith);
        if (contact.GpPractice is not null || contact.GpOdsCode is not null)
            patient.GeneralPractitioner.Add(new ResourceReference
            {
                Identifier = contact.GpOdsCode is { } ods ? new Identifier(UkCore.OdsSystem, ods) : null, Display = contact.GpPractice,
            });
        if (contact.NextOfKinName is not null || contact.NextOfKinRelationship is not null || contact.NextOfKinPhone is not null)
        {
            var kin = new Patient.ContactComponent { Name = contact.NextOfKinName is { } name ? new HumanName { Text = name } : null };
            if (contact.NextOfKinRelationship is { } relationship) kin.Relationship.Add(new CodeableConcept { Text = relationship });
            if (contact.NextOfKinPhone is { } phone) kin.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
            patient.Contact.Add(kin);
        }
        return patient;
    }

    public static RelatedPerson CarerOf(Carer carer, string id, ResourceReference patient)
    {
        var person = new RelatedPerson
        {
            Id = id, Meta = Profile(RelatedPersonProfile), Active = true, Patient = patient,
            Relationship = [new CodeableConcept { Text = carer.Relationship }],
            Name = [new HumanName { Text = carer.Name }],
        };
        if (carer.Phone is { } phone) person.Telecom.Add(new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, phone));
        foreach (var support in carer.Support.OrderBy(s => s.Date).ThenBy(s => s.Id))
        {
            var given = new Extension { Url = ExtensionBase + "carer-support" };
            given.Extension.Add(new Extension("date", new Date(Day(support.Date))));
            given.Extension.Add(new Extension("channel", new Code(Codes<ContactChannel>.Code(support.Channel))));
            given.Extension.Add(new Extension("carers-group", new FhirBoolean(support.CarersGroup)));
            person.Extension.Add(given);
        }
        return person;
    }

    /// <summary>A client record's risk and safeguarding flags, one Flag each: the domestic abuse flag is always there (active or not).</summary>
    public static IEnumerable<Flag> FlagsOf(RiskFlags flags, string patientId, ResourceReference patient)
    {
        Flag Make(string what, string text, bool active) => new()
        {
            Id = $"{patientId}-{what}", Meta = Profile(FlagProfile), Subject = patient,
            Status = active ? Flag.FlagStatus.Active : Flag.FlagStatus.Inactive,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/flag-category", "safety", "Safety")],
            Code = new CodeableConcept(CodeSystemBase + "risk-flag", what, text) { Text = text },
        };
        if (flags.ChildrenInHousehold is { } children)
        {
            var flag = Make("children-in-household", "Children in the household", children);
            Set(flag, "children-count", flags.ChildrenCount);
            yield return flag;
        }
        var abuse = Make("domestic-abuse", "Domestic abuse", flags.DomesticAbuse);
        Set(abuse, "marac-referral-date", flags.MaracReferralDate);
        yield return abuse;
        if (flags.OverdoseRisk is { } overdose)
        {
            var flag = Make("overdose-risk", "Overdose risk", true);
            Set(flag, "overdose-risk-level", overdose);
            Set(flag, "overdose-risk-reason", flags.OverdoseRiskReason);
            yield return flag;
        }
    }

    public static Hl7.Fhir.Model.EpisodeOfCare EpisodeOf(Episode episode, string id, ResourceReference patient)
    {
        // No provider name: the receiving deployment may not know the provider, and the file must not depend on what it knows.
        var resource = UkCore.EpisodeOfCare(episode, null);
        resource.Id = id;
        resource.Patient = patient;
        Set(resource, "referral-source", episode.ReferralSource);
        Set(resource, "substance-1", episode.Substance1);
        Set(resource, "substance-2", episode.Substance2);
        Set(resource, "substance-3", episode.Substance3);
        Set(resource, "injecting-status", episode.InjectingStatus);
        Set(resource, "triage-date", episode.TriageDate);
        Set(resource, "discharge-reason", episode.DischargeReason);
        return resource;
    }

    private static readonly Coding Ambulatory = new("http://terminology.hl7.org/CodeSystem/v3-ActCode", "AMB", "ambulatory");
    private static readonly Coding Virtual = new("http://terminology.hl7.org/CodeSystem/v3-ActCode", "VR", "virtual");

    /// <summary>A recorded contact: finished when attended, cancelled when not (R4's Encounter has no "did not attend").</summary>
    public static Encounter ContactOf(Contact contact, string id, ResourceReference patient, ResourceReference episode) => new()
    {
        Id = id, Meta = Profile(EncounterProfile),
        Status = contact.Attended ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Cancelled,
        Class = contact.Channel == ContactChannel.FaceToFace ? Ambulatory : Virtual,
        Type = [Concept(contact.Channel), Concept(contact.Kind)],
        Subject = patient, EpisodeOfCare = [episode],
        Period = new Period { Start = Day(contact.Date), End = Day(contact.Date) },
    };

    /// <summary>
    /// A case note is an Encounter of its own (R4's Encounter has no note element): its kind as the type, its author as the
    /// participant, the text and the moment it was written as extensions, and the contact it is about as partOf.
    /// </summary>
    public static Encounter NoteOf(CaseNote note, string id, ResourceReference patient, ResourceReference episode, string? contactId)
    {
        var encounter = new Encounter
        {
            Id = id, Meta = Profile(EncounterProfile), Status = Encounter.EncounterStatus.Finished,
            Class = note.Kind == CaseNoteKind.PhoneCall ? Virtual : Ambulatory,
            Type = [Concept(note.Kind)],
            Subject = patient, EpisodeOfCare = [episode],
            Period = new Period { Start = Day(note.Date) },
            PartOf = contactId is null ? null : new ResourceReference("Encounter/" + contactId),
            Participant =
            [
                new Encounter.ParticipantComponent
                {
                    Individual = new ResourceReference { Identifier = new Identifier(StaffSystem, note.AuthorId), Display = note.AuthorName },
                },
            ],
        };
        Set(encounter, "case-note-text", note.Text);
        Set(encounter, "written-at", new FhirDateTime(Instant(note.WrittenAt)));
        return encounter;
    }

    public const string AppointmentMarker = "appointment";

    /// <summary>
    /// A booked appointment, as a planned Encounter (cancelled when cancelled, finished once its contact is recorded): the
    /// contact it became and the booking it replaced are references to the other Encounters, its time of day an extension
    /// (a FHIR time of day needs a time zone; the booking holds local time).
    /// </summary>
    public static Encounter AppointmentOf(Appointment appointment, string id, ResourceReference patient, ResourceReference episode,
        string? contactId, string? rescheduledFromId)
    {
        var encounter = new Encounter
        {
            Id = id, Meta = Profile(EncounterProfile),
            Status = appointment.CancelledAt is not null ? Encounter.EncounterStatus.Cancelled
                : appointment.ContactId is not null ? Encounter.EncounterStatus.Finished : Encounter.EncounterStatus.Planned,
            Class = appointment.Channel == ContactChannel.FaceToFace ? Ambulatory : Virtual,
            Type = [new CodeableConcept(CodeSystemBase + "encounter-record", AppointmentMarker, "Booked appointment"), Concept(appointment.Channel), Concept(appointment.Kind)],
            Subject = patient, EpisodeOfCare = [episode],
            Period = new Period { Start = Day(appointment.Date) },
        };
        if (appointment.WorkerId is { } worker)
            encounter.Participant.Add(new Encounter.ParticipantComponent { Individual = new ResourceReference { Identifier = new Identifier(StaffSystem, worker) } });
        Set(encounter, "appointment-time", appointment.Time is { } time ? new Time(time.ToString("HH:mm:ss", CultureInfo.InvariantCulture)) : null);
        Set(encounter, "cancelled-at", appointment.CancelledAt is { } at ? new FhirDateTime(Instant(at)) : null);
        Set(encounter, "cancel-reason", appointment.CancelReason);
        Set(encounter, "recorded-as", contactId is null ? null : new ResourceReference("Encounter/" + contactId));
        Set(encounter, "rescheduled-from", rescheduledFromId is null ? null : new ResourceReference("Encounter/" + rescheduledFromId));
        return encounter;
    }

    public static CarePlan PlanOf(Episode episode, IReadOnlyList<RecoveryGoal> goals, IReadOnlyList<Intervention> interventions, string episodeId,
        ResourceReference patient, ResourceReference episodeReference)
    {
        var plan = UkCore.CarePlan(episode, goals);
        plan.Id = "careplan-" + episodeId["episode-".Length..];
        plan.Subject = patient;
        // Contained goals are numbered in the plan, not by database key.
        for (var i = 0; i < plan.Contained.Count; i++)
        {
            var goal = (Goal)plan.Contained[i];
            goal.Id = $"goal-{i + 1}";
            goal.Subject = patient;
            plan.Goal[i] = new ResourceReference("#" + goal.Id);
        }
        Set(plan, "episode", episodeReference);
        foreach (var intervention in interventions)
        {
            var detail = new CarePlan.DetailComponent
            {
                Kind = CarePlan.CarePlanActivityKind.ServiceRequest,
                Code = Concept(intervention.Type),
                Status = intervention.EndDate is null ? CarePlan.CarePlanActivityStatus.InProgress : CarePlan.CarePlanActivityStatus.Completed,
                Scheduled = new Period { Start = Day(intervention.StartDate), End = intervention.EndDate is { } end ? Day(end) : null },
            };
            Set(detail, "intervention-setting", intervention.Setting);
            plan.Activity.Add(new CarePlan.ActivityComponent { Detail = detail });
        }
        return plan;
    }

    public static QuestionnaireResponse ScreeningOf(Screening screening, string id, ResourceReference patient, ResourceReference episode)
    {
        var response = UkCore.Screening(screening, 0);
        response.Id = id;
        response.Subject = patient;
        Set(response, "episode", episode);
        Set(response, "answers", screening.Answers);
        return response;
    }

    public static QuestionnaireResponse ReviewOf(OutcomeReview review, string id, ResourceReference patient, ResourceReference episode)
    {
        var response = UkCore.OutcomeReview(review, 0);
        response.Id = id;
        response.Subject = patient;
        Set(response, "episode", episode);
        return response;
    }

    /// <summary>One step of a dose (a titration is a run of these), with what the prescriber recorded beyond prescriptions.csv.</summary>
    public static MedicationRequest PrescriptionOf(Prescription prescription, string id, ResourceReference patient, ResourceReference episode, DateOnly today)
    {
        var request = UkCore.Prescription(prescription, 0, today);
        request.Id = id;
        request.Subject = patient;
        Set(request, "episode", episode);
        Set(request, "medicine", prescription.Medicine);
        Set(request, "supervised-days-per-week", prescription.SupervisedDaysPerWeek);
        Set(request, "instalment-days-per-week", prescription.InstalmentDaysPerWeek);
        Set(request, "reason", prescription.Reason);
        if (prescription.PrescriberId is not null || prescription.PrescriberName is not null)
            request.Requester = new ResourceReference
            {
                Identifier = prescription.PrescriberId is { } who ? new Identifier(StaffSystem, who) : null, Display = prescription.PrescriberName,
            };
        return request;
    }

    private static Observation.ComponentComponent Component(string code, string text, DataType value) => new()
    {
        Code = new CodeableConcept(CodeSystemBase + "observation-item", code, text) { Text = text }, Value = value,
    };

    /// <summary>Triage's risk assessment: one Observation, an item per component, its notes as the note.</summary>
    public static Observation RiskAssessmentOf(RiskAssessment risk, string id, ResourceReference patient, ResourceReference episode)
    {
        var observation = new Observation
        {
            Id = id, Meta = Profile(ObservationProfile), Status = ObservationStatus.Final,
            Category = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/observation-category", "social-history", "Social History")],
            Code = new CodeableConcept(CodeSystemBase + "observation", "risk-assessment", "Triage risk assessment") { Text = "Triage risk assessment" },
            Subject = patient, Effective = new FhirDateTime(Day(risk.Date)),
            Component =
            [
                Component("housing", "Housing", Concept(risk.Housing)),
                Component("employment", "Employment", Concept(risk.Employment)),
                Component("overdose-risk", "Overdose risk", new FhirBoolean(risk.OverdoseRisk)),
                Component("self-harm-risk", "Self-harm risk", new FhirBoolean(risk.SelfHarmRisk)),
                Component("safeguarding-concern", "Safeguarding concern", new FhirBoolean(risk.SafeguardingConcern)),
                Component("domestic-abuse", "Domestic abuse", new FhirBoolean(risk.DomesticAbuse)),
            ],
        };
        if (risk.Notes is { } notes) observation.Note.Add(new Annotation { Text = notes });
        Set(observation, "episode", episode);
        return observation;
    }

    /// <summary>A harm reduction event: the kind as the code, the result as the value, quantity, substance and recipient as components.</summary>
    public static Observation HarmReductionOf(HarmReductionEvent harm, string id, ResourceReference patient, ResourceReference episode)
    {
        var observation = new Observation
        {
            Id = id, Meta = Profile(ObservationProfile), Status = ObservationStatus.Final,
            Code = Concept(harm.Kind), Subject = patient, Effective = new FhirDateTime(Day(harm.Date)), Value = Concept(harm.Result),
            Component = [Component("quantity", "Quantity", new Integer(harm.Quantity))],
        };
        if (harm.Substance is { } substance) observation.Component.Add(Component("substance", "Substance", Concept(substance)));
        if (harm.Recipient is { } recipient) observation.Component.Add(Component("recipient", "Handed to", Concept(recipient)));
        Set(observation, "episode", episode);
        return observation;
    }
}
