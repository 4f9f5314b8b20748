using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Hl7.Fhir.Model;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Fhir;
using Pathway.Tests.Api;
using Pathway.Tests.Exchange;
using Pathway.Tests.Infrastructure;
using Task = System.Threading.Tasks.Task;

namespace Pathway.Tests.Fhir;

/// <summary>
/// /fhir driven by a program with a real HTTP client: every resource it answers validates against its UK Core profile, a referral
/// transaction lands in the single point of entry's queue, bad bundles save nothing, and other providers' clients see nothing.
/// </summary>
public class FhirEndpointTests
{
    private const string NhsNumber = "9434765919";

    /// <summary>The old provider's example bundle, with a screening, a goal, a prescription and an NHS number added to its first client.</summary>
    private static async Task<(TestDatabase Database, int Client, int Episode)> WithRecordsAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");
        await RealStaff.AddProviderAsync(database, "NEWCO", "New Company");
        await RealStaff.AddLocalAuthorityAsync(database, "E08000007", "Stockport");
        await RealStaff.AddLocalAuthorityAsync(database, "E06000040", "Windsor and Maidenhead");
        Assert.Equal(0, (await Cli.RunAsync("load", LoadAndExportTests.OldExample, "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        await using var db = database.Open();
        var episode = await db.Episodes.Include(e => e.ClientRecord).OrderBy(e => e.Id).FirstAsync(e => e.EpisodeRef == "OLD-E000001");
        episode.ClientRecord.NhsNumber = NhsNumber;
        episode.ClientRecord.GivenName = "Edward";
        episode.ClientRecord.FamilyName = "Carter";
        db.Screenings.Add(new Assessments.Screening { EpisodeId = episode.Id, Tool = Assessments.ScreeningTool.Audit, Date = episode.ReferralDate,
            Answers = "4,4,4,4,4,4,4,4,4,4", Score = 40 });
        db.RecoveryGoals.Add(new CarePlans.RecoveryGoal { EpisodeId = episode.Id, Description = "Stay off heroin", Status = CarePlans.GoalStatus.InProgress, SetOn = episode.ReferralDate });
        db.Prescriptions.Add(new Pathway.Prescribing.Prescription { Source = "OLD", PrescriptionRef = "OLD-P000001", EpisodeId = episode.Id,
            Medicine = Pathway.Prescribing.Medicine.BuprenorphineSublingual, DoseMg = 8, DoseIntervalDays = 1, StartDate = episode.ReferralDate, PharmacyOdsCode = "FA123" });
        await db.SaveChangesAsync();
        return (database, episode.ClientRecordId, episode.Id);
    }

    private static async Task<Resource> ReadAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal(FhirJson.MediaType, response.Content.Headers.ContentType?.MediaType);
        var (resource, problems) = FhirJson.Parse(body);
        Assert.True(resource is not null, string.Join("\n", problems) + "\n" + body);
        return resource!;
    }

    private static async Task<T> OkAsync<T>(HttpClient program, string path) where T : Resource
    {
        var response = await program.GetAsync(path);
        var resource = await ReadAsync(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{path}: {(int)response.StatusCode} {FhirJson.SerializeToString(resource)}");
        return Assert.IsType<T>(resource);
    }

    /// <summary>The resources of a searchset, each valid against its UK Core profile.</summary>
    private static List<Resource> ValidEntries(Bundle bundle)
    {
        Assert.Equal(Bundle.BundleType.Searchset, bundle.Type);
        var resources = bundle.Entry.Select(e => e.Resource!).ToList();
        foreach (var resource in resources) UkCoreValidator.AssertValid(resource);
        return resources;
    }

    [Theory, DatabaseData]
    public async Task EveryResourceReadForTheClientsProviderValidatesAgainstUkCoreAndIsAudited(DatabaseKind kind)
    {
        var (database, client, episode) = await WithRecordsAsync(kind);
        await using var _ = database;
        var reader = await ApiSession.AddAsync(database, "records:read", provider: "OLDCO", name: "Hospital EPR");
        await using var site = await ApiSession.StartAsync(database);
        using var program = await ApiSession.ProgramAsync(site, reader);

        var found = ValidEntries(await OkAsync<Bundle>(program, $"/fhir/Patient?identifier={UkCore.NhsNumberSystem}|{NhsNumber}"));
        var patient = Assert.IsType<Patient>(Assert.Single(found));
        Assert.Equal(client.ToString(), patient.Id);
        Assert.Equal("Carter", patient.Name[0].Family);
        UkCoreValidator.AssertValid(await OkAsync<Patient>(program, $"/fhir/Patient/{client}"));

        var episodes = ValidEntries(await OkAsync<Bundle>(program, $"/fhir/EpisodeOfCare?patient=Patient/{client}"));
        Assert.Contains(episodes, e => e.Id == episode.ToString());
        var one = await OkAsync<EpisodeOfCare>(program, $"/fhir/EpisodeOfCare/{episode}");
        UkCoreValidator.AssertValid(one);
        Assert.Equal(EpisodeOfCare.EpisodeOfCareStatus.Finished, one.Status);
        Assert.Equal("OLDCO", one.ManagingOrganization?.Identifier?.Value);

        var answers = ValidEntries(await OkAsync<Bundle>(program, $"/fhir/QuestionnaireResponse?patient={client}"));
        // The screening added above and the example's two outcome reviews.
        Assert.Equal(3, answers.Count);
        Assert.Contains(answers, a => a.Id!.StartsWith("screening-") && ((QuestionnaireResponse)a).Item.Any(i => i.LinkId == "score"));
        foreach (var answer in answers)
            UkCoreValidator.AssertValid(await OkAsync<QuestionnaireResponse>(program, $"/fhir/QuestionnaireResponse/{answer.Id}"));

        var plan = Assert.IsType<CarePlan>(Assert.Single(ValidEntries(await OkAsync<Bundle>(program, $"/fhir/CarePlan?patient={client}"))));
        Assert.Equal("Stay off heroin", Assert.IsType<Goal>(Assert.Single(plan.Contained)).Description.Text);
        UkCoreValidator.AssertValid(await OkAsync<CarePlan>(program, $"/fhir/CarePlan/{episode}"));

        var prescription = Assert.IsType<MedicationRequest>(Assert.Single(ValidEntries(await OkAsync<Bundle>(program, $"/fhir/MedicationRequest?patient={client}"))));
        UkCoreValidator.AssertValid(await OkAsync<MedicationRequest>(program, $"/fhir/MedicationRequest/{prescription.Id}"));

        await using var db = database.Open();
        var events = await db.AuditEvents.Where(e => e.UserId == "api:" + reader.Id).ToListAsync();
        Assert.Contains(events, e => e.Action == AuditActions.View && e.RecordType == AuditedRecordTypes.ClientRecord && e.RecordId == client.ToString()
                                     && e.PersonId != null);
        Assert.Contains(events, e => e.Action == AuditActions.View && e.RecordType == AuditedRecordTypes.Episode && e.RecordId == episode.ToString());
        Assert.Contains(events, e => e.Action == AuditActions.Search && e.RecordType == AuditedRecordTypes.Person);
        Assert.All(events, e => Assert.Equal("OLDCO", e.ActorProvider));
    }

    [Theory, DatabaseData]
    public async Task AnotherProvidersClientSeesNothingAndWrongScopesAndNoTokenAreRefusedAsOperationOutcomes(DatabaseKind kind)
    {
        var (database, client, episode) = await WithRecordsAsync(kind);
        await using var _ = database;
        var other = await ApiSession.AddAsync(database, "records:read", provider: "NEWCO", name: "Other provider");
        var writer = await ApiSession.AddAsync(database, "referrals:write", provider: "OLDCO", name: "Referrer");
        await using var site = await ApiSession.StartAsync(database);
        using var otherProgram = await ApiSession.ProgramAsync(site, other);
        using var writerProgram = await ApiSession.ProgramAsync(site, writer);
        using var anonymous = site.NewClient();

        foreach (var path in new[] { $"/fhir/Patient/{client}", $"/fhir/EpisodeOfCare/{episode}", $"/fhir/CarePlan/{episode}",
                     $"/fhir/EpisodeOfCare?patient={client}", $"/fhir/MedicationRequest?patient={client}", $"/fhir/QuestionnaireResponse?patient={client}" })
        {
            var response = await otherProgram.GetAsync(path);
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{path}: {(int)response.StatusCode}");
            Assert.IsType<OperationOutcome>(await ReadAsync(response));
        }
        // A search the other provider may make finds none of the old provider's clients.
        var search = await OkAsync<Bundle>(otherProgram, $"/fhir/Patient?identifier={UkCore.NhsNumberSystem}|{NhsNumber}");
        Assert.Empty(search.Entry);
        Assert.Empty((await OkAsync<Bundle>(otherProgram, "/fhir/EpisodeOfCare?status=finished")).Entry);

        var wrongScope = await writerProgram.GetAsync($"/fhir/Patient/{client}");
        Assert.Equal(HttpStatusCode.Forbidden, wrongScope.StatusCode);
        Assert.Contains("records:read", Assert.IsType<OperationOutcome>(await ReadAsync(wrongScope)).Issue[0].Diagnostics);
        var noToken = await anonymous.GetAsync($"/fhir/Patient/{client}");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.IsType<OperationOutcome>(await ReadAsync(noToken));
        var unsupported = await (await ApiSession.ProgramAsync(site, await ApiSession.AddAsync(database, "records:read", provider: "OLDCO")))
            .GetAsync($"/fhir/Patient?name=Carter");
        Assert.Equal(HttpStatusCode.BadRequest, unsupported.StatusCode);

        // The CapabilityStatement needs no token and claims the UK Core profiles.
        var metadata = await ReadAsync(await anonymous.GetAsync("/fhir/metadata"));
        var statement = Assert.IsType<CapabilityStatement>(metadata);
        Assert.Contains(statement.Rest[0].Resource, r => r.Type == "Patient" && r.SupportedProfile.Contains(UkCore.PatientProfile));
        Assert.Contains(statement.Rest[0].Interaction, i => i.Code == CapabilityStatement.SystemRestfulInteraction.Transaction);

        await using var db = database.Open();
        Assert.True(await db.AuditEvents.CountAsync(e => e.UserId == "api:" + other.Id && e.Action == AuditActions.Refused && e.PersonId != null) >= 3);
        Assert.False(await db.AuditEvents.AnyAsync(e => e.UserId == "api:" + other.Id && e.Action == AuditActions.View && e.RecordId == client.ToString()));
    }

    /// <summary>A BaRS-shaped referral: a transaction of a ServiceRequest for the performer and its Patient, each claiming UK Core.</summary>
    public static Bundle Referral(string given, string? family, string birthDate, AdministrativeGender gender, string? district = "Stockport",
        string substance = "alcohol", string? nhsNumber = null, string performer = "NEWCO")
    {
        var patientUrl = "urn:uuid:" + Guid.NewGuid();
        var patient = new Patient
        {
            Meta = new Meta { Profile = [UkCore.PatientProfile] },
            Name = [new HumanName { Use = HumanName.NameUse.Official, Family = family, Given = [given] }],
            Gender = gender,
            BirthDate = birthDate,
            Address = [new Address { Line = ["2 Mill Lane"], District = district }],
            Telecom = [new ContactPoint(ContactPoint.ContactPointSystem.Phone, null, "07700900456")],
        };
        if (nhsNumber is not null) patient.Identifier.Add(new Identifier(UkCore.NhsNumberSystem, nhsNumber));
        var service = new ServiceRequest
        {
            Meta = new Meta { Profile = [UkCore.ServiceRequestProfile] },
            Status = RequestStatus.Active,
            Intent = RequestIntent.Order,
            Category = [new CodeableConcept(UkCore.ReferralSourceSystem, "hospital", "Hospital")],
            Code = new CodeableConcept { Text = "Community drug and alcohol treatment" },
            Subject = new ResourceReference(patientUrl),
            AuthoredOn = "2026-01-05",
            Requester = new ResourceReference { Display = "Alcohol care team, Stepping Hill Hospital" },
            Performer = [UkCore.Organisation(performer, null)],
            ReasonCode = [new CodeableConcept(UkCore.SubstanceSystem, substance) { Text = "Alcohol dependence, seen in A&E" }],
            Note = [new Annotation { Text = "Prefers calls after 2pm." }],
        };
        return new Bundle
        {
            Type = Bundle.BundleType.Transaction,
            Entry =
            [
                new Bundle.EntryComponent { FullUrl = "urn:uuid:" + Guid.NewGuid(), Resource = service, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "ServiceRequest" } },
                new Bundle.EntryComponent { FullUrl = patientUrl, Resource = patient, Request = new Bundle.RequestComponent { Method = Bundle.HTTPVerb.POST, Url = "Patient" } },
            ],
        };
    }

    private static StringContent Body(Resource resource) => Body(FhirJson.SerializeToString(resource));

    private static StringContent Body(string json) => new(json, Encoding.UTF8, new MediaTypeHeaderValue(FhirJson.MediaType));

    private static async Task<string> CountsAsync(PathwayDb db) => string.Join(",", await db.People.CountAsync(), await db.ClientRecords.CountAsync(),
        await db.Episodes.CountAsync(), await db.ClientContacts.CountAsync(), await db.CaseNotes.CountAsync(), await db.ChangeRecords.CountAsync());

    [Theory, DatabaseData]
    public async Task AReferralTransactionLandsInTheQueueMatchingAKnownPersonAndAnswersWithValidResources(DatabaseKind kind)
    {
        var (database, _, _) = await WithRecordsAsync(kind);
        await using var __ = database;
        var referrer = await ApiSession.AddAsync(database, "referrals:write", provider: "NEWCO", name: "Hospital EPR");
        await using var site = await ApiSession.StartAsync(database);
        using var program = await ApiSession.ProgramAsync(site, referrer);
        int people;
        await using (var db = database.Open()) people = await db.People.CountAsync();

        // Known to the old provider as E.C., born 1972-11-19, male: the same person, not a second one.
        var known = Referral("Eric", "Cole", "1972-11-19", AdministrativeGender.Male, nhsNumber: "9434765870");
        foreach (var entry in known.Entry) UkCoreValidator.AssertValid(entry.Resource!);
        var response = await program.PostAsync("/fhir", Body(known));
        var answer = Assert.IsType<Bundle>(await ReadAsync(response));
        Assert.True(response.StatusCode == HttpStatusCode.OK, FhirJson.SerializeToString(answer));
        Assert.Equal(Bundle.BundleType.TransactionResponse, answer.Type);
        Assert.Equal(2, answer.Entry.Count);
        Assert.StartsWith("EpisodeOfCare/", answer.Entry[0].Response!.Location);
        Assert.Equal("201 Created", answer.Entry[0].Response!.Status);
        Assert.StartsWith("Patient/", answer.Entry[1].Response!.Location);
        foreach (var entry in answer.Entry) UkCoreValidator.AssertValid(entry.Resource!);
        var episodeId = int.Parse(answer.Entry[0].Resource!.Id!);

        var stranger = await program.PostAsync("/fhir", Body(Referral("Fern", "Ash", "1990-04-01", AdministrativeGender.Female)));
        Assert.Equal(HttpStatusCode.OK, stranger.StatusCode);
        // The same person again while the first referral is open: refused, naming the open episode.
        var again = await program.PostAsync("/fhir", Body(Referral("Eric", "Cole", "1972-11-19", AdministrativeGender.Male)));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, again.StatusCode);
        Assert.Contains($"EpisodeOfCare/{episodeId}", Assert.IsType<OperationOutcome>(await ReadAsync(again)).Issue[0].Diagnostics ?? "");

        await using var check = database.Open();
        // One new person (Fern Ash); Eric Cole was matched to the person the old provider knows.
        Assert.Equal(people + 1, await check.People.CountAsync());
        var episode = await check.Episodes.Include(e => e.ClientRecord).ThenInclude(c => c.Person).SingleAsync(e => e.Id == episodeId);
        Assert.Equal("NEWCO", episode.ProviderCode);
        Assert.Equal(Episodes.ReferralSource.Hospital, episode.ReferralSource);
        Assert.Equal(Episodes.Substance.Alcohol, episode.Substance1);
        Assert.Equal(new DateOnly(2026, 1, 5), episode.ReferralDate);
        Assert.Equal("E08000007", episode.ClientRecord.LocalAuthorityCode);
        Assert.True(await check.Episodes.CountAsync(e => e.PersonId == episode.PersonId) >= 2);
        Assert.Contains("Alcohol care team, Stepping Hill Hospital", (await check.CaseNotes.SingleAsync(n => n.EpisodeId == episodeId)).Text);
        // In the recovery workers' referral queue, as a referral taken on the page is.
        var worker = new Pathway.Casework.Caseworker("w", "Worker", "NEWCO", null, false);
        var waiting = await Worklists.Worklist.WaitingAsync(check, worker, new DateOnly(2026, 1, 6), CancellationToken.None);
        Assert.Contains(waiting, r => r.EpisodeId == episodeId);
        Assert.True(await check.AuditEvents.AnyAsync(e => e.UserId == "api:" + referrer.Id && e.Action == AuditActions.Change
            && e.RecordType == AuditedRecordTypes.Episode && e.RecordId == episodeId.ToString() && e.PersonId == episode.PersonId));

        // The queue, read as FHIR by a client of the same provider.
        using var reader = await ApiSession.ProgramAsync(site, await ApiSession.AddAsync(database, "records:read", provider: "NEWCO"));
        var queue = ValidEntries(await OkAsync<Bundle>(reader, "/fhir/EpisodeOfCare?status=waitlist"));
        Assert.Contains(queue, e => e.Id == episodeId.ToString());
    }

