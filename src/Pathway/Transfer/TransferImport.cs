using System.Globalization;
using System.Text.Json;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
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
using Task = System.Threading.Tasks.Task;
using Person = Pathway.People.Person;
using Appointment = Pathway.Appointments.Appointment;
using Substance = Pathway.Episodes.Substance;
using AuditEvent = Pathway.Access.Audit.AuditEvent;
using RiskAssessment = Pathway.Assessments.RiskAssessment;

namespace Pathway.Transfer;

public sealed record TransferImportResult(IReadOnlyList<string> Problems, IReadOnlyList<(string Type, int Count)> Counts)
{
    public bool Imported => Problems.Count == 0;
}

/// <summary>
/// Reads a transfer export (<see cref="TransferExport"/>) into a source of this database, all or nothing: every problem is
/// found first and reported as <c>file:line: message</c>, and only an export with none is stored, in one transaction with
/// its audit event. People are matched by their attributors, as a bundle load matches them, so the transition check sees
/// the same person at the outgoing and the incoming source. A source that already holds any of the people is refused.
/// </summary>
public static class TransferImport
{
    private sealed record Line(string File, int Number, Resource Resource);

    private sealed class Problems
    {
        public List<string> List { get; } = [];
        public string Where { get; set; } = "";
        public void Add(string message) => List.Add($"{Where}: {message}");
    }

    public static async Task<TransferImportResult> ImportAsync(PathwayDb db, string folder, string source, AuditEvent audit, CancellationToken cancel)
    {
        var problems = new Problems();
        var lines = await ReadAsync(folder, problems, cancel);
        if (problems.List.Count > 0) return new(problems.List, []);

        var reader = new Reader(db, source, problems);
        await reader.BuildAsync(lines, cancel);
        if (problems.List.Count > 0) return new(problems.List, []);
        await using var transaction = await db.Database.BeginTransactionAsync(cancel);

        var counts = TransferExport.Types.Select(type => (Type: type, Count: lines.Count(l => l.Resource.TypeName == type))).ToList();
        // Counts only: the audit trail records that a transfer happened and how big it was, never whose records.
        audit.Path = "transfer import: " + string.Join(", ", counts.Select(c => $"{c.Type} {c.Count}"));
        db.AuditEvents.Add(audit);
        try
        {
            await db.SaveChangesAsync(cancel);
            // A rescheduled booking names the one it replaced by key, which exists only now.
            foreach (var (booking, from) in reader.Reschedules) booking.RescheduledFromId = from.Id;
            if (reader.Reschedules.Count > 0) await db.SaveChangesAsync(cancel);
            await transaction.CommitAsync(cancel);
        }
        catch (DbUpdateException)
        {
            return new(["The database refused the records (a value longer than, or otherwise not what, its columns allow)."], []);
        }
        return new([], counts);
    }

