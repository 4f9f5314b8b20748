using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Casework;

/// <summary>
/// The case-work forms keep the exchange format's rules, so a record staff save is never refused when its own
/// export is loaded back: each form is posted over HTTP what the loader would refuse.
/// </summary>
public class CaseFormRulesTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    private static async Task<(TestSite Site, HttpClient Client)> WorkerAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 5), Today);
        var site = await TestSite.StartAsync(database.Target);
        var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.First(s => s.Role == Roles.RecoveryWorker).Email, DemoArea.Password);
        return (site, client);
    }

    private static async Task<(HttpStatusCode Status, string Page)> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var response = await TestSite.PostCaseFormAsync(client, page, fields);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Theory, DatabaseData]
    public async Task AnInterventionStartingInTheFutureIsRefusedByTheFormAsTheLoaderRefusesIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var episode = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null)
            .OrderBy(e => e.Id).Select(e => new { e.Id, Interventions = e.Interventions.Count }).FirstAsync();

        var (status, page) = await PostAsync(client, $"/episodes/{episode.Id}/interventions", new()
        {
            ["Type"] = nameof(InterventionType.Psychosocial), ["Setting"] = nameof(InterventionSetting.Community), ["StartDate"] = Iso(Today.AddDays(1)),
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Start date must be today or in the past", page);
        Assert.Equal(episode.Interventions, await db.Interventions.CountAsync(i => i.EpisodeId == episode.Id));
    }

    [Theory, DatabaseData]
    public async Task ATriageDateAfterTheDischargeDateIsRefused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var episode = await db.Episodes
            .Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.TriageDate != null && e.DischargeDate != null && e.DischargeDate < Today.AddDays(-2))
            .OrderBy(e => e.Id).FirstAsync();

        var (status, page) = await PostAsync(client, $"/episodes/{episode.Id}/triage", new()
        {
            ["Input.TriageDate"] = Iso(episode.DischargeDate!.Value.AddDays(1)), ["Input.Substance1"] = episode.Substance1.ToString(),
            ["Input.InjectingStatus"] = episode.InjectingStatus.ToString(), ["Input.Housing"] = "Settled", ["Input.Employment"] = "Employed",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Triage date must not be after the discharge date", page);
        Assert.Equal(episode.TriageDate, (await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episode.Id)).TriageDate);
    }

    [Theory, DatabaseData]
    public async Task AnOccasionalUsersCompletionCannotBeGivenAnOpiateAtTriageAfterwards(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var episode = await db.Episodes
            .Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.TriageDate != null && e.DischargeDate != null)
            .OrderBy(e => e.Id).FirstAsync();
        episode.Substance1 = Substance.Cannabis;
        (episode.Substance2, episode.Substance3) = (null, null);
        episode.DischargeReason = DischargeReason.CompletedOccasionalUser;
        await db.SaveChangesAsync();

        var (status, page) = await PostAsync(client, $"/episodes/{episode.Id}/triage", new()
        {
            ["Input.TriageDate"] = Iso(episode.TriageDate!.Value), ["Input.Substance1"] = nameof(Substance.Cannabis),
            ["Input.Substance2"] = nameof(Substance.Heroin), ["Input.InjectingStatus"] = nameof(InjectingStatus.Never),
            ["Input.Housing"] = "Settled", ["Input.Employment"] = "Employed",
        });

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("The episode's discharge reason must not be completed as an occasional user when a substance is an opiate or crack", page);
        Assert.Null((await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == episode.Id)).Substance2);
    }

    [Theory, DatabaseData]
    public async Task AReviewSaysWhichRangeANumberBreaksInTheFormatsOwnWords(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await WorkerAsync(database);
        await using var _ = site;
        await using var db = database.Open();
        var id = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null).OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        var fields = new[]
        {
            "AlcoholDays", "OpiateDays", "CrackDays", "CocaineDays", "AmphetamineDays", "CannabisDays", "OtherDrugDays", "InjectedDays",
            "ShopliftingDays", "DrugSellingDays", "PsychologicalHealth", "PhysicalHealth", "QualityOfLife", "PaidWorkDays", "EducationDays",
        }.ToDictionary(f => $"Input.{f}", _ => "0");
        fields["Input.Date"] = Iso(Today);
        fields["Input.Stage"] = "Review";
        fields["Input.CannabisDays"] = "29";
        fields["Input.QualityOfLife"] = "21";
        fields["Input.AlcoholUnitsPerDrinkingDay"] = "201";

        var (status, page) = await PostAsync(client, $"/episodes/{id}/reviews/new", fields);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Days of cannabis use must be a whole number from 0 to 28", page);
        Assert.Contains("Overall quality of life score must be a whole number from 0 to 20", page);
        Assert.Contains("Units of alcohol on a typical drinking day must be a whole number from 0 to 200", page);
    }
}
