using Microsoft.EntityFrameworkCore;
using Pathway.Casework.Notes;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Fhir;
using Pathway.Tests.Fhir;
using Pathway.Tests.Infrastructure;
using Pathway.Transfer;
using Pathway.Transitions;

namespace Pathway.Tests.Transfer;

/// <summary>
/// Transfer of care with the whole record: a source exported as FHIR NDJSON, imported into an empty deployment and exported
/// again gives the same bytes; every record a worker entered arrives; a damaged export is refused whole.
/// </summary>
public class TransferTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private const string Incoming = "NEWCO";
    private const string Outgoing = "OLDCO";

    /// <summary>A small demo area, with case notes (the demo writes none) and anything else a worker enters that it happened to leave out.</summary>
    private static async Task<TestDatabase> DemoAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 20, Years: 1, Seed: 15), Today);
        await using var db = database.Open();
        var episodes = await db.Episodes.Where(e => e.Source == Incoming).OrderBy(e => e.Id).Take(4).ToListAsync();
        Assert.NotEmpty(episodes);
        var contact = await db.Contacts.Where(c => c.EpisodeId == episodes[0].Id).OrderBy(c => c.Id).FirstOrDefaultAsync();
        foreach (var (episode, i) in episodes.Select((e, i) => (e, i)))
            db.CaseNotes.Add(new CaseNote
            {
                EpisodeId = episode.Id, Date = episode.ReferralDate.AddDays(i), Kind = (CaseNoteKind)(i % 4), ContactId = i == 0 ? contact?.Id : null,
                Text = $"Talked about week {i + 1}.\nAgreed to meet again; \"safe\" plan <kept> & shared.", AuthorId = $"worker-{i}", AuthorName = "Alex Morgan",
                WrittenAt = new DateTimeOffset(2026, 11, 1 + i, 9, 30, 15, TimeSpan.Zero).AddTicks(1230),
            });
        var first = episodes[0];
        // A booking rescheduled (the old one cancelled, pointing forward in date order), and one whose contact was recorded.
        var later = db.Appointments.Add(new Appointments.Appointment
        {
            EpisodeId = first.Id, Date = Today.AddDays(9), Time = new TimeOnly(14, 30), Channel = ContactChannel.Video, Kind = ContactKind.Review,
            WorkerId = "worker-1", CancelledAt = new DateTimeOffset(2026, 11, 20, 16, 5, 0, TimeSpan.Zero), CancelReason = "Client asked to move it",
        }).Entity;
        await db.SaveChangesAsync();
        db.Appointments.Add(new Appointments.Appointment
        {
            EpisodeId = first.Id, Date = Today.AddDays(2), Channel = ContactChannel.Phone, Kind = ContactKind.Review, RescheduledFromId = later.Id,
        });
        if (contact is not null)
            db.Appointments.Add(new Appointments.Appointment { EpisodeId = first.Id, Date = contact.Date, Time = new TimeOnly(9, 0), Channel = contact.Channel, Kind = contact.Kind, ContactId = contact.Id });
        if (!await db.Carers.AnyAsync(c => c.ClientRecord.Source == Incoming))
            db.Carers.Add(new Carers.Carer { ClientRecordId = first.ClientRecordId, Name = "Example Carer", Relationship = "Sister", Phone = "07700 900111" });
        if (!await db.RecoveryGoals.AnyAsync(g => g.Episode.Source == Incoming))
            db.RecoveryGoals.Add(new CarePlans.RecoveryGoal { EpisodeId = first.Id, Description = "Back to work", SetOn = first.ReferralDate });
        if (!await db.RiskFlags.AnyAsync(f => f.ClientRecord.Source == Incoming))
            db.RiskFlags.Add(new Safeguarding.RiskFlags { ClientRecordId = first.ClientRecordId, DomesticAbuse = true, OverdoseRisk = Safeguarding.OverdoseRisk.High, OverdoseRiskReason = "Recent release" });
        if (!await db.Prescriptions.AnyAsync(p => p.Source == Incoming))
            db.Prescriptions.Add(new global::Pathway.Prescribing.Prescription
            {
                Source = Incoming, PrescriptionRef = "NEWCO-PX1", EpisodeId = first.Id, Medicine = global::Pathway.Prescribing.Medicine.MethadoneOralSolution,
                DoseMg = 30, DoseIntervalDays = 1, StartDate = first.ReferralDate, SupervisedDaysPerWeek = 6, Reason = "Titration",
            });
        await db.SaveChangesAsync();
        return database;
    }

    private static string Folder() => Path.Combine(Path.GetTempPath(), $"pathway-transfer-{Guid.NewGuid():N}");

    private static async Task<string> ExportAsync(TestDatabase database, string source)
    {
        var folder = Folder();
        var result = await Cli.RunAsync("transfer", "export", "--db", database.DbArgument, "--source", source, "--out", folder);
        Assert.True(result.ExitCode == 0, result.Error);
        return folder;
    }

    private static async Task<CliResult> ImportAsync(TestDatabase database, string folder, string source) =>
        await Cli.RunAsync("transfer", "import", "--db", database.DbArgument, "--into-source", source, folder);

    [Theory, DatabaseData]
    public async Task ARoundTripThroughAnEmptyDatabaseGivesByteIdenticalFilesThatValidate(DatabaseKind kind)
    {
        await using var source = await DemoAsync(kind);
        await using var target = await TestDatabase.CreateAsync(kind);

        var first = await ExportAsync(source, Incoming);
        var imported = await ImportAsync(target, first, Incoming);
        Assert.True(imported.ExitCode == 0, imported.Error);
        var second = await ExportAsync(target, Incoming);

        var files = Directory.GetFiles(first).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(TransferExport.Types.Select(TransferExport.FileOf).Append(TransferExport.ManifestFile).Order(StringComparer.Ordinal), files);
        Assert.Equal(files, Directory.GetFiles(second).Select(f => Path.GetFileName(f)!).Order(StringComparer.Ordinal));
        foreach (var file in files)
            Assert.True(File.ReadAllBytes(Path.Combine(first, file)).SequenceEqual(File.ReadAllBytes(Path.Combine(second, file))), $"{file} differs after the round trip");

        // Every file holds something, so the byte comparison compared records, and every kind of resource validates against UK Core.
        foreach (var type in TransferExport.Types)
        {
            var lines = File.ReadAllLines(Path.Combine(first, TransferExport.FileOf(type)));
            Assert.True(lines.Length > 0, $"{type}.ndjson is empty");
            // One of each shape (contact and note encounters, screenings and reviews, risk assessments and harm reduction).
            foreach (var line in lines.GroupBy(l => ShapeOf(l)).Select(g => g.First()))
            {
                var (resource, problems) = FhirJson.Parse(line);
                Assert.Empty(problems);
                UkCoreValidator.AssertValid(resource!);
            }
        }
    }

    private static string ShapeOf(string line)
    {
        var id = System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("id").GetString()!;
        return id[..id.LastIndexOf('-')];
    }

    [Theory, DatabaseData]
    public async Task EveryRecordAWorkerEnteredArrivesInTheOtherDeployment(DatabaseKind kind)
    {
        await using var source = await DemoAsync(kind);
        await using var target = await TestDatabase.CreateAsync(kind);
        var imported = await ImportAsync(target, await ExportAsync(source, Incoming), Incoming);
        Assert.True(imported.ExitCode == 0, imported.Error);
        Assert.Contains("Patient\t", imported.Out);

        await using var from = source.Open();
        await using var to = target.Open();
        foreach (var db in new[] { from, to })
            Assert.True(await db.CaseNotes.CountAsync(n => n.Episode.Source == Incoming) > 0 && await db.Carers.CountAsync(c => c.ClientRecord.Source == Incoming) > 0);

        // Counts per record type, and the values a worker typed, compared whole.
        Assert.Equal(await Records(from), await Records(to));

        // The import is one audited transfer, with counts and no client's details.
        var audit = Assert.Single(await to.AuditEvents.Where(a => a.Action == TransferVerbs.TransferAction).ToListAsync());
        Assert.Equal(Incoming, audit.RecordId);
        Assert.Contains("Patient ", audit.Path);
        var names = await to.ClientRecords.Where(c => c.FamilyName != null).Select(c => c.FamilyName!).ToListAsync();
        Assert.NotEmpty(names);
        Assert.DoesNotContain(names, n => audit.Path!.Contains(n, StringComparison.Ordinal));

        // Imported a second time into the same source: refused, nothing added.
        var again = await ImportAsync(target, await ExportAsync(source, Incoming), Incoming);
        Assert.Equal(1, again.ExitCode);
        Assert.Contains($"the source {Incoming} already holds ", again.Error);
        Assert.Single(again.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), l => l.Contains("already holds"));
        await using var after = target.Open();
        Assert.Equal(await Records(from), await Records(after));
    }

    /// <summary>What a source holds, as comparable text: counts, and the entered values of each record type, in a stable order.</summary>
    private static async Task<List<string>> Records(PathwayDb db)
    {
        var list = new List<string>();
        void Add<T>(string what, IEnumerable<T> rows) => list.AddRange(rows.Select(r => $"{what}: {r}").Order(StringComparer.Ordinal).Prepend($"{what} count {rows.Count()}"));
        Add("client", await db.ClientRecords.Where(c => c.Source == Incoming)
            .Select(c => new { c.ClientRef, c.Person.Initials, c.Person.DateOfBirth, c.Person.Sex, c.NhsNumber, c.GivenName, c.FamilyName, c.PostcodeDistrict, c.LocalAuthorityCode, c.ConsentNationalReporting }).ToListAsync());
        Add("contact details", await db.ClientContacts.Where(c => c.ClientRecord.Source == Incoming)
            .Select(c => new { c.ClientRecord.ClientRef, c.AddressLine1, c.Town, c.Postcode, c.Phone, c.Email, c.ContactBy, c.VoicemailOk, c.TextOk, c.SafeTimes, c.GpPractice, c.NextOfKinName, c.NextOfKinRelationship, c.NextOfKinPhone, c.Ethnicity, c.Religion, c.Disability, c.ChildrenLivingWith }).ToListAsync());
        Add("risk flags", await db.RiskFlags.Where(f => f.ClientRecord.Source == Incoming)
            .Select(f => new { f.ClientRecord.ClientRef, f.ChildrenInHousehold, f.ChildrenCount, f.DomesticAbuse, f.MaracReferralDate, f.OverdoseRisk, f.OverdoseRiskReason }).ToListAsync());
        Add("carer", await db.Carers.Where(c => c.ClientRecord.Source == Incoming)
            .Select(c => new { c.ClientRecord.ClientRef, c.Name, c.Relationship, c.Phone, Support = c.Support.Count }).ToListAsync());
        Add("episode", await db.Episodes.Where(e => e.Source == Incoming)
            .Select(e => new { e.EpisodeRef, e.ClientRecord.ClientRef, e.ProviderCode, e.Pathway, e.ReferralDate, e.ReferralSource, e.TriageDate, e.Substance1, e.Substance2, e.InjectingStatus, e.DischargeDate, e.DischargeReason }).ToListAsync());
        Add("contact", await db.Contacts.Where(c => c.Episode.Source == Incoming).Select(c => new { c.Episode.EpisodeRef, c.Date, c.Channel, c.Attended, c.Kind }).ToListAsync());
        Add("note", (await db.CaseNotes.Where(n => n.Episode.Source == Incoming)
            .Select(n => new { n.Episode.EpisodeRef, n.Date, n.Kind, n.Text, n.AuthorId, n.AuthorName, n.WrittenAt, About = n.Contact == null ? (DateOnly?)null : n.Contact.Date }).ToListAsync())
            .Select(n => n with { WrittenAt = n.WrittenAt.ToUniversalTime() }));
        Add("appointment", (await db.Appointments.Where(a => a.Episode.Source == Incoming)
            .Select(a => new { a.Episode.EpisodeRef, a.Date, a.Time, a.Channel, a.Kind, a.WorkerId, a.CancelledAt, a.CancelReason, Recorded = a.Contact == null ? (DateOnly?)null : a.Contact.Date,
                From = db.Appointments.Where(f => f.Id == a.RescheduledFromId).Select(f => (DateOnly?)f.Date).FirstOrDefault() }).ToListAsync())
            .Select(a => a with { CancelledAt = a.CancelledAt?.ToUniversalTime() }));
        Add("goal", await db.RecoveryGoals.Where(g => g.Episode.Source == Incoming).Select(g => new { g.Episode.EpisodeRef, g.Description, g.Status, g.SetOn }).ToListAsync());
        Add("intervention", await db.Interventions.Where(i => i.Episode.Source == Incoming).Select(i => new { i.Episode.EpisodeRef, i.Type, i.Setting, i.StartDate, i.EndDate }).ToListAsync());
        Add("screening", await db.Screenings.Where(s => s.Episode.Source == Incoming).Select(s => new { s.Episode.EpisodeRef, s.Tool, s.Date, s.Answers, s.Score }).ToListAsync());
        Add("review", await db.OutcomeReviews.Where(r => r.Episode.Source == Incoming).Select(r => new { r.Episode.EpisodeRef, r.Date, r.Stage, r.AlcoholDays, r.OpiateDays, r.AlcoholUnitsPerDrinkingDay, r.QualityOfLife, r.HousingAtRisk, r.PaidWorkDays }).ToListAsync());
        Add("risk assessment", await db.RiskAssessments.Where(r => r.Episode.Source == Incoming).Select(r => new { r.Episode.EpisodeRef, r.Date, r.Housing, r.Employment, r.OverdoseRisk, r.SelfHarmRisk, r.DomesticAbuse, r.Notes }).ToListAsync());
        Add("harm reduction", await db.HarmReductionEvents.Where(h => h.Episode.Source == Incoming).Select(h => new { h.Episode.EpisodeRef, h.Date, h.Kind, h.Result, h.Quantity, h.Substance, h.Recipient }).ToListAsync());
        Add("prescription", (await db.Prescriptions.Where(p => p.Source == Incoming)
            .Select(p => new { p.PrescriptionRef, p.Episode.EpisodeRef, p.Medicine, p.DoseMg, p.DoseIntervalDays, p.StartDate, p.EndDate, p.SupervisedDaysPerWeek, p.InstalmentDaysPerWeek, p.PharmacyOdsCode, p.Reason, p.PrescriberName }).ToListAsync())
            .Select(p => p with { DoseMg = decimal.Round(p.DoseMg, 1) }));
        return list;
    }

    [Theory, DatabaseData]
    public async Task TheTransitionCheckWorksOnImportedRecordsAsOnTheOriginals(DatabaseKind kind)
    {
        await using var source = await DemoAsync(kind);
        await using var target = await TestDatabase.CreateAsync(kind);
        foreach (var name in new[] { Outgoing, Incoming })
        {
            var imported = await ImportAsync(target, await ExportAsync(source, name), name);
            Assert.True(imported.ExitCode == 0, imported.Error);
        }
        await using var from = source.Open();
        var date = (await from.Handovers.SingleAsync()).Date;

        var before = await TransitionCheck.RunAsync(from, Outgoing, Incoming, date, default);
        await using var to = target.Open();
        var after = await TransitionCheck.RunAsync(to, Outgoing, Incoming, date, default);

        Assert.NotEmpty(before.Lines);
        Assert.True(before.Count(TransitionOutcome.Continued) > 0, before.Totals);
        Assert.Equal(before.Lines.Select(l => (l.Outcome, l.ClientRef, l.EpisodeRefs, l.Detail)), after.Lines.Select(l => (l.Outcome, l.ClientRef, l.EpisodeRefs, l.Detail)));
        Assert.Equal(before.Totals, after.Totals);
    }

    [Theory, DatabaseData]
    public async Task ADamagedExportIsRefusedWholeWithFileAndLine(DatabaseKind kind)
    {
        await using var source = await DemoAsync(kind);
        await using var target = await TestDatabase.CreateAsync(kind);
        var good = await ExportAsync(source, Incoming);

        async Task<CliResult> Damaged(Action<string> damage)
        {
            var copy = Folder();
            Directory.CreateDirectory(copy);
            foreach (var file in Directory.GetFiles(good)) File.Copy(file, Path.Combine(copy, Path.GetFileName(file)));
            damage(copy);
            var result = await ImportAsync(target, copy, Incoming);
            Assert.Equal(1, result.ExitCode);
            Assert.Contains("nothing was stored", result.Error);
            Assert.DoesNotContain("   at ", result.Error);
            await using var db = target.Open();
            Assert.Equal(0, await db.ClientRecords.CountAsync());
            Assert.Equal(0, await db.Episodes.CountAsync());
            Assert.Equal(0, await db.People.CountAsync());
            return result;
        }

        static void Replace(string folder, string file, int line, Func<string, string> change)
        {
            var path = Path.Combine(folder, file);
            var lines = File.ReadAllLines(path);
            lines[line - 1] = change(lines[line - 1]);
            File.WriteAllLines(path, lines);
        }

        var badJson = await Damaged(folder => Replace(folder, "Encounter.ndjson", 2, l => l[..^5]));
        Assert.Contains("Encounter.ndjson:2: ", badJson.Error);

        var unknown = await Damaged(folder => Replace(folder, "EpisodeOfCare.ndjson", 3, l => System.Text.RegularExpressions.Regex.Replace(l, "Patient/client-[0-9]+", "Patient/client-999")));
        Assert.Contains("EpisodeOfCare.ndjson:3: the patient Patient/client-999 refers to nothing in Patient.ndjson", unknown.Error);

        var badCode = await Damaged(folder => Replace(folder, "Observation.ndjson", 1, l => l.Replace("\"code\":\"", "\"code\":\"x-")));
        Assert.Contains("Observation.ndjson:1: ", badCode.Error);

        var noManifest = await Damaged(folder => File.Delete(Path.Combine(folder, TransferExport.ManifestFile)));
        Assert.StartsWith("manifest.json: missing", noManifest.Error);

        var noFile = await Damaged(folder => File.Delete(Path.Combine(folder, "Flag.ndjson")));
        Assert.Contains("manifest.json: lists Flag.ndjson, which is not in the folder", noFile.Error);

        // The refusals are audited; the good export then imports.
        await using (var db = target.Open())
            Assert.Equal(5, await db.AuditEvents.CountAsync(a => a.Action == TransferVerbs.TransferAction && a.Outcome == "refused"));
        var result = await ImportAsync(target, good, Incoming);
        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Theory]
    [InlineData("transfer")]
    [InlineData("transfer", "import", "somewhere")]
    [InlineData("transfer", "export", "--source", "NEWCO")]
    [InlineData("transfer", "import", "somewhere", "--into-source", "=bad")]
    public async Task UsageErrorsExitWithTwo(params string[] args)
    {
        var result = await Cli.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.NotEqual("", result.Error.Trim());
        Assert.DoesNotContain("   at ", result.Error);
    }

    [Theory, DatabaseData]
    public async Task AnExportOfNothingOrIntoAFullFolderIsRefusedInOneSentence(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var folder = Folder();

        var nothing = await Cli.RunAsync("transfer", "export", "--db", database.DbArgument, "--source", "NOSUCH", "--out", folder);
        Assert.Equal(1, nothing.ExitCode);
        Assert.Equal("The database holds no records from source NOSUCH.", nothing.Error.Trim());
        Assert.False(Directory.Exists(folder));

        await using (var db = database.Open())
        {
            var person = new People.Person { Initials = "AB", DateOfBirth = new DateOnly(1990, 1, 1), Sex = People.Sex.Female };
            db.ClientRecords.Add(new People.ClientRecord { Source = "ONE", ClientRef = "C1", Person = person, LocalAuthorityCode = "E08000007" });
            await db.SaveChangesAsync();
        }
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "keep.txt"), "someone else's file");
        var full = await Cli.RunAsync("transfer", "export", "--db", database.DbArgument, "--source", "ONE", "--out", folder);
        Assert.Equal(1, full.ExitCode);
        Assert.Contains("is not empty", full.Error);
        Assert.Equal(["keep.txt"], Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!));
    }
}
