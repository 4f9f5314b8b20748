using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Tests.Exchange;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Api;

/// <summary>The /api/v1 endpoints driven by a program with a real HTTP client: the same answers as the verbs, held to the client's scope.</summary>
public class ApiEndpointTests
{
    private const string Year = "from=2024-04-01&to=2025-03-31&asOf=2026-01-01";

    private static async Task<TestDatabase> WithOldExampleAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");
        await RealStaff.AddProviderAsync(database, "NEWCO", "New Company");
        await RealStaff.AddLocalAuthorityAsync(database, "E08000007", "Stockport");
        await RealStaff.AddLocalAuthorityAsync(database, "E08000002", "Bury");
        Assert.Equal(0, (await Cli.RunAsync("load", LoadAndExportTests.OldExample, "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        return database;
    }

    private static async Task<JsonNode> ReportAsync(TestDatabase database, params string[] selection)
    {
        var report = await Cli.RunAsync(["report", "--from", "2024-04-01", "--to", "2025-03-31", "--as-of", "2026-01-01", "--format", "json",
            "--db", database.DbArgument, .. selection]);
        Assert.Equal(0, report.ExitCode);
        return JsonNode.Parse(report.Out)!;
    }

    [Theory, DatabaseData]
    public async Task TheIndicatorsAreTheReportVerbsJsonHeldToTheClientsProviderOrCouncil(DatabaseKind kind)
    {
        await using var database = await WithOldExampleAsync(kind);
        var providerClient = await ApiSession.AddAsync(database, "indicators:read", provider: "OLDCO");
        var councilClient = await ApiSession.AddAsync(database, "indicators:read", localAuthority: "E08000007");
        await using var site = await ApiSession.StartAsync(database);
        using var provider = await ApiSession.ProgramAsync(site, providerClient);
        using var council = await ApiSession.ProgramAsync(site, councilClient);

        var ownProvider = await provider.GetAsync($"/api/v1/indicators?{Year}");
        var ownCouncil = await council.GetAsync($"/api/v1/indicators?{Year}&localAuthority=E08000007");
        var otherProvider = await provider.GetAsync($"/api/v1/indicators?{Year}&provider=NEWCO");
        var otherCouncil = await council.GetAsync($"/api/v1/indicators?{Year}&localAuthority=E08000002");

        Assert.Equal(HttpStatusCode.OK, ownProvider.StatusCode);
        var expected = await ReportAsync(database, "--provider", "OLDCO");
        Assert.True(JsonNode.DeepEquals(expected, JsonNode.Parse(await ownProvider.Content.ReadAsStringAsync())));
        Assert.True(JsonNode.DeepEquals(await ReportAsync(database, "--local-authority", "E08000007"),
            JsonNode.Parse(await ownCouncil.Content.ReadAsStringAsync())));
        // Not trivially equal: the council's figures are not the provider's.
        Assert.False(JsonNode.DeepEquals(expected, await ReportAsync(database, "--local-authority", "E08000007")));
        foreach (var refused in new[] { otherProvider, otherCouncil })
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
            Assert.Contains("may ask only for its figures", (await ApiSession.ProblemAsync(refused)).GetProperty("detail").GetString());
        }

        await using var db = database.Open();
        var events = await db.AuditEvents.Where(e => e.UserId == "api:" + providerClient.Id).ToListAsync();
        Assert.Contains(events, e => e.Action == AuditActions.View && e.RecordType == AuditedRecordTypes.Indicators && e.Outcome == AuditOutcomes.Allowed);
        Assert.Contains(events, e => e.Action == AuditActions.Refused && e.RecordType == AuditedRecordTypes.Indicators);
        Assert.All(events, e => Assert.Equal("OLDCO", e.ActorProvider));
        Assert.Contains(events, e => e.UserName == "Analysts' tool (API client)");
    }

    [Theory, DatabaseData]
    public async Task RefusalsAreProblemDetails401WithoutATokenAnd403WithoutTheScopeAnd400ForBadDates(DatabaseKind kind)
    {
        await using var database = await WithOldExampleAsync(kind);
        var exporter = await ApiSession.AddAsync(database, "bundles:read", provider: "OLDCO");
        var reader = await ApiSession.AddAsync(database, "indicators:read", provider: "OLDCO");
        await using var site = await ApiSession.StartAsync(database);
        using var anonymous = site.NewClient();
        using var forged = site.NewClient();
        forged.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-token");
        using var withoutScope = await ApiSession.ProgramAsync(site, exporter);
        using var withScope = await ApiSession.ProgramAsync(site, reader);

        foreach (var http in new[] { anonymous, forged })
        {
            var refused = await http.GetAsync($"/api/v1/indicators?{Year}");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            Assert.Equal(401, (await ApiSession.ProblemAsync(refused)).GetProperty("status").GetInt32());
            Assert.Contains(refused.Headers.WwwAuthenticate, h => h.Scheme == "Bearer");
        }
        var noScope = await withoutScope.GetAsync($"/api/v1/indicators?{Year}");
        Assert.Equal(HttpStatusCode.Forbidden, noScope.StatusCode);
        Assert.Contains("indicators:read", (await ApiSession.ProblemAsync(noScope)).GetProperty("detail").GetString());
        var badDate = await withScope.GetAsync("/api/v1/indicators?from=2024-13-01&to=2025-03-31");
        Assert.Equal(HttpStatusCode.BadRequest, badDate.StatusCode);
        Assert.Contains("from must be a date written YYYY-MM-DD", (await ApiSession.ProblemAsync(badDate)).GetProperty("detail").GetString());
        var backwards = await withScope.GetAsync("/api/v1/indicators?from=2025-04-01&to=2025-03-31");
        Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
        Assert.Contains("from must not be after to", (await ApiSession.ProblemAsync(backwards)).GetProperty("detail").GetString());
        var missing = await withScope.GetAsync("/api/v1/indicators?to=2025-03-31");
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);

        await using var db = database.Open();
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.Action == AuditActions.Refused && e.UserId == "api:" + exporter.Id);
    }

    [Theory, DatabaseData]
    public async Task ABundleLoadsAllOrNothingAndItsExportIsPathwayExportsFiles(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");
        await RealStaff.AddProviderAsync(database, "NEWCO", "New Company");
        var loader = await ApiSession.AddAsync(database, "bundles:write bundles:read", provider: "OLDCO");
        var other = await ApiSession.AddAsync(database, "bundles:write bundles:read", provider: "NEWCO");
        await using var site = await ApiSession.StartAsync(database);
        using var program = await ApiSession.ProgramAsync(site, loader);
        using var otherProgram = await ApiSession.ProgramAsync(site, other);
        using var bundle = new TestBundle();
        using var broken = new TestBundle();
        broken.Set("episodes.csv", 2, "referral_date", "2024-02-30");
        var good = bundle.WriteZip();

        var refused = await program.PostAsync("/api/v1/bundles?source=SYS1", Zip(broken.WriteZip()));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        var problems = (await ApiSession.ProblemAsync(refused)).GetProperty("problems");
        Assert.Contains(problems.EnumerateArray(), p => p.GetProperty("file").GetString() == "episodes.csv"
            && p.GetProperty("line").GetInt32() == 2 && p.GetProperty("column").GetString() == "referral_date"
            && p.GetProperty("rule").GetString()!.Length > 0);
        await using (var db = database.Open()) Assert.Equal(0, await db.Episodes.CountAsync());

        var loaded = await program.PostAsync("/api/v1/bundles?source=SYS1", Zip(good));
        Assert.Equal(HttpStatusCode.OK, loaded.StatusCode);
        var counts = JsonDocument.Parse(await loaded.Content.ReadAsStringAsync()).RootElement.GetProperty("counts").EnumerateArray().ToList();
        Assert.Contains(counts, c => c.GetProperty("file").GetString() == "episodes.csv" && c.GetProperty("added").GetInt32() == 2);
        var again = await program.PostAsync("/api/v1/bundles?source=SYS1", Zip(good));
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var countsAgain = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("counts").EnumerateArray().ToList();
        Assert.All(countsAgain, c => Assert.Equal(0, c.GetProperty("added").GetInt32() + c.GetProperty("changed").GetInt32()));
        Assert.Contains(countsAgain, c => c.GetProperty("unchanged").GetInt32() > 0);

        // Another provider may neither load OLDCO's episodes nor export its source.
        Assert.Equal(HttpStatusCode.Forbidden, (await otherProgram.PostAsync("/api/v1/bundles?source=SYS2", Zip(good))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await otherProgram.GetAsync("/api/v1/bundles/SYS1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await program.GetAsync("/api/v1/bundles/NOSUCH")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await program.PostAsync("/api/v1/bundles?source=SYS1", Zip([1, 2, 3]))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await program.PostAsync("/api/v1/bundles?source=../x", Zip(good))).StatusCode);

        var export = await program.GetAsync("/api/v1/bundles/SYS1");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("application/zip", export.Content.Headers.ContentType?.MediaType);
        var folder = Path.Combine(Path.GetTempPath(), $"pathway-api-export-{Guid.NewGuid():N}");
        try
        {
            Assert.Equal(0, (await Cli.RunAsync("export", folder, "--source", "SYS1", "--db", database.DbArgument)).ExitCode);
            using var zip = new ZipArchive(await export.Content.ReadAsStreamAsync());
            var expected = Directory.GetFiles(Path.Combine(folder, "SYS1")).Select(f => Path.GetFileName(f)!).Order().ToList();
            Assert.Equal(expected, zip.Entries.Select(e => e.Name).Order().ToList());
            foreach (var entry in zip.Entries)
            {
                using var reader = new StreamReader(entry.Open());
                Assert.Equal(await File.ReadAllTextAsync(Path.Combine(folder, "SYS1", entry.Name)), await reader.ReadToEndAsync());
            }
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        await using var check = database.Open();
        var events = await check.AuditEvents.Where(e => e.UserId == "api:" + loader.Id).ToListAsync();
        Assert.Contains(events, e => e.Action == AuditActions.Change && e.RecordType == AuditedRecordTypes.Source && e.Outcome == AuditOutcomes.Succeeded);
        Assert.Contains(events, e => e.Action == AuditActions.Change && e.Outcome == AuditOutcomes.Failed);
        Assert.Contains(events, e => e.Action == AuditActions.Export && e.RecordId == "SYS1" && e.Outcome == AuditOutcomes.Allowed);
    }

    [Theory, DatabaseData]
    public async Task AClientOverItsRateGets429WhileAnotherClientIsServed(DatabaseKind kind)
    {
        await using var database = await WithOldExampleAsync(kind);
        var busy = await ApiSession.AddAsync(database, "indicators:read", provider: "OLDCO");
        var quiet = await ApiSession.AddAsync(database, "indicators:read", provider: "OLDCO");
        await using var site = await ApiSession.StartAsync(database, requestsPerMinute: 3);
        using var busyProgram = await ApiSession.ProgramAsync(site, busy);
        using var quietProgram = await ApiSession.ProgramAsync(site, quiet);

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++) statuses.Add((await busyProgram.GetAsync($"/api/v1/indicators?{Year}")).StatusCode);
        var limited = await busyProgram.GetAsync($"/api/v1/indicators?{Year}");

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal(429, (await ApiSession.ProblemAsync(limited)).GetProperty("status").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await quietProgram.GetAsync($"/api/v1/indicators?{Year}")).StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocumentListsEveryEndpointWithItsScopeAndErrors()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var site = await ApiSession.StartAsync(database);
        using var http = site.NewClient();

        var response = await http.GetAsync("/openapi/v1.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;

        var flow = document["components"]!["securitySchemes"]!["oauth2"]!["flows"]!["clientCredentials"]!;
        Assert.Equal("/connect/token", flow["tokenUrl"]!.GetValue<string>());
        var api = site.Endpoints.Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true).ToList();
        Assert.True(api.Count >= 3);
        foreach (var endpoint in api)
        {
            var path = "/" + endpoint.RoutePattern.RawText!.Trim('/');
            var method = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods.Single().ToLowerInvariant();
            var operation = document["paths"]![path]?[method];
            Assert.True(operation is not null, $"{method} {path} is not in the document");
            var scope = endpoint.Metadata.GetMetadata<Pathway.Api.RequiredScope>()!.Scope;
            Assert.Equal(scope, operation!["security"]![0]!["oauth2"]![0]!.GetValue<string>());
            foreach (var status in new[] { "401", "403", "429" }) Assert.NotNull(operation["responses"]![status]);
        }
        Assert.NotNull(document["paths"]!["/api/v1/bundles"]!["post"]!["responses"]!["422"]);
    }

    private static ByteArrayContent Zip(string path) => Zip(File.ReadAllBytes(path));

    private static ByteArrayContent Zip(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return content;
    }
}