    /// <summary>The manifest and every file it lists, each line parsed strictly; problems as file:line.</summary>
    private static async Task<List<Line>> ReadAsync(string folder, Problems problems, CancellationToken cancel)
    {
        var lines = new List<Line>();
        var manifest = Path.Combine(folder, TransferExport.ManifestFile);
        if (!Directory.Exists(folder))
        {
            problems.Where = folder;
            problems.Add("there is no such folder");
            return lines;
        }
        problems.Where = TransferExport.ManifestFile;
        if (!File.Exists(manifest))
        {
            problems.Add("missing: a transfer export has a manifest.json listing its files");
            return lines;
        }
        var files = new List<(string Type, string Url)>();
        try
        {
            using var json = JsonDocument.Parse(await File.ReadAllBytesAsync(manifest, cancel));
            if (!json.RootElement.TryGetProperty("output", out var output) || output.ValueKind != JsonValueKind.Array)
                problems.Add("has no output list");
            else
                foreach (var entry in output.EnumerateArray())
                {
                    var type = entry.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : null;
                    var url = entry.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString()! : null;
                    if (type is null || url is null) problems.Add("an output entry lacks its type or url");
                    else if (!TransferExport.Types.Contains(type)) problems.Add($"lists a resource type a transfer does not carry: {type}");
                    else if (url.Contains('/') || url.Contains('\\') || url.Contains("..")) problems.Add($"the url {url} is not a file beside the manifest");
                    else files.Add((type, url));
                }
        }
        catch (JsonException e)
        {
            problems.Where = $"{TransferExport.ManifestFile}:{(e.LineNumber ?? 0) + 1}";
            problems.Add("not JSON: " + e.Message);
        }
        if (problems.List.Count > 0) return lines;

        foreach (var (type, url) in files.OrderBy(f => Array.IndexOf(TransferExport.Types, f.Type)))
        {
            var path = Path.Combine(folder, url);
            if (!File.Exists(path))
            {
                problems.Where = TransferExport.ManifestFile;
                problems.Add($"lists {url}, which is not in the folder");
                continue;
            }
            var ids = new HashSet<string>(StringComparer.Ordinal);
            var number = 0;
            foreach (var text in await File.ReadAllLinesAsync(path, cancel))
            {
                number++;
                problems.Where = $"{url}:{number}";
                if (text.Length == 0) continue;
                // The problem's place (file:line) is already its prefix.
                var (resource, issues) = FhirJson.Parse(text, notJson: "not JSON");
                foreach (var issue in issues) problems.Add(issue);
                if (resource is null)
                {
                    if (issues.Count == 0) problems.Add("not a FHIR resource");
                    continue;
                }
                if (resource.TypeName != type) problems.Add($"a {resource.TypeName} in the file of {type}");
                else if (string.IsNullOrEmpty(resource.Id)) problems.Add("the resource has no id");
                else if (!ids.Add(resource.Id)) problems.Add($"the id {resource.Id} is used twice");
                else lines.Add(new Line(url, number, resource));
            }
        }
        return lines;
    }

    /// <summary>Turns the resources into records, reporting what is missing, malformed or refers to nothing.</summary>
    private sealed class Reader(PathwayDb db, string source, Problems problems)
    {
        private readonly Dictionary<string, ClientRecord> clients = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Episode> episodes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, Contact> contacts = new(StringComparer.Ordinal);
        private readonly Dictionary<(string, DateOnly, Sex), Person> people = [];
        private readonly Dictionary<ClientRecord, RiskFlags> flags = [];
        private readonly Dictionary<string, Appointment> appointments = new(StringComparer.Ordinal);
        private readonly List<(string Where, Appointment Booking, ResourceReference From)> reschedules = [];

        /// <summary>Bookings and the bookings they replaced: set once both have their keys (a booking may replace a later-listed one).</summary>
        public List<(Appointment Booking, Appointment From)> Reschedules { get; } = [];

