using System.Globalization;
using System.Text.RegularExpressions;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Exchange;

public sealed record ExportCounts(string Source, int Clients, int Episodes, int Interventions, int Contacts, int Reviews,
    int Prescriptions, int HarmReductionEvents)
{
    public override string ToString() =>
        $"{Source}: {Clients} clients, {Episodes} episodes, {Interventions} interventions, {Contacts} contacts, {Reviews} reviews, " +
        $"{Prescriptions} prescriptions, {HarmReductionEvents} harm-reduction events";
}

/// <summary>
/// Writes one bundle per source, byte for byte the same for the same data: every column in the order of
/// exchange-format.md, rows in ordinal order of their ref (child rows by episode_ref, then by all their
/// fields), ISO dates, Y/N flags, LF line endings. Rows stream from the database; nothing is held but one
/// episode's child rows.
/// </summary>
public static partial class BundleExport
{
    private static readonly CsvWriterOptions Csv = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        // Refs are written as they came: changing "-1" to "'-1" would break the round trip.
        Injection = CsvInjection.None,
    };

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$")]
    private static partial Regex SourceName();

    /// <summary>A source name is also a folder name in an export, so it is kept to letters, digits and . _ -.</summary>
    public static bool IsValidSourceName(string source) => SourceName().IsMatch(source);

    public static async Task<List<string>> SourcesAsync(PathwayDb db, CancellationToken cancel) =>
        (await db.ClientRecords.Select(c => c.Source).Distinct().ToListAsync(cancel)).Order(StringComparer.Ordinal).ToList();

    /// <param name="national">
    /// The national submission: a client who has not consented to share identifiable data with the national monitoring
    /// system is sent without initials, date of birth, postcode district or NHS number. Such a bundle is for submission,
    /// not for loading back (those columns are required for a load).
    /// </param>
    /// <param name="within">
    /// The episodes the reader may have (their scope, or a handover's cohort): only those, their child rows and the client
    /// records they belong to are written. Null for every record of the source (the command line, the server's operator).
    /// </param>
    public static async Task<ExportCounts> WriteAsync(PathwayDb db, DatabaseKind kind, string source, string folder, CancellationToken cancel,
        bool national = false, IQueryable<Episodes.Episode>? within = null)
    {
        Directory.CreateDirectory(folder);
        // Ordinal order whatever the database's default collation.
        var binary = kind == DatabaseKind.Postgres ? "C" : "BINARY";
        db.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.NoTracking;

        IQueryable<Episodes.Episode> sourceEpisodes = db.Episodes.Where(e => e.Source == source);
        IQueryable<People.ClientRecord> sourceClients = db.ClientRecords.Where(c => c.Source == source);
        IQueryable<Episodes.Intervention> sourceInterventions = db.Interventions.Where(i => i.Episode.Source == source);
        IQueryable<Episodes.Contact> sourceContacts = db.Contacts.Where(c => c.Episode.Source == source);
        IQueryable<OutcomeReviews.OutcomeReview> sourceReviews = db.OutcomeReviews.Where(r => r.Episode.Source == source);
        IQueryable<Prescribing.Prescription> sourcePrescriptions = db.Prescriptions.Where(p => p.Episode.Source == source);
        IQueryable<HarmReduction.HarmReductionEvent> sourceHarmReduction = db.HarmReductionEvents.Where(h => h.Episode.Source == source);
        if (within is not null)
        {
            sourceEpisodes = within.Where(e => e.Source == source);
            var scoped = sourceEpisodes;
            sourceClients = sourceClients.Where(c => scoped.Any(e => e.ClientRecordId == c.Id));
            sourceInterventions = sourceInterventions.Where(i => scoped.Any(e => e.Id == i.EpisodeId));
            sourceContacts = sourceContacts.Where(c => scoped.Any(e => e.Id == c.EpisodeId));
            sourceReviews = sourceReviews.Where(r => scoped.Any(e => e.Id == r.EpisodeId));
            sourcePrescriptions = sourcePrescriptions.Where(p => scoped.Any(e => e.Id == p.EpisodeId));
            sourceHarmReduction = sourceHarmReduction.Where(h => scoped.Any(e => e.Id == h.EpisodeId));
        }

        var clients = await WriteFileAsync(folder, BundleFormat.Clients, sourceClients
            .OrderBy(c => EF.Functions.Collate(c.ClientRef, binary))
            .Select(c => new string?[]
            {
                c.ClientRef, c.Person.Initials, Date(c.Person.DateOfBirth), Codes<People.Sex>.Code(c.Person.Sex), c.LocalAuthorityCode,
                c.PostcodeDistrict, c.NhsNumber, Flag(c.ConsentNationalReporting),
            }), cancel, redact: national ? WithholdWithoutConsent : null);

        var episodes = await WriteFileAsync(folder, BundleFormat.Episodes, sourceEpisodes
            .OrderBy(e => EF.Functions.Collate(e.EpisodeRef, binary))
            .Select(e => new string?[]
            {
                e.EpisodeRef, e.ClientRecord.ClientRef, e.ProviderCode, Codes<Episodes.CarePathway>.Code(e.Pathway), Date(e.ReferralDate),
                Codes<Episodes.ReferralSource>.Code(e.ReferralSource), Date(e.TriageDate), Codes<Episodes.Substance>.Code(e.Substance1),
                e.Substance2 == null ? null : Codes<Episodes.Substance>.Code(e.Substance2.Value),
                e.Substance3 == null ? null : Codes<Episodes.Substance>.Code(e.Substance3.Value),
                Codes<Episodes.InjectingStatus>.Code(e.InjectingStatus), Date(e.DischargeDate),
                e.DischargeReason == null ? null : Codes<Episodes.DischargeReason>.Code(e.DischargeReason.Value),
            }), cancel);

        var interventions = await WriteFileAsync(folder, BundleFormat.Interventions, sourceInterventions
            .OrderBy(i => EF.Functions.Collate(i.Episode.EpisodeRef, binary))
            .Select(i => new string?[]
            {
                i.Episode.EpisodeRef, Codes<Episodes.InterventionType>.Code(i.Type), Codes<Episodes.InterventionSetting>.Code(i.Setting),
                Date(i.StartDate), Date(i.EndDate),
            }), cancel, childRows: true);

        var contacts = await WriteFileAsync(folder, BundleFormat.Contacts, sourceContacts
            .OrderBy(c => EF.Functions.Collate(c.Episode.EpisodeRef, binary))
            .Select(c => new string?[]
            {
                c.Episode.EpisodeRef, Date(c.Date), Codes<Episodes.ContactChannel>.Code(c.Channel), Flag(c.Attended),
                Codes<Episodes.ContactKind>.Code(c.Kind),
            }), cancel, childRows: true);

        var reviews = await WriteFileAsync(folder, BundleFormat.Reviews, sourceReviews
            .OrderBy(r => EF.Functions.Collate(r.Episode.EpisodeRef, binary))
            .Select(r => new string?[]
            {
                r.Episode.EpisodeRef, Date(r.Date), Codes<OutcomeReviews.ReviewStage>.Code(r.Stage),
                Number(r.AlcoholDays), Number(r.OpiateDays), Number(r.CrackDays), Number(r.CocaineDays), Number(r.AmphetamineDays),
                Number(r.CannabisDays), Number(r.OtherDrugDays), Number(r.AlcoholUnitsPerDrinkingDay), Number(r.InjectedDays),
                Number(r.ShopliftingDays), Number(r.DrugSellingDays), Flag(r.OtherOffending), Number(r.PsychologicalHealth),
                Number(r.PhysicalHealth), Number(r.QualityOfLife), Flag(r.AcuteHousingProblem), Flag(r.HousingAtRisk),
                Number(r.PaidWorkDays), Number(r.EducationDays),
            }), cancel, childRows: true);

        // Version 2: always written, header only when empty.
        var prescriptions = await WriteFileAsync(folder, BundleFormat.Prescriptions, sourcePrescriptions
            .OrderBy(p => EF.Functions.Collate(p.PrescriptionRef, binary))
            .Select(p => new string?[]
            {
                p.PrescriptionRef, p.Episode.EpisodeRef, Codes<Prescribing.Medicine>.Code(p.Medicine), Dose(p.DoseMg),
                Number(p.DoseIntervalDays), Date(p.StartDate), Date(p.EndDate), Number(p.SupervisedDaysPerWeek), p.PharmacyOdsCode,
            }), cancel);

        var harmReduction = await WriteFileAsync(folder, BundleFormat.HarmReduction, sourceHarmReduction
            .OrderBy(h => EF.Functions.Collate(h.Episode.EpisodeRef, binary))
            .Select(h => new string?[]
            {
                h.Episode.EpisodeRef, Date(h.Date), Codes<HarmReduction.HarmReductionKind>.Code(h.Kind),
                Codes<HarmReduction.HarmReductionResult>.Code(h.Result), Number(h.Quantity),
                h.Substance == null ? null : Codes<Episodes.Substance>.Code(h.Substance.Value),
            }), cancel, childRows: true);

        return new ExportCounts(source, clients, episodes, interventions, contacts, reviews, prescriptions, harmReduction);
    }

    private static readonly int Consent = BundleFormat.Clients.IndexOf("consent_national_reporting");
    private static readonly int[] Identifiable =
        [.. new[] { "initials", "date_of_birth", "postcode_district", "nhs_number" }.Select(BundleFormat.Clients.IndexOf)];

    private static void WithholdWithoutConsent(string?[] client)
    {
        if (client[Consent] == "Y") return;
        foreach (var column in Identifiable) client[column] = null;
    }

    private static string? Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Flag(bool flag) => flag ? "Y" : "N";
    private static string? Number(int? n) => n?.ToString(CultureInfo.InvariantCulture);
    /// <summary>One way of writing a dose whatever the database returns (SQLite 30.0, PostgreSQL 30.0 or 30): 30, 32.5.</summary>
    private static string Dose(decimal mg) => mg.ToString("0.#", CultureInfo.InvariantCulture);

    private static async Task<int> WriteFileAsync(string folder, BundleFile file, IQueryable<string?[]> rows, CancellationToken cancel,
        bool childRows = false, Action<string?[]>? redact = null)
    {
        await using var writer = CsvWriter.ToFile(Path.Combine(folder, file.Name), Csv);
        writer.WriteHeader(file.Columns.Select(c => c.Name).ToArray());
        var count = 0;
        // Child rows have no ref of their own: one episode's rows are sorted by all their fields, as text.
        var episode = new List<string?[]>();
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancel))
        {
            count++;
            redact?.Invoke(row);
            if (!childRows)
            {
                writer.WriteRecord(row);
                continue;
            }
            if (episode.Count > 0 && episode[0][0] != row[0]) WriteEpisode(writer, episode);
            episode.Add(row);
        }
        WriteEpisode(writer, episode);
        return count;
    }

    private static void WriteEpisode(CsvWriter writer, List<string?[]> rows)
    {
        rows.Sort(CompareFields);
        foreach (var row in rows) writer.WriteRecord(row);
        rows.Clear();
    }

    private static int CompareFields(string?[] a, string?[] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            var c = string.CompareOrdinal(a[i] ?? "", b[i] ?? "");
            if (c != 0) return c;
        }
        return 0;
    }
}
