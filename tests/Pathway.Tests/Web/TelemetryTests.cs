using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Web;

/// <remarks>
/// Alone, never beside another test: a site's tracer listens to process-wide sources (Pathway's own, with the SQLite command
/// spans, ASP.NET Core's and Npgsql's), so a test running beside it in this process has its spans exported too, and another
/// test's query holding a demo name or sign-in as a literal made the "no client details" check fail once in CI.
/// </remarks>
[Collection(nameof(ProcessEnvironment))]
public class TelemetryTests
{
    [Theory, DatabaseData]
    public async Task APageViewExportsATraceWithItsDatabaseSpansAndNoClientDetails(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 20, Years: 1, Seed: 8), new DateOnly(2026, 11, 23));
        await using var db = database.Open();
        // A case with every detail a leak could show: names, date of birth and NHS number.
        var client = await db.Episodes.AsNoTracking()
            .Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.ClientRecord.NhsNumber != null && e.ClientRecord.FamilyName != null
                        && e.ClientRecord.GivenName != null)
            .Select(e => new { e.Id, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.ClientRecord.NhsNumber, e.Person.DateOfBirth })
            .FirstAsync();
        await using var receiver = await OtlpReceiver.StartAsync();
        var page = $"/episodes/{client.Id}";

        string html;
        await using (var site = await TestSite.StartAsync(database.Target, configuration: new()
                     {
                         ["OTEL_EXPORTER_OTLP_ENDPOINT"] = receiver.Address.ToString(),
                         ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
                     }))
        {
            using var http = site.NewClient();
            var email = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email;
            // A wrong password first, for the failed sign-in counter.
            Assert.Equal(HttpStatusCode.OK, (await TestSite.SignInAsync(http, email, "not-the-password")).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await TestSite.SignInAsync(http, email, DemoArea.Password)).StatusCode);
            // The name in the query string too, as a search box would put it there.
            var response = await http.GetAsync($"{page}?q={Uri.EscapeDataString(client.FamilyName!)}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            html = await response.Content.ReadAsStringAsync();
        } // Stopping the site flushes every exporter.

        // The page did show the details, so their absence below means something.
        var shownBirth = client.DateOfBirth.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);
        Assert.Contains(client.FamilyName!, html);
        Assert.Contains(client.NhsNumber!, html);
        Assert.Contains(shownBirth, html);

        var spans = receiver.Bodies("traces").SelectMany(OtlpWire.Spans).ToList();
        var request = Assert.Single(spans, s => s.Attributes.GetValueOrDefault("url.path") == page);
        Assert.Equal("GET", request.Attributes["http.request.method"]);
        Assert.False(request.Attributes.ContainsKey("url.query"));
        var databaseSpans = spans.Where(s => s.TraceId == request.TraceId && IsDatabaseSpan(s)).ToList();
        Assert.NotEmpty(databaseSpans);
        Assert.All(databaseSpans, s => Assert.Equal(kind == DatabaseKind.Sqlite ? "sqlite" : "postgresql",
            s.Attributes.GetValueOrDefault("db.system.name") ?? s.Attributes.GetValueOrDefault("db.system")));
        // Database spans hang under the request: their chain of parents reaches it.
        var byId = spans.ToDictionary(s => s.SpanId);
        Assert.All(databaseSpans, s => Assert.True(Reaches(s, request.SpanId, byId), $"{s.Name} is not under the request span"));

        Assert.NotEmpty(receiver.Bodies("logs"));
        var metrics = Encoding.UTF8.GetString(receiver.Bodies("metrics").SelectMany(b => b).ToArray());
        Assert.Contains("http.server.request.duration", metrics);
        Assert.Contains("pathway.sign_in.failed", metrics);

        // Nothing exported — span, attribute, log or metric — carries the client's details. Protobuf strings are plain
        // UTF-8, so a search of the raw bodies finds them wherever they would be.
        var exported = receiver.AllBodies.Select(b => Encoding.UTF8.GetString(b)).ToList();
        Assert.NotEmpty(exported);
        foreach (var detail in new[] { client.GivenName!, client.FamilyName!, client.NhsNumber!, shownBirth,
                     client.DateOfBirth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                     client.DateOfBirth.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture),
                     // Nor the member of staff's sign-in.
                     DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email })
        {
            Assert.DoesNotContain(exported, body => body.Contains(detail, StringComparison.OrdinalIgnoreCase));
            Assert.DoesNotContain(spans, s => s.Name.Contains(detail, StringComparison.OrdinalIgnoreCase)
                                              || s.Attributes.Values.Any(v => v.Contains(detail, StringComparison.OrdinalIgnoreCase)));
        }
    }

    [Fact]
    public async Task WithoutAnEndpointNoTelemetryPipelineExists()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var site = await TestSite.StartAsync(database.Target);
        using var http = site.NewClient();

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/health")).StatusCode);
        Assert.Null(site.Services.GetService(typeof(OpenTelemetry.Trace.TracerProvider)));
        Assert.Null(site.Services.GetService(typeof(OpenTelemetry.Metrics.MeterProvider)));
        Assert.Null(site.Services.GetService(typeof(OpenTelemetry.Logs.LoggerProvider)));
    }

    private static bool IsDatabaseSpan(ExportedSpan span) =>
        span.Attributes.ContainsKey("db.system.name") || span.Attributes.ContainsKey("db.system");

    private static bool Reaches(ExportedSpan span, string ancestor, Dictionary<string, ExportedSpan> byId)
    {
        for (var parent = span.ParentSpanId; parent.Length > 0; parent = byId.TryGetValue(parent, out var next) ? next.ParentSpanId : "")
            if (parent == ancestor) return true;
        return false;
    }
}