        public async Task BuildAsync(List<Line> lines, CancellationToken cancel)
        {
            var held = await db.ClientRecords.AsNoTracking().Where(c => c.Source == source)
                .Select(c => new { c.ClientRef, c.PersonId }).ToListAsync(cancel);
            var heldRefs = held.Select(c => c.ClientRef).ToHashSet(StringComparer.Ordinal);
            var heldPeople = held.Select(c => c.PersonId).ToHashSet();
            var heldEpisodes = (await db.Episodes.AsNoTracking().Where(e => e.Source == source).Select(e => e.EpisodeRef).ToListAsync(cancel))
                .ToHashSet(StringComparer.Ordinal);
            var heldPrescriptions = (await db.Prescriptions.AsNoTracking().Where(p => p.Source == source).Select(p => p.PrescriptionRef).ToListAsync(cancel))
                .ToHashSet(StringComparer.Ordinal);

            var alreadyHeld = new List<(string Where, string ClientRef)>();
            var refsHeld = new List<string>();
            foreach (var line in lines)
            {
                problems.Where = $"{line.File}:{line.Number}";
                switch (line.Resource)
                {
                    case Patient patient:
                        if (await PatientAsync(patient, cancel) is { } client)
                        {
                            if (heldRefs.Contains(client.ClientRef) || client.Person.Id != 0 && heldPeople.Contains(client.Person.Id))
                                alreadyHeld.Add((problems.Where, client.ClientRef));
                            clients[patient.Id!] = client;
                        }
                        break;
                    case RelatedPerson related: Carer(related); break;
                    case Flag flag: Flag(flag); break;
                    case Hl7.Fhir.Model.EpisodeOfCare episodeOfCare:
                        if (Episode(episodeOfCare) is { } episode)
                        {
                            if (heldEpisodes.Contains(episode.EpisodeRef)) refsHeld.Add($"{problems.Where}: the source {source} already holds episode_ref {episode.EpisodeRef}");
                            episodes[episodeOfCare.Id!] = episode;
                        }
                        break;
                    case Encounter encounter: Encounter(encounter); break;
                    case CarePlan plan: Plan(plan); break;
                    case QuestionnaireResponse response: Response(response); break;
                    case MedicationRequest request:
                        if (Prescription(request) is { } prescription && heldPrescriptions.Contains(prescription.PrescriptionRef))
                            refsHeld.Add($"{problems.Where}: the source {source} already holds prescription_ref {prescription.PrescriptionRef}");
                        break;
                    case Observation observation: Observation(observation); break;
                }
            }
            foreach (var (where, booking, from) in reschedules)
            {
                problems.Where = where;
                if (Find(appointments, from, "Encounter", "rescheduled-from") is { } earlier) Reschedules.Add((booking, earlier));
            }
            // One sentence for the whole refusal, not one per record: importing the same transfer twice is a single mistake.
            if (alreadyHeld.Count > 0)
            {
                problems.Where = alreadyHeld[0].Where;
                problems.Add($"the source {source} already holds {alreadyHeld.Count:N0} of the {clients.Count:N0} people in this export " +
                             $"(the first is client_ref {alreadyHeld[0].ClientRef}): a transfer is imported once, into a source that does not hold them");
            }
            // Episodes and prescriptions of people already held follow from that; on their own (new people, old refs) each is listed.
            else problems.List.AddRange(refsHeld);
        }

        // ----- small readers: each reports what is wrong and gives a usable default, so every problem is found in one pass.

        private T Code<T>(string? code, string what) where T : struct, Enum
        {
            if (code is not null && Codes<T>.TryParse(code, out var value)) return value;
            problems.Add(code is null ? $"{what} is missing" : $"{what} {code} is not one of Pathway's codes");
            return default;
        }

        private T? OptionalCode<T>(string? code, string what) where T : struct, Enum => code is null ? null : Code<T>(code, what);

        private T? Ext<T>(IExtendable on, string name) where T : DataType => Get(on, name) as T;

        private string? Text(IExtendable on, string name) => Ext<FhirString>(on, name)?.Value;

        private string? CodeOf(IExtendable on, string name) => Ext<Code>(on, name)?.Value;

        private bool? Bool(IExtendable on, string name) => Ext<FhirBoolean>(on, name)?.Value;

        private int? Int(IExtendable on, string name) => Ext<Integer>(on, name)?.Value;

        private DateOnly? Date(string? text, string what, bool required = true)
        {
            if (text is null)
            {
                if (required) problems.Add($"{what} is missing");
                return null;
            }
            if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return day;
            problems.Add($"{what} {text} is not a full date (YYYY-MM-DD)");
            return null;
        }

        private DateOnly Day(string? text, string what) => Date(text, what) ?? default;

        private T? Find<T>(Dictionary<string, T> known, ResourceReference? reference, string type, string what) where T : class
        {
            var prefix = type + "/";
            if (reference?.Reference is not { } target)
            {
                problems.Add($"{what} is missing");
                return null;
            }
            if (target.StartsWith(prefix, StringComparison.Ordinal) && known.TryGetValue(target[prefix.Length..], out var found)) return found;
            problems.Add($"{what} {target} refers to nothing in {TransferExport.FileOf(type)}");
            return null;
        }

        private Episode? EpisodeOf(IExtendable on) => Find(episodes, Ext<ResourceReference>(on, "episode"), "EpisodeOfCare", "the episode");

