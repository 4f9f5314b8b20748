using System.Text.Json;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.OutcomeReviews;
using Pathway.People;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Indicators;

/// <summary>Small hand-built areas for indicator tests: people, their client records per source, and episodes.</summary>
internal sealed class IndicatorFixture(PathwayDb db)
{
    public const string Stockport = "E08000007";
    public const string Bury = "E08000002";
    private int people;
    private int clients;

    public static DateOnly D(string date) => DateOnly.Parse(date);

    public Person Person() =>
        new() { Initials = "AB", DateOfBirth = new DateOnly(1980, 1, 1).AddDays(people++), Sex = Sex.Male };

    /// <summary>A client record of <paramref name="person"/> (a new person when null) in one source system.</summary>
    public ClientRecord Client(Person? person = null, string la = Stockport, string source = "NEWCO-CMS")
    {
        var client = new ClientRecord { Source = source, ClientRef = $"C{++clients}", Person = person ?? Person(), LocalAuthorityCode = la };
        db.ClientRecords.Add(client);
        return client;
    }

    public Episode Episode(ClientRecord client, string episodeRef, string referral, string? triage = null, string? discharge = null,
        DischargeReason? reason = null, Substance s1 = Substance.Heroin, Substance? s2 = null, Substance? s3 = null,
        string provider = "NEWCO", CarePathway pathway = CarePathway.Adult, ReferralSource source = ReferralSource.Self)
    {
        var episode = new Episode
        {
            Source = client.Source, EpisodeRef = episodeRef, ClientRecord = client, Person = client.Person, ProviderCode = provider,
            Pathway = pathway, ReferralDate = D(referral), ReferralSource = source, TriageDate = triage is null ? null : D(triage),
            Substance1 = s1, Substance2 = s2, Substance3 = s3, InjectingStatus = InjectingStatus.Never,
            DischargeDate = discharge is null ? null : D(discharge), DischargeReason = reason,
        };
        db.Episodes.Add(episode);
        return episode;
    }

    public void Intervention(Episode episode, string start, InterventionType type = InterventionType.Psychosocial, string? end = null) =>
        episode.Interventions.Add(new Intervention
        {
            Type = type, Setting = InterventionSetting.Community, StartDate = D(start), EndDate = end is null ? null : D(end),
        });

    public void Prescription(Episode episode, Pathway.Prescribing.Medicine medicine, string start, string? end = null) =>
        episode.Prescriptions.Add(new Pathway.Prescribing.Prescription
        {
            Source = episode.Source, PrescriptionRef = $"{episode.EpisodeRef}-P{episode.Prescriptions.Count + 1}", Medicine = medicine,
            DoseMg = 30m, DoseIntervalDays = medicine == Pathway.Prescribing.Medicine.BuprenorphineProlongedReleaseInjection ? 7 : 1,
            StartDate = D(start), EndDate = end is null ? null : D(end), SupervisedDaysPerWeek = 7,
        });

    public void Contact(Episode episode, string date, ContactChannel channel, bool attended = true) =>
        episode.Contacts.Add(new Contact { Date = D(date), Channel = channel, Attended = attended, Kind = ContactKind.Keywork });

    public OutcomeReview Review(Episode episode, string date, ReviewStage stage)
    {
        var review = new OutcomeReview { Date = D(date), Stage = stage };
        episode.OutcomeReviews.Add(review);
        return review;
    }

    public Task SaveAsync() => db.SaveChangesAsync();
}

/// <summary>The figures of `pathway report --format json`, by indicator id.</summary>
internal sealed record ReportJson(JsonElement Root, Dictionary<string, JsonElement> Figures)
{
    public static async Task<ReportJson> RunAsync(TestDatabase database, string from, string to, string asOf, params string[] more)
    {
        var result = await Cli.RunAsync(["report", "--db", database.DbArgument, "--from", from, "--to", to, "--as-of", asOf, "--format", "json", .. more]);
        Assert.True(result.ExitCode == 0, result.Error);
        var root = JsonDocument.Parse(result.Out).RootElement.Clone();
        return new ReportJson(root, root.GetProperty("indicators").EnumerateArray().ToDictionary(f => f.GetProperty("id").GetString()!));
    }

    public long Count(string id) => Figures[id].GetProperty("value").GetInt64();

    public (long Numerator, long Denominator, decimal? Value) Rate(string id)
    {
        var f = Figures[id];
        var value = f.GetProperty("value");
        return (f.GetProperty("numerator").GetInt64(), f.GetProperty("denominator").GetInt64(),
            value.ValueKind == JsonValueKind.Null ? null : value.GetDecimal());
    }

    public bool Provisional(string id) => Figures[id].GetProperty("provisional").GetBoolean();

    /// <summary>A public report's figure: whether it is withheld, and what it still shows.</summary>
    public bool Suppressed(string id) => Figures[id].GetProperty("suppressed").GetBoolean();
}
