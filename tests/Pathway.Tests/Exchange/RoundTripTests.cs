using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Exchange;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

/// <summary>
/// The round trip as a whole: the demonstration area, with a record of every kind a worker saves through the
/// case-work forms, exports, loads into an empty database without a single problem, and exports again byte for byte.
/// </summary>
public class RoundTripTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task SaveAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var response = await TestSite.PostCaseFormAsync(client, page, fields);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"{page} was not saved: {await response.Content.ReadAsStringAsync()}");
    }

    private static Dictionary<string, string> Review(string stage, DateOnly date)
    {
        var fields = new[]
        {
            "AlcoholDays", "OpiateDays", "CrackDays", "CocaineDays", "AmphetamineDays", "CannabisDays", "OtherDrugDays", "InjectedDays",
            "ShopliftingDays", "DrugSellingDays", "PsychologicalHealth", "PhysicalHealth", "QualityOfLife", "PaidWorkDays", "EducationDays",
        }.ToDictionary(f => $"Input.{f}", _ => "3");
        fields["Input.Date"] = Iso(date);
        fields["Input.Stage"] = stage;
        fields["Input.AlcoholUnitsPerDrinkingDay"] = "12";
        fields["Input.OtherOffending"] = "true";
        return fields;
    }

    /// <summary>A worker's day: a new referral taken through triage, care plan, contacts and reviews, and another client discharged.</summary>
    private static async Task<string> CaseWorkThroughTheFormsAsync(TestDatabase database)
    {
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.First(s => s.Role == Roles.RecoveryWorker).Email, DemoArea.Password);

        var referred = await TestSite.PostFormAsync(client, "/referrals/new", "/referrals/new", new()
        {
            ["Input.GivenName"] = "Robin", ["Input.FamilyName"] = "Quayle", ["Input.DateOfBirth"] = "1984-02-29", ["Input.Sex"] = "NotStated",
            ["Input.NhsNumber"] = "943 476 5919", ["Input.Postcode"] = " sk4",
            ["Input.ConsentNationalReporting"] = "true", ["Input.ReferralDate"] = Iso(Today.AddDays(-10)), ["Input.Source"] = "Pharmacy",
            ["Input.Substance1"] = "Cocaine",
        });
        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        var episode = referred.Headers.Location!.ToString();
        await SaveAsync(client, $"{episode}/triage", new()
        {
            ["Input.TriageDate"] = Iso(Today.AddDays(-8)), ["Input.Substance1"] = "Cocaine", ["Input.Substance2"] = "Alcohol",
            ["Input.Substance3"] = "Cannabis", ["Input.InjectingStatus"] = "Previously", ["Input.Housing"] = "Unsettled", ["Input.Employment"] = "Employed",
            ["Input.Notes"] = "=cmd|' /C calc'!A0 is only ever shown, never exported",
        });
        await SaveAsync(client, $"{episode}/interventions", new() { ["Type"] = "Psychosocial", ["Setting"] = "Online", ["StartDate"] = Iso(Today.AddDays(-8)) });
        await SaveAsync(client, $"{episode}/interventions", new()
        {
            ["Type"] = "HarmReduction", ["Setting"] = "Pharmacy", ["StartDate"] = Iso(Today.AddDays(-7)), ["EndDate"] = Iso(Today),
        });
        await SaveAsync(client, $"{episode}/contacts/new", new() { ["Date"] = Iso(Today.AddDays(-8)), ["Channel"] = "Video", ["Kind"] = "Assessment", ["Attended"] = "true" });
        await SaveAsync(client, $"{episode}/contacts/new", new() { ["Date"] = Iso(Today), ["Channel"] = "Phone", ["Kind"] = "Keywork", ["Attended"] = "false" });
        await SaveAsync(client, $"{episode}/reviews/new", Review("Start", Today.AddDays(-8)));
        await SaveAsync(client, $"{episode}/goals", new() { ["Description"] = "@Keep going to the group", ["Status"] = "InProgress" });
        // Booked appointments are not exchange-format contacts (README): they stay in Pathway until they happen.
        await SaveAsync(client, $"{episode}/appointments/new", new() { ["Date"] = Iso(Today.AddDays(7)), ["Channel"] = "FaceToFace", ["Kind"] = "Keywork" });

        await using var db = database.Open();
        var open = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.TriageDate != null
                && !e.Interventions.Any(i => i.StartDate > Today))
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        await SaveAsync(client, $"/episodes/{open}/reviews/new", Review("Exit", Today));
        await SaveAsync(client, $"/episodes/{open}/discharge", new()
        {
            ["DischargeDate"] = Iso(Today), ["Reason"] = "CompletedDrugFree", ["MutualAid"] = "true", ["Notes"] = "-Meets a peer mentor on Fridays", ["Confirmed"] = "true",
        });
        await SaveAsync(client, $"/episodes/{open}/reviews/new", Review("PostExit", Today));
        var id = int.Parse(episode.Split('/').Last(), System.Globalization.CultureInfo.InvariantCulture);
        return await db.Episodes.Where(e => e.Id == id).Select(e => e.EpisodeRef).SingleAsync();
    }

    [Theory, DatabaseData]
    public async Task TheWholeDemoAreaWithFormWorkExportsLoadsIntoAnEmptyDatabaseAndExportsAgainByteForByte(DatabaseKind kind)
    {
        await using var first = await TestDatabase.CreateAsync(kind);
        await using var second = await TestDatabase.CreateAsync(kind);
        await first.FillDemoAsync(DemoOptions.Default, Today);
        var saved = await CaseWorkThroughTheFormsAsync(first);
        var one = Path.Combine(Path.GetTempPath(), $"pathway-roundtrip-{Guid.NewGuid():N}");
        var two = Path.Combine(Path.GetTempPath(), $"pathway-roundtrip-{Guid.NewGuid():N}");
        try
        {
            await using (var db = first.Open())
                foreach (var source in await BundleExport.SourcesAsync(db, default))
                    await BundleExport.WriteAsync(db, kind, source, Path.Combine(one, source), default);
            var sources = Directory.GetDirectories(one).Select(d => Path.GetFileName(d)!).Order(StringComparer.Ordinal).ToList();
            Assert.Equal([DemoArea.Incoming.Code, DemoArea.Outgoing.Code], sources);
            Assert.Contains(File.ReadLines(Path.Combine(one, DemoArea.Incoming.Code, "episodes.csv")), line => line.StartsWith(saved + ",", StringComparison.Ordinal));
            // The demo's titrations and harm reduction (exchange format version 2) make the trip too.
            foreach (var file in new[] { "prescriptions.csv", "harm_reduction.csv" })
                foreach (var source in sources)
                    Assert.True(File.ReadLines(Path.Combine(one, source, file)).Count() > 1, $"{source}/{file} is empty");

            foreach (var source in sources)
            {
                var loaded = await Cli.RunAsync("load", Path.Combine(one, source), "--source", source, "--db", second.DbArgument);
                Assert.True(loaded.ExitCode == 0, $"{source}: {loaded.Error}");
            }
            Assert.Equal(0, (await Cli.RunAsync("export", two, "--db", second.DbArgument)).ExitCode);

            foreach (var source in sources)
                foreach (var file in BundleFormat.Files.Select(f => f.Name))
                {
                    var a = await File.ReadAllBytesAsync(Path.Combine(one, source, file));
                    var b = await File.ReadAllBytesAsync(Path.Combine(two, source, file));
                    Assert.True(a.AsSpan().SequenceEqual(b), $"{source}/{file} differs after the round trip");
                }
        }
        finally
        {
            if (Directory.Exists(one)) Directory.Delete(one, true);
            if (Directory.Exists(two)) Directory.Delete(two, true);
        }
    }
}