        private async Task<ClientRecord?> PatientAsync(Patient patient, CancellationToken cancel)
        {
            var clientRef = patient.Identifier.FirstOrDefault(i => i.System == UkCore.ClientRefSystem)?.Value;
            if (clientRef is null) problems.Add("the client_ref identifier is missing");
            var initials = Text(patient, "initials");
            if (initials is null) problems.Add("the initials extension is missing");
            var birth = Day(patient.BirthDate, "birthDate");
            var sex = patient.Gender switch
            {
                AdministrativeGender.Male => Sex.Male, AdministrativeGender.Female => Sex.Female, AdministrativeGender.Other => Sex.Other,
                AdministrativeGender.Unknown => Sex.NotStated,
                _ => Missing(),
            };
            Sex Missing()
            {
                problems.Add("gender is missing");
                return Sex.NotStated;
            }
            var authority = Text(patient, "local-authority");
            if (authority is null) problems.Add("the local-authority extension is missing");
            if (clientRef is null || initials is null || authority is null) return null;

            var key = (initials, birth, sex);
            if (!people.TryGetValue(key, out var person))
            {
                person = await db.People.FirstOrDefaultAsync(p => p.Initials == initials && p.DateOfBirth == birth && p.Sex == sex, cancel)
                         ?? db.People.Add(new Person { Initials = initials, DateOfBirth = birth, Sex = sex }).Entity;
                people[key] = person;
            }
            var name = patient.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? patient.Name.FirstOrDefault();
            var client = db.ClientRecords.Add(new ClientRecord
            {
                Source = source, ClientRef = clientRef, Person = person, LocalAuthorityCode = authority,
                PostcodeDistrict = Text(patient, "postcode-district"),
                NhsNumber = patient.Identifier.FirstOrDefault(i => i.System == UkCore.NhsNumberSystem)?.Value,
                ConsentNationalReporting = Bool(patient, "consent-national-reporting") ?? false,
                GivenName = name?.Given.FirstOrDefault(), FamilyName = name?.Family,
            }).Entity;
            if (Bool(patient, "contact-details-held") != true) return client;

            var address = patient.Address.FirstOrDefault();
            var lines = address?.Line.ToList() ?? [];
            var gp = patient.GeneralPractitioner.FirstOrDefault();
            var kin = patient.Contact.FirstOrDefault();
            db.ClientContacts.Add(new ClientContact
            {
                ClientRecord = client,
                AddressLine1 = lines.ElementAtOrDefault(0), AddressLine2 = lines.ElementAtOrDefault(1), Town = address?.City, Postcode = address?.PostalCode,
                Phone = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
                Email = patient.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Email)?.Value,
                ContactBy = OptionalCode<ContactMethod>(CodeOf(patient, "contact-by"), "contact-by"),
                VoicemailOk = Bool(patient, "voicemail-ok"), TextOk = Bool(patient, "text-ok"),
                SafeTimes = Text(patient, "safe-times"), SafeContactNote = Text(patient, "safe-contact-note"),
                GpPractice = gp?.Display, GpOdsCode = gp?.Identifier?.Value,
                NextOfKinName = kin?.Name?.Text, NextOfKinRelationship = kin?.Relationship.FirstOrDefault()?.Text,
                NextOfKinPhone = kin?.Telecom.FirstOrDefault()?.Value,
                Ethnicity = OptionalCode<Ethnicity>(CodeOf(patient, "ethnicity"), "ethnicity"),
                SexualOrientation = OptionalCode<SexualOrientation>(CodeOf(patient, "sexual-orientation"), "sexual-orientation"),
                Religion = OptionalCode<Religion>(CodeOf(patient, "religion"), "religion"),
                Disability = OptionalCode<YesNoNotStated>(CodeOf(patient, "disability"), "disability"),
                DisabilityType = OptionalCode<DisabilityType>(CodeOf(patient, "disability-type"), "disability-type"),
                Pregnant = OptionalCode<Pregnancy>(CodeOf(patient, "pregnant"), "pregnant"),
                ParentalResponsibility = OptionalCode<YesNoNotStated>(CodeOf(patient, "parental-responsibility"), "parental-responsibility"),
                ChildrenLivingWith = Int(patient, "children-living-with"),
            });
            return client;
        }

