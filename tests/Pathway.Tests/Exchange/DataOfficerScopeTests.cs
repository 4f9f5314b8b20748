using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

/// <summary>A data officer sees, loads and exports the records of their own provider; another provider's only through an authorised handover.</summary>
public partial class DataOfficerScopeTests
{
    private const string NewcoOfficer = "pat.data@demo.pathway.example";
    private const string OldcoOfficer = "mo.data@northway.demo.pathway.example";

    [GeneratedRegex("href=\"(/records\\?handler=[^\"]+)\"")]
    private static partial Regex Download();
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();

    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 60, Years: 3, Seed: 12), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    private static async Task<HttpClient> SignedInAsync(TestSite site, string email)
    {
        var client = site.NewClient();
        await TestSite.SignInAsync(client, email, DemoArea.Password);
        return client;
    }

    /// <summary>Each file of a downloaded bundle as rows of cells, header first.</summary>
    private static async Task<Dictionary<string, List<string[]>>> FilesOfAsync(HttpResponseMessage download)
    {
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        var files = new Dictionary<string, List<string[]>>();
        foreach (var entry in zip.Entries)
        {
            using var reader = new StreamReader(entry.Open());
            files[entry.Name] = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.Split(',')).ToList();
        }
        return files;
    }

    private static IEnumerable<string> Column(List<string[]> rows, string name)
    {
        var at = Array.IndexOf(rows[0], name);
        return rows.Skip(1).Select(r => r[at]);
    }

    [Theory, DatabaseData]
    public async Task AnIncomingDataOfficersDownloadsHoldNoClientOfTheOutgoingProviderAlone(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        // A source holding both providers' episodes: each provider's officer exports only their own provider's part.
        // The demo's stamp would refuse any load (real records never sit beside demo passwords); this test needs both in one source.
        await using (var stamp = database.Open()) await stamp.DemoStamps.ExecuteDeleteAsync();
        Assert.Equal(0, (await Cli.RunAsync("load", LoadAndExportTests.OldExample, "--source", "SHARED", "--db", database.DbArgument)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("load", LoadAndExportTests.NewExample, "--source", "SHARED", "--db", database.DbArgument)).ExitCode);
        await using var db = database.Open();
        var oldcoOnly = await db.ClientRecords.Where(c => c.Episodes.Any() && c.Episodes.All(e => e.ProviderCode == DemoArea.Outgoing.Code))
            .Select(c => c.Source + "/" + c.ClientRef).ToListAsync();
        Assert.Contains(oldcoOnly, c => c.StartsWith("SHARED/"));
        using var officer = await SignedInAsync(site, NewcoOfficer);

        var page = await officer.GetStringAsync("/records");
        var downloads = Download().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();

        // The demo's authorised handover offers OLDCO's transition cohort; no export of OLDCO's source is offered.
        Assert.DoesNotContain(downloads, d => d.Contains("handler=Export") && d.Contains("source=OLDCO"));
        Assert.Contains(downloads, d => d.Contains("handler=Export") && d.Contains("source=SHARED"));
        foreach (var address in downloads.Where(d => d.Contains("handler=Export")))
        {
            var files = await FilesOfAsync(await officer.GetAsync(address));
            var source = Regex.Match(address, "source=([^&]+)").Groups[1].Value;
            Assert.All(Column(files["episodes.csv"], "provider_code"), p => Assert.Equal(DemoArea.Incoming.Code, p));
            Assert.DoesNotContain(Column(files["clients.csv"], "client_ref"), c => oldcoOnly.Contains(source + "/" + c));
            Assert.Subset(Column(files["episodes.csv"], "client_ref").ToHashSet(), Column(files["clients.csv"], "client_ref").ToHashSet());
        }
        var asked = await officer.GetAsync("/records?handler=Export&source=OLDCO");
        Assert.Equal(HttpStatusCode.NotFound, asked.StatusCode);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.UserName == NewcoOfficer && a.Outcome == AuditOutcomes.Refused
            && a.RecordType == AuditedRecordTypes.Source && a.RecordId == "OLDCO"));
    }

    [Theory, DatabaseData]
    public async Task ADataOfficerCannotLoadAnotherProvidersEpisodesNorIntoAnotherProvidersSource(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var officer = await SignedInAsync(site, NewcoOfficer);
        using var oldcoRows = new TestBundle();
        using var newcoRows = new TestBundle();
        newcoRows.Set("episodes.csv", 2, "provider_code", "NEWCO").Set("episodes.csv", 3, "provider_code", "NEWCO");

        var theirs = await UploadAsync(officer, oldcoRows.WriteZip(), "UPLOAD");
        var intoTheirSource = await UploadAsync(officer, newcoRows.WriteZip(), "OLDCO");

        Assert.Contains("you may load only episodes of NEWCO", theirs);
        Assert.DoesNotContain("Load this bundle", theirs);
        Assert.Contains("OLDCO holds episodes of another provider", intoTheirSource);
        Assert.DoesNotContain("Load this bundle", intoTheirSource);
        await using var db = database.Open();
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "UPLOAD"));
    }

    private static async Task<string> UploadAsync(HttpClient client, string zip, string source)
    {
        var page = await client.GetStringAsync("/records");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" },
            { new StringContent(source), "Source" },
        };
        var file = new ByteArrayContent(await File.ReadAllBytesAsync(zip));
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(file, "Bundle", "bundle.zip");
        var response = await client.PostAsync("/records?handler=Check", form);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    [Theory, DatabaseData]
    public async Task WithoutAnAuthorisedHandoverTheOutgoingProvidersClientsAreNeitherListedNorDownloaded(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await Cli.RunAsync("handover", "--from-provider", "OLDCO", "--to-provider", "NEWCO", "--withdraw", "--db", database.DbArgument);
        using var officer = await SignedInAsync(site, NewcoOfficer);

        var transition = await officer.GetStringAsync("/transition?FromSource=OLDCO&ToSource=NEWCO&Date=2025-05-01");
        var download = await officer.GetAsync("/records?handler=Handover&id=1&source=OLDCO");

        // Without the handover OLDCO is not a source this officer may check: refused, not reported as "total 0".
        Assert.Contains("There is a problem", transition);
        Assert.DoesNotContain("total 0", transition);
        Assert.Equal(HttpStatusCode.NotFound, download.StatusCode);
        await using var db = database.Open();
        Assert.True(await db.AuditEvents.AnyAsync(a => a.UserName == NewcoOfficer && a.Action == AuditActions.Export
            && a.Outcome == AuditOutcomes.Refused && a.Path == "/records"));
    }

    [Theory, DatabaseData]
    public async Task WithAnAuthorisedHandoverTheIncomingDataOfficerDownloadsTheTransitionCohortAndEachDownloadIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        // The demo's handover is authorised on its transition date (half-way through three years to 2026-11-23).
        var date = new DateOnly(2025, 5, 1);
        using var officer = await SignedInAsync(site, NewcoOfficer);
        using var outgoing = await SignedInAsync(site, OldcoOfficer);

        var page = await officer.GetStringAsync("/records");
        var address = Download().Matches(page).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Single(d => d.Contains("handler=Handover"));
        var files = await FilesOfAsync(await officer.GetAsync(address));
        var listed = await officer.GetStringAsync($"/transition?FromSource=OLDCO&ToSource=NEWCO&Date={date:yyyy-MM-dd}");

        var episodes = Column(files["episodes.csv"], "episode_ref").ToList();
        Assert.NotEmpty(episodes);
        Assert.All(Column(files["episodes.csv"], "provider_code"), p => Assert.Equal(DemoArea.Outgoing.Code, p));
        var cohortEnd = date.AddDays(-28);
        var notInCohort = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Outgoing.Code
                && (e.ReferralDate > date || e.DischargeDate < cohortEnd)).Select(e => e.EpisodeRef).ToListAsync();
        Assert.Empty(episodes.Intersect(notInCohort));
        // The cohort's prescriptions and harm-reduction events travel with it (exchange format version 2), and nobody else's.
        foreach (var file in new[] { "prescriptions.csv", "harm_reduction.csv" })
        {
            var refs = Column(files[file], "episode_ref").ToList();
            Assert.NotEmpty(refs);
            Assert.Empty(refs.Except(episodes));
        }
        Assert.DoesNotContain("total 0", listed);
        Assert.Equal(HttpStatusCode.NotFound, (await outgoing.GetAsync(address)).StatusCode);
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.UserName == NewcoOfficer && a.Action == AuditActions.Export
            && a.Outcome == AuditOutcomes.Allowed && a.RecordType == "Handover"));
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.UserName == OldcoOfficer && a.Action == AuditActions.Export
            && a.Outcome == AuditOutcomes.Refused && a.RecordType == "Handover"));
    }
}