    [Theory, DatabaseData]
    public async Task ABadBundleGetsEveryProblemAsAnOperationOutcomeAndSavesNothing(DatabaseKind kind)
    {
        var (database, _, _) = await WithRecordsAsync(kind);
        await using var __ = database;
        var referrer = await ApiSession.AddAsync(database, "referrals:write", provider: "NEWCO");
        var council = await ApiSession.AddAsync(database, "referrals:write", localAuthority: "E08000007");
        await using var site = await ApiSession.StartAsync(database);
        using var program = await ApiSession.ProgramAsync(site, referrer);
        string before;
        await using (var db = database.Open()) before = await CountsAsync(db);

        var bad = Referral("Gil", null, "2090-01-01", AdministrativeGender.Male, district: null, substance: "tea", nhsNumber: "1234567890", performer: "OLDCO");
        ((ServiceRequest)bad.Entry[0].Resource!).Subject = new ResourceReference("urn:uuid:" + Guid.NewGuid());
        var refused = await program.PostAsync("/fhir", Body(bad));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var issues = Assert.IsType<OperationOutcome>(await ReadAsync(refused)).Issue.Select(i => i.Diagnostics ?? "").ToList();
        foreach (var expected in new[] { "subject", "performer", "tea is not a substance", "family name", "Patient.address" })
            Assert.Contains(issues, i => i.Contains(expected, StringComparison.Ordinal));

        var badDate = Referral("Gil", "Hay", "2090-01-01", AdministrativeGender.Male, nhsNumber: "1234567890");
        var dates = Assert.IsType<OperationOutcome>(await ReadAsync(await program.PostAsync("/fhir", Body(badDate))));
        Assert.Contains(dates.Issue, i => i.Expression.Contains("Patient.birthDate"));
        Assert.Contains(dates.Issue, i => i.Expression.Contains("Patient.identifier"));

        foreach (var (body, why) in new[]
                 {
                     ("{ not json", "malformed JSON"),
                     ("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"colour\":\"blue\"}", "an unknown field"),
                     (FhirJson.SerializeToString(new Patient()), "not a Bundle"),
                     (FhirJson.SerializeToString(new Bundle { Type = Bundle.BundleType.Collection }), "not a transaction"),
                 })
        {
            var response = await program.PostAsync("/fhir", Body(body));
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{why}: {(int)response.StatusCode}");
            Assert.NotEmpty(Assert.IsType<OperationOutcome>(await ReadAsync(response)).Issue);
        }
        var oversized = await program.PostAsync("/fhir", Body(new string(' ', (int)FhirEndpoints.MaxBodyBytes + 1)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversized.StatusCode);
        Assert.IsType<OperationOutcome>(await ReadAsync(oversized));
        using var councilProgram = await ApiSession.ProgramAsync(site, council);
        Assert.Equal(HttpStatusCode.Forbidden, (await councilProgram.PostAsync("/fhir", Body(Referral("Ann", "Lee", "1990-01-01", AdministrativeGender.Female)))).StatusCode);

        await using var check = database.Open();
        Assert.Equal(before, await CountsAsync(check));
        var failed = await check.AuditEvents.Where(e => e.UserId == "api:" + referrer.Id).Select(e => e.RecordType + ":" + e.Outcome).ToListAsync();
        Assert.True(await check.AuditEvents.CountAsync(e => e.UserId == "api:" + referrer.Id && e.RecordType == FhirReferrals.AuditRecordType
            && e.Outcome == AuditOutcomes.Failed) >= 6, string.Join(", ", failed));
    }
}