        private void Carer(RelatedPerson related)
        {
            var client = Find(clients, related.Patient, "Patient", "the patient");
            var name = related.Name.FirstOrDefault()?.Text;
            var relationship = related.Relationship.FirstOrDefault()?.Text;
            if (name is null) problems.Add("the carer's name is missing");
            if (relationship is null) problems.Add("the carer's relationship is missing");
            if (client is null || name is null || relationship is null) return;
            var carer = new Carer
            {
                ClientRecord = client, Name = name, Relationship = relationship,
                Phone = related.Telecom.FirstOrDefault(t => t.System == ContactPoint.ContactPointSystem.Phone)?.Value,
            };
            foreach (var support in related.Extension.Where(e => e.Url == ExtensionBase + "carer-support"))
                carer.Support.Add(new CarerSupport
                {
                    Date = Day((support.GetExtensionValue<Date>("date"))?.Value, "the carer support date"),
                    Channel = Code<ContactChannel>(support.GetExtensionValue<Code>("channel")?.Value, "the carer support channel"),
                    CarersGroup = support.GetExtensionValue<FhirBoolean>("carers-group")?.Value ?? false,
                });
            db.Carers.Add(carer);
        }

        private void Flag(Flag flag)
        {
            if (Find(clients, flag.Subject, "Patient", "the subject") is not { } client) return;
            if (!flags.TryGetValue(client, out var held)) flags[client] = held = db.RiskFlags.Add(new RiskFlags { ClientRecord = client }).Entity;
            var active = flag.Status == Hl7.Fhir.Model.Flag.FlagStatus.Active;
            switch (flag.Code?.Coding.FirstOrDefault(c => c.System == CodeSystemBase + "risk-flag")?.Code)
            {
                case "children-in-household":
                    held.ChildrenInHousehold = active;
                    held.ChildrenCount = Int(flag, "children-count");
                    break;
                case "domestic-abuse":
                    held.DomesticAbuse = active;
                    held.MaracReferralDate = Date(Ext<Date>(flag, "marac-referral-date")?.Value, "the MARAC referral date", required: false);
                    break;
                case "overdose-risk":
                    held.OverdoseRisk = Code<OverdoseRisk>(CodeOf(flag, "overdose-risk-level"), "the overdose risk level");
                    held.OverdoseRiskReason = Text(flag, "overdose-risk-reason");
                    break;
                case var other:
                    problems.Add(other is null ? "the flag has no Pathway risk-flag code" : $"the risk flag {other} is not one Pathway keeps");
                    break;
            }
        }

        private Episode? Episode(Hl7.Fhir.Model.EpisodeOfCare resource)
        {
            var client = Find(clients, resource.Patient, "Patient", "the patient");
            var episodeRef = resource.Identifier.FirstOrDefault(i => i.System == UkCore.EpisodeRefSystem)?.Value;
            if (episodeRef is null) problems.Add("the episode_ref identifier is missing");
            var provider = resource.ManagingOrganization?.Identifier?.Value;
            if (provider is null) problems.Add("the managing organisation's ODS code is missing");
            var episode = new Episode
            {
                Source = source, EpisodeRef = episodeRef ?? "", ClientRecord = client!, Person = client?.Person!, ProviderCode = provider ?? "",
                Pathway = Code<CarePathway>(resource.Type.Select(t => t.Coding.FirstOrDefault(c => c.System == UkCore.CarePathwaySystem)?.Code)
                    .FirstOrDefault(c => c is not null), "the care pathway"),
                ReferralDate = Day(resource.Period?.Start, "period.start (the referral date)"),
                ReferralSource = Code<ReferralSource>(CodeOf(resource, "referral-source"), "the referral source"),
                TriageDate = Date(Ext<Date>(resource, "triage-date")?.Value, "the triage date", required: false),
                Substance1 = Code<Substance>(CodeOf(resource, "substance-1"), "substance-1"),
                Substance2 = OptionalCode<Substance>(CodeOf(resource, "substance-2"), "substance-2"),
                Substance3 = OptionalCode<Substance>(CodeOf(resource, "substance-3"), "substance-3"),
                InjectingStatus = Code<InjectingStatus>(CodeOf(resource, "injecting-status"), "the injecting status"),
                DischargeDate = Date(resource.Period?.End, "period.end", required: false),
                DischargeReason = OptionalCode<DischargeReason>(CodeOf(resource, "discharge-reason"), "the discharge reason"),
            };
            if (client is null || episodeRef is null || provider is null) return null;
            db.Episodes.Add(episode);
            return episode;
        }

