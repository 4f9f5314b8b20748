using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Exchange;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

public partial class ExchangePagesTests
{
    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
    [GeneratedRegex("name=\"UploadId\" value=\"([0-9a-f]+)\"")]
    private static partial Regex UploadId();

    private static async Task<(TestSite Site, HttpClient Client)> SignedInAsync(TestDatabase database, string role)
    {
        await database.FillDemoAsync(new DemoOptions(People: 30, Years: 2, Seed: 1), new DateOnly(2026, 11, 23));
        var site = await TestSite.StartAsync(database.Target, demo: true);
        var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.First(s => s.Role == role).Email, DemoArea.Password);
        return (site, client);
    }

    /// <summary>Real records go only into a database without demo data: a real deployment, with two-factor sign-in.</summary>
    private static async Task<(TestSite Site, HttpClient Client, string Email)> SignedInForRealAsync(TestDatabase database, string role)
    {
        await RealStaff.AddProviderAsync(database, "NEWCO", "Harbour Recovery Partnership");
        var email = $"{role.ToLowerInvariant()}@provider.example";
        await RealStaff.AddAsync(database, email, role, provider: "NEWCO");
        var site = await RealStaff.StartSiteAsync(database);
        return (site, await RealStaff.SignInAsync(site, email), email);
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
    public async Task ADataOfficerSeesTheReportOfABadBundleGroupedByFileAndNothingIsLoaded(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;
        using var bundle = new TestBundle();
        bundle.Set("clients.csv", 2, "sex", "Q").Set("contacts.csv", 2, "attended", "yes").Set("contacts.csv", 3, "kind", "chat");

        var page = await UploadAsync(client, bundle.WriteZip(), "UPLOAD");

        Assert.Contains("The bundle was not loaded: 3 problems", page);
        Assert.Contains("clients.csv: 1", page);
        Assert.Contains("contacts.csv: 2", page);
        Assert.Contains("must be Y or N", page);
        Assert.DoesNotContain("Load this bundle", page);
        await using var db = database.Open();
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "UPLOAD"));
    }

    [Theory, DatabaseData]
    public async Task ADataOfficerChecksThenConfirmsAGoodBundleAndCanDownloadItsExport(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client, email) = await SignedInForRealAsync(database, Roles.DataOfficer);
        await using var _ = site;
        // The demo's data officer works for the incoming provider, and loads only its episodes.
        using var bundle = new TestBundle();
        bundle.Set("episodes.csv", 2, "provider_code", "NEWCO").Set("episodes.csv", 3, "provider_code", "NEWCO");

        var checkedPage = await UploadAsync(client, bundle.WriteZip(), "UPLOAD");
        Assert.Contains("Load this bundle", checkedPage);
        var loaded = await client.PostAsync("/records?handler=Load", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(checkedPage).Groups[1].Value,
            ["UploadId"] = UploadId().Match(checkedPage).Groups[1].Value,
            ["Source"] = "UPLOAD",
        }));
        var loadedPage = await loaded.Content.ReadAsStringAsync();

        Assert.Contains("episodes.csv: 2 added, 0 changed, 0 unchanged", loadedPage);
        var export = await client.GetAsync("/records?handler=Export&source=UPLOAD");
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync());
        Assert.Equal(["clients.csv", "contacts.csv", "episodes.csv", "harm_reduction.csv", "interventions.csv", "prescriptions.csv", "reviews.csv"],
            zip.Entries.Select(e => e.Name).Order(StringComparer.Ordinal));

        // The national submission leaves out who C2 (no consent) is.
        var national = await client.GetAsync("/records?handler=Export&source=UPLOAD&national=true");
        using var nationalZip = new ZipArchive(await national.Content.ReadAsStreamAsync());
        using var clients = new StreamReader(nationalZip.GetEntry("clients.csv")!.Open());
        Assert.Contains("C2,,,F,E08000002,,,N", (await clients.ReadToEndAsync()).Split('\n'));
        await using var db = database.Open();
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Export && a.RecordType == AuditedRecordTypes.Source
            && a.RecordId == "UPLOAD" && a.UserName == email));
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Change && a.Outcome == AuditOutcomes.Succeeded
            && a.RecordType == AuditedRecordTypes.Source && a.RecordId == "UPLOAD" && a.UserName == email));
    }

    [Theory, DatabaseData]
    public async Task CheckingABundleShowsPerFileWhatLoadingWouldDoWithoutWritingAndWarnsWhenTheSourceIsNew(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;
        using var bundle = new TestBundle();
        bundle.Set("episodes.csv", 2, "provider_code", "NEWCO").Set("episodes.csv", 3, "provider_code", "NEWCO");
        var zip = bundle.WriteZip();

        var underNewName = await UploadAsync(client, zip, "UPLOAD");
        var underHeldName = await UploadAsync(client, zip, "NEWCO");

        Assert.Contains("No records are held from source UPLOAD yet: loading adds 2 clients as new", underNewName);
        Assert.Contains("clients.csv: 2 added, 0 changed, 0 unchanged", underNewName);
        Assert.Contains("episodes.csv: 2 added, 0 changed, 0 unchanged", underNewName);
        Assert.Contains("contacts.csv: 2 added, 0 removed, 0 unchanged", underNewName);
        Assert.Contains("Load this bundle", underNewName);
        // NEWCO holds the demo's records: the same counts, with what the bundle leaves out kept, and no warning.
        Assert.DoesNotContain("No records are held", underHeldName);
        Assert.Matches("clients.csv: 2 added, 0 changed, 0 unchanged, [1-9][0-9]* kept", underHeldName);
        await using var db = database.Open();
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "UPLOAD"));
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "NEWCO" && c.ClientRef == "C1"));
    }

    [Theory, DatabaseData]
    public async Task TheRecordsPageRefusesToLoadABundleIntoADatabaseHoldingDemoData(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;
        using var bundle = new TestBundle();
        // The demo's data officer works for the incoming provider, and loads only its episodes.
        bundle.Set("episodes.csv", 2, "provider_code", "NEWCO").Set("episodes.csv", 3, "provider_code", "NEWCO");

        var checkedPage = await UploadAsync(client, bundle.WriteZip(), "UPLOAD");
        var loaded = await client.PostAsync("/records?handler=Load", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(checkedPage).Groups[1].Value,
            ["UploadId"] = UploadId().Match(checkedPage).Groups[1].Value,
            ["Source"] = "UPLOAD",
        }));

        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        Assert.Contains("demonstration data", await loaded.Content.ReadAsStringAsync());
        await using var db = database.Open();
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "UPLOAD"));
    }

    /// <summary>Where the server keeps an upload it has checked, wherever its folder is.</summary>
    private static string? UploadFile(string id) =>
        Directory.EnumerateDirectories(Path.GetTempPath(), "pathway-uploads*").Select(d => Path.Combine(d, id + ".zip")).FirstOrDefault(File.Exists);

    private const UnixFileMode Others = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    [Theory, DatabaseData]
    public async Task AnUploadWaitsWhereOnlyTheServersOwnAccountCanReadIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;
        using var bundle = new TestBundle();
        // The demo's data officer works for the incoming provider, and loads only its episodes.
        bundle.Set("episodes.csv", 2, "provider_code", "NEWCO").Set("episodes.csv", 3, "provider_code", "NEWCO");

        var page = await UploadAsync(client, bundle.WriteZip(), "UPLOAD");

        var file = UploadFile(UploadId().Match(page).Groups[1].Value);
        Assert.NotNull(file);
        if (OperatingSystem.IsWindows()) return;
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(Path.GetDirectoryName(file)!) & Others);
        Assert.Equal((UnixFileMode)0, File.GetUnixFileMode(file) & Others);
    }

    [Theory, DatabaseData]
    public async Task ACancelledUploadIsDeletedAtOnceAndNothingIsLoaded(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;
        using var bundle = new TestBundle();
        // The demo's data officer works for the incoming provider, and loads only its episodes.
        bundle.Set("episodes.csv", 2, "provider_code", "NEWCO").Set("episodes.csv", 3, "provider_code", "NEWCO");
        var checkedPage = await UploadAsync(client, bundle.WriteZip(), "UPLOAD");
        var id = UploadId().Match(checkedPage).Groups[1].Value;
        Assert.NotNull(UploadFile(id));

        var cancelled = await client.PostAsync("/records?handler=Cancel", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = Token().Match(checkedPage).Groups[1].Value, ["UploadId"] = id, ["Source"] = "UPLOAD",
        }));

        Assert.Equal(HttpStatusCode.OK, cancelled.StatusCode);
        Assert.Contains("has been deleted", await cancelled.Content.ReadAsStringAsync());
        Assert.Null(UploadFile(id));
        await using var db = database.Open();
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "UPLOAD"));
    }

    [Theory, DatabaseData]
    public async Task AnUploadNobodyConfirmedWithinAnHourIsDeletedByTheNextCheck(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;
        using var bundle = new TestBundle();
        // The demo's data officer works for the incoming provider, and loads only its episodes.
        bundle.Set("episodes.csv", 2, "provider_code", "NEWCO").Set("episodes.csv", 3, "provider_code", "NEWCO");
        var zip = bundle.WriteZip();
        var forgotten = UploadId().Match(await UploadAsync(client, zip, "UPLOAD")).Groups[1].Value;
        var recent = UploadId().Match(await UploadAsync(client, zip, "UPLOAD")).Groups[1].Value;
        File.SetLastWriteTimeUtc(UploadFile(forgotten)!, DateTime.UtcNow.AddMinutes(-61));

        await UploadAsync(client, zip, "UPLOAD");

        Assert.Null(UploadFile(forgotten));
        Assert.NotNull(UploadFile(recent));
    }

    /// <summary>Bytes that are never held in memory: <paramref name="length"/> of them, all 'x'. Its length is known, as a browser's upload's is.</summary>
    private sealed class Filler(long length) : Stream
    {
        private long position;
        public override bool CanRead => true;
        public override bool CanSeek => true;
        public override bool CanWrite => false;
        public override long Length => length;
        public override long Position { get => position; set => position = value; }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, length - position);
            buffer.AsSpan(offset, n).Fill((byte)'x');
            position += n;
            return n;
        }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => position = origin == SeekOrigin.Begin ? offset : throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    [Theory, DatabaseData]
    public async Task A100MegabyteUploadIsAnsweredInASentenceAndOneOverTheLimitIsRefused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;
        async Task<HttpResponseMessage> UploadAsync(long bytes)
        {
            var page = await client.GetStringAsync("/records");
            var form = new MultipartFormDataContent
            {
                { new StringContent(Token().Match(page).Groups[1].Value), "__RequestVerificationToken" },
                { new StringContent("HUGE"), "Source" },
                { new StreamContent(new Filler(bytes)), "Bundle", "bundle.zip" },
            };
            // As curl does for a large upload: the body goes only once the server has said it will take it.
            using var request = new HttpRequestMessage(HttpMethod.Post, "/records?handler=Check") { Content = form };
            request.Headers.ExpectContinue = true;
            return await client.SendAsync(request);
        }

        var notAZip = await UploadAsync(100L << 20);
        Assert.Equal(HttpStatusCode.OK, notAZip.StatusCode);
        Assert.Contains("The file must be a .zip of a bundle", await notAZip.Content.ReadAsStringAsync());

        var tooLarge = await UploadAsync(RecordsModel.MaxUploadBytes + (2L << 20));
        Assert.Equal("/error?status=413", tooLarge.Headers.Location?.ToString());
        var explained = await client.GetAsync(tooLarge.Headers.Location);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, explained.StatusCode);
        Assert.Contains("What you sent was too long", await explained.Content.ReadAsStringAsync());
        Assert.DoesNotContain(Directory.EnumerateDirectories(Path.GetTempPath(), "pathway-uploads*").SelectMany(d => Directory.GetFiles(d, "*.zip")),
            f => new FileInfo(f).Length > (50L << 20));
    }

    [Theory, DatabaseData]
    public async Task TheTransitionPageShowsTheOutcomeOfEachPersonWithTotals(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;

        // The demo's handover date: on another date the NEWCO officer may not list OLDCO's clients, and would find nobody.
        await using var db = database.Open();
        var date = (await db.Handovers.SingleAsync()).Date;

        var page = await client.GetStringAsync($"/transition?FromSource=OLDCO&ToSource=NEWCO&Date={date:yyyy-MM-dd}");

        Assert.Matches("continued \\d+, discharged \\d+, unaccounted \\d+, total [1-9]\\d*", page);
    }

    [Theory, DatabaseData]
    public async Task TheTransitionPageOffersTheSourcesTheDataOfficerMayUseAsSelectLists(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;

        var page = await client.GetStringAsync("/transition");

        // The demo's data officer works for NEWCO, with a handover from OLDCO authorised to them.
        Assert.Contains("<select class=\"nhsuk-select\" id=\"FromSource\" name=\"FromSource\"", page);
        Assert.Contains("<select class=\"nhsuk-select\" id=\"ToSource\" name=\"ToSource\"", page);
        Assert.Equal(2, Regex.Count(page, "<option value=\"OLDCO\">OLDCO</option>"));
        Assert.Equal(2, Regex.Count(page, "<option value=\"NEWCO\">NEWCO</option>"));
        Assert.DoesNotContain("There is a problem", page);
    }

    [Theory, DatabaseData]
    public async Task AnEmptyTransitionFormGetsTheErrorSummaryAndNoReport(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;

        var page = await client.GetStringAsync("/transition?FromSource=&ToSource=&Date=");

        Assert.Contains("<title>Error: ", page);
        Assert.Contains("nhsuk-error-summary", page);
        Assert.Contains("<a href=\"#FromSource\">Choose the outgoing source</a>", page);
        Assert.Contains("<a href=\"#ToSource\">Choose the incoming source</a>", page);
        Assert.Contains("<a href=\"#Date-day\">Enter the transition date</a>", page);
        Assert.DoesNotContain("total 0", page);
        Assert.DoesNotContain("No client unaccounted", page);
    }

    [Theory, DatabaseData]
    public async Task AnUnknownOrLowerCaseSourceOnTheTransitionPageIsRefusedWithASentence(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;

        foreach (var from in new[] { "oldco", "OLDC0" })
        {
            var page = await client.GetStringAsync($"/transition?FromSource={from}&ToSource=NEWCO&Date=2025-05-01");

            Assert.Contains("<title>Error: ", page);
            Assert.Matches($"<a href=\"#FromSource\">[^<]*{from}[^<]*NEWCO and OLDCO[^<]*</a>", page);
            Assert.DoesNotContain("total 0", page);
            Assert.DoesNotContain("No client unaccounted", page);
        }
    }

    [Theory, DatabaseData]
    public async Task AnEmptyCohortOnTheTransitionPageSaysPlainlyThatNobodyWasOpenAtThatSourceOnThatDate(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.DataOfficer);
        await using var _ = site;

        var page = await client.GetStringAsync("/transition?FromSource=OLDCO&ToSource=NEWCO&Date=2000-01-01");

        Assert.Contains("Nobody was open at OLDCO on 1 January 2000.", page);
        Assert.DoesNotContain("No client unaccounted", page);
        Assert.DoesNotContain("There is a problem", page);
    }

    [Theory, DatabaseData]
    public async Task OnlyDataOfficersReachRecordsInAndOut(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await SignedInAsync(database, Roles.RecoveryWorker);
        await using var _ = site;

        var response = await client.GetAsync("/records");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task TheClientPageShowsOneHistoryAndOnlyTheFactOfOtherProvidersEpisodes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client, _) = await SignedInForRealAsync(database, Roles.RecoveryWorker);
        await using var _ = site;
        Assert.Equal(0, (await Cli.RunAsync("load", LoadAndExportTests.OldExample, "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("load", LoadAndExportTests.NewExample, "--source", "NEW", "--db", database.DbArgument)).ExitCode);
        await using var db = database.Open();
        var person = await db.People.Where(p => p.ClientRecords.Count(c => c.Source == "OLD" || c.Source == "NEW") == 2)
            .Select(p => new
            {
                p.Id,
                Own = p.Episodes.Where(e => e.ProviderCode == "NEWCO").Select(e => e.EpisodeRef).ToList(),
                Elsewhere = p.Episodes.Where(e => e.ProviderCode != "NEWCO").Select(e => e.EpisodeRef).ToList(),
            }).FirstAsync();

        var page = await client.GetStringAsync($"/clients/{person.Id}");

        // The worker works for NEWCO: its episodes in full, and not even the fact that another provider knows the person.
        Assert.NotEmpty(person.Own);
        Assert.NotEmpty(person.Elsewhere);
        foreach (var episodeRef in person.Own) Assert.Contains(episodeRef, page);
        foreach (var episodeRef in person.Elsewhere) Assert.DoesNotContain(episodeRef, page);
        Assert.DoesNotContain("OLDCO", page);
    }
}