        private void Encounter(Encounter encounter)
        {
            var episode = encounter.EpisodeOfCare.Count == 1
                ? Find(episodes, encounter.EpisodeOfCare[0], "EpisodeOfCare", "the episode of care")
                : Fail<Episode>("an encounter belongs to exactly one episode of care");
            var noteKind = encounter.Type.Select(CodeIn<CaseNoteKind>).FirstOrDefault(c => c is not null);
            var day = Day(encounter.Period?.Start, "period.start");
            if (encounter.Type.Any(t => t.Coding.Any(c => c.System == CodeSystemBase + "encounter-record" && c.Code == TransferExport.AppointmentMarker)))
            {
                Booking(encounter, episode, day);
                return;
            }
            if (noteKind is null)
            {
                var contact = new Contact
                {
                    Episode = episode!, Date = day, Attended = encounter.Status == Hl7.Fhir.Model.Encounter.EncounterStatus.Finished,
                    Channel = Code<ContactChannel>(encounter.Type.Select(CodeIn<ContactChannel>).FirstOrDefault(c => c is not null), "the contact channel"),
                    Kind = Code<ContactKind>(encounter.Type.Select(CodeIn<ContactKind>).FirstOrDefault(c => c is not null), "the contact kind"),
                };
                if (episode is null) return;
                db.Contacts.Add(contact);
                contacts[encounter.Id!] = contact;
                return;
            }
            var text = Text(encounter, "case-note-text");
            if (text is null) problems.Add("the case note's text is missing");
            var author = encounter.Participant.FirstOrDefault()?.Individual;
            if (author?.Identifier?.Value is null || author.Display is null) problems.Add("the case note's author is missing");
            var written = Ext<FhirDateTime>(encounter, "written-at")?.Value;
            if (written is null || !DateTimeOffset.TryParse(written, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                problems.Add("the moment the case note was written (written-at) is missing or not a date and time");
                at = default;
            }
            var about = encounter.PartOf is null ? null : Find(contacts, encounter.PartOf, "Encounter", "partOf");
            if (episode is null || text is null || author?.Identifier?.Value is null || author.Display is null) return;
            db.CaseNotes.Add(new CaseNote
            {
                Episode = episode, Date = day, Kind = Code<CaseNoteKind>(noteKind, "the case note kind"), Text = text, Contact = about,
                AuthorId = author.Identifier.Value, AuthorName = author.Display, WrittenAt = at.ToUniversalTime(),
            });
        }

        private void Booking(Encounter encounter, Episode? episode, DateOnly day)
        {
            TimeOnly? time = null;
            if (Ext<Time>(encounter, "appointment-time")?.Value is { } text)
            {
                if (TimeOnly.TryParseExact(text, "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)) time = t;
                else problems.Add($"the appointment time {text} is not a time of day (HH:mm:ss)");
            }
            DateTimeOffset? cancelled = null;
            if (Ext<FhirDateTime>(encounter, "cancelled-at")?.Value is { } at)
            {
                if (DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment)) cancelled = moment.ToUniversalTime();
                else problems.Add($"cancelled-at {at} is not a date and time");
            }
            var recorded = Ext<ResourceReference>(encounter, "recorded-as") is { } contact ? Find(contacts, contact, "Encounter", "recorded-as") : null;
            var booking = new Appointment
            {
                Episode = episode!, Date = day, Time = time, Contact = recorded, CancelledAt = cancelled, CancelReason = Text(encounter, "cancel-reason"),
                Channel = Code<ContactChannel>(encounter.Type.Select(CodeIn<ContactChannel>).FirstOrDefault(c => c is not null), "the appointment channel"),
                Kind = Code<ContactKind>(encounter.Type.Select(CodeIn<ContactKind>).FirstOrDefault(c => c is not null), "the appointment kind"),
                WorkerId = encounter.Participant.FirstOrDefault()?.Individual?.Identifier?.Value,
            };
            if (episode is null) return;
            db.Appointments.Add(booking);
            appointments[encounter.Id!] = booking;
            if (Ext<ResourceReference>(encounter, "rescheduled-from") is { } from) reschedules.Add((problems.Where, booking, from));
        }

        private T? Fail<T>(string message) where T : class
        {
            problems.Add(message);
            return null;
        }

        private void Plan(CarePlan plan)
        {
            if (EpisodeOf(plan) is not { } episode) return;
            foreach (var goal in plan.Contained.OfType<Goal>())
            {
                var description = goal.Description?.Text;
                if (description is null) problems.Add($"goal {goal.Id} has no description");
                var status = goal.LifecycleStatus switch
                {
                    Goal.GoalLifecycleStatus.Accepted => GoalStatus.NotStarted,
                    Goal.GoalLifecycleStatus.Active => GoalStatus.InProgress,
                    Goal.GoalLifecycleStatus.Completed => GoalStatus.Achieved,
                    _ => GoalStatus.NoLongerAGoal,
                };
                var start = Day((goal.Start as Date)?.Value, $"goal {goal.Id}'s start date");
                if (description is not null)
                    db.RecoveryGoals.Add(new RecoveryGoal { Episode = episode, Description = description, Status = status, SetOn = start });
            }
            foreach (var detail in plan.Activity.Select(a => a.Detail).OfType<CarePlan.DetailComponent>())
            {
                var period = detail.Scheduled as Period;
                db.Interventions.Add(new Intervention
                {
                    Episode = episode,
                    Type = Code<InterventionType>(CodeIn<InterventionType>(detail.Code), "the intervention type"),
                    Setting = Code<InterventionSetting>(CodeOf(detail, "intervention-setting"), "the intervention setting"),
                    StartDate = Day(period?.Start, "the intervention's start"),
                    EndDate = Date(period?.End, "the intervention's end", required: false),
                });
            }
        }

        private void Response(QuestionnaireResponse response)
        {
            if (EpisodeOf(response) is not { } episode) return;
            var questionnaire = response.Questionnaire ?? "";
            var name = questionnaire.StartsWith(UkCore.Questionnaire(""), StringComparison.Ordinal) ? questionnaire[UkCore.Questionnaire("").Length..] : null;
            var date = Day(response.Authored, "authored");
            int Number(string linkId)
            {
                if (response.Item.FirstOrDefault(i => i.LinkId == linkId)?.Answer.FirstOrDefault()?.Value is Integer { Value: { } value }) return value;
                problems.Add($"the answer {linkId} is missing");
                return 0;
            }
            bool Yes(string linkId)
            {
                if (response.Item.FirstOrDefault(i => i.LinkId == linkId)?.Answer.FirstOrDefault()?.Value is FhirBoolean { Value: { } value }) return value;
                problems.Add($"the answer {linkId} is missing");
                return false;
            }
            if (name == "outcome-review")
            {
                var stage = (response.Item.FirstOrDefault(i => i.LinkId == "stage")?.Answer.FirstOrDefault()?.Value as Coding)?.Code;
                var units = response.Item.Any(i => i.LinkId == "alcohol-units") ? Number("alcohol-units") : (int?)null;
                db.OutcomeReviews.Add(new OutcomeReview
                {
                    Episode = episode, Date = date, Stage = Code<ReviewStage>(stage, "the review stage"),
                    AlcoholDays = Number("alcohol-days"), OpiateDays = Number("opiate-days"), CrackDays = Number("crack-days"),
                    CocaineDays = Number("cocaine-days"), AmphetamineDays = Number("amphetamine-days"), CannabisDays = Number("cannabis-days"),
                    OtherDrugDays = Number("other-drug-days"), AlcoholUnitsPerDrinkingDay = units, InjectedDays = Number("injected-days"),
                    ShopliftingDays = Number("shoplifting-days"), DrugSellingDays = Number("drug-selling-days"), OtherOffending = Yes("other-offending"),
                    PsychologicalHealth = Number("psychological-health"), PhysicalHealth = Number("physical-health"), QualityOfLife = Number("quality-of-life"),
                    AcuteHousingProblem = Yes("acute-housing-problem"), HousingAtRisk = Yes("housing-at-risk"),
                    PaidWorkDays = Number("paid-work-days"), EducationDays = Number("education-days"),
                });
                return;
            }
            var tool = Code<ScreeningTool>(name?.Replace('-', '_'), "the questionnaire");
            // No answers extension: none were recorded (a score entered without its questions).
            db.Screenings.Add(new Screening { Episode = episode, Tool = tool, Date = date, Answers = Text(response, "answers") ?? "", Score = Number("score") });
        }

        private Prescription? Prescription(MedicationRequest request)
        {
            var episode = EpisodeOf(request);
            var prescriptionRef = request.Identifier.FirstOrDefault(i => i.System == UkCore.PrescriptionRefSystem)?.Value;
            if (prescriptionRef is null) problems.Add("the prescription_ref identifier is missing");
            var dosage = request.DosageInstruction.FirstOrDefault();
            var repeat = dosage?.Timing?.Repeat;
            var bounds = repeat?.Bounds as Period;
            var dose = (dosage?.DoseAndRate.FirstOrDefault()?.Dose as Quantity)?.Value;
            if (dose is null) problems.Add("the dose is missing");
            if (repeat?.Period is null) problems.Add("the dose interval (timing.repeat.period) is missing");
            var prescription = new Prescription
            {
                Source = source, PrescriptionRef = prescriptionRef ?? "", Episode = episode!,
                Medicine = Code<Medicine>(CodeOf(request, "medicine"), "the medicine"),
                DoseMg = dose ?? 0, DoseIntervalDays = (int)(repeat?.Period ?? 1),
                StartDate = Day(bounds?.Start, "the start date"), EndDate = Date(bounds?.End, "the end date", required: false),
                SupervisedDaysPerWeek = Int(request, "supervised-days-per-week") ?? 0,
                InstalmentDaysPerWeek = Int(request, "instalment-days-per-week") ?? 7,
                PharmacyOdsCode = request.DispenseRequest?.Performer?.Identifier?.Value,
                Reason = Text(request, "reason"),
                PrescriberId = request.Requester?.Identifier?.Value, PrescriberName = request.Requester?.Display,
            };
            if (episode is null || prescriptionRef is null) return null;
            db.Prescriptions.Add(prescription);
            return prescription;
        }

        private void Observation(Observation observation)
        {
            if (EpisodeOf(observation) is not { } episode) return;
            var day = Day((observation.Effective as FhirDateTime)?.Value, "effectiveDateTime");
            DataType? Item(string code) =>
                observation.Component.FirstOrDefault(c => c.Code.Coding.Any(k => k.System == CodeSystemBase + "observation-item" && k.Code == code))?.Value;
            bool Flag(string code)
            {
                if (Item(code) is FhirBoolean { Value: { } value }) return value;
                problems.Add($"the component {code} is missing");
                return false;
            }
            if (observation.Code?.Coding.Any(c => c.System == CodeSystemBase + "observation" && c.Code == "risk-assessment") == true)
            {
                db.RiskAssessments.Add(new RiskAssessment
                {
                    Episode = episode, Date = day,
                    Housing = Code<HousingSituation>(CodeIn<HousingSituation>(Item("housing") as CodeableConcept), "the housing situation"),
                    Employment = Code<EmploymentSituation>(CodeIn<EmploymentSituation>(Item("employment") as CodeableConcept), "the employment situation"),
                    OverdoseRisk = Flag("overdose-risk"), SelfHarmRisk = Flag("self-harm-risk"), SafeguardingConcern = Flag("safeguarding-concern"),
                    DomesticAbuse = Flag("domestic-abuse"), Notes = observation.Note.FirstOrDefault()?.Text,
                });
                return;
            }
            var quantity = Item("quantity") is Integer { Value: { } q } ? q : 1;
            db.HarmReductionEvents.Add(new HarmReductionEvent
            {
                Episode = episode, Date = day,
                Kind = Code<HarmReductionKind>(CodeIn<HarmReductionKind>(observation.Code), "the observation code (a harm reduction kind)"),
                Result = Code<HarmReductionResult>(CodeIn<HarmReductionResult>(observation.Value as CodeableConcept), "the result"),
                Quantity = quantity,
                Substance = OptionalCode<Substance>(CodeIn<Substance>(Item("substance") as CodeableConcept), "the substance"),
                Recipient = OptionalCode<NaloxoneRecipient>(CodeIn<NaloxoneRecipient>(Item("recipient") as CodeableConcept), "the recipient"),
            });
        }
    }
}
