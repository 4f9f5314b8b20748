using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Data.Sqlite;
using Npgsql;
using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Pathway.Infrastructure;

/// <summary>Where telemetry goes: the OTLP endpoint and protocol, read from the standard OpenTelemetry variables.</summary>
public sealed record TelemetryExport(Uri Endpoint, OtlpExportProtocol Protocol)
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";
    public const string ProtocolVariable = "OTEL_EXPORTER_OTLP_PROTOCOL";

    /// <summary>
    /// Null when no endpoint is set: then nothing is exported and no exporter exists. A setting that cannot be used is
    /// <paramref name="problem"/>, one sentence for `serve` to refuse with.
    /// </summary>
    public static TelemetryExport? Read(string? endpoint, string? protocol, out string? problem)
    {
        problem = null;
        if (string.IsNullOrWhiteSpace(endpoint)) return null;
        if (!Uri.TryCreate(endpoint.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            problem = $"{EndpointVariable} must be an absolute http:// or https:// address (such as http://localhost:4318), not \"{endpoint}\".";
            return null;
        }
        // The OpenTelemetry specification's default is http/protobuf (port 4318), which every collector accepts.
        var chosen = (protocol ?? "").Trim().ToLowerInvariant() switch
        {
            "" or "http/protobuf" => OtlpExportProtocol.HttpProtobuf,
            "grpc" => OtlpExportProtocol.Grpc,
            _ => (OtlpExportProtocol?)null,
        };
        if (chosen is null)
        {
            problem = $"{ProtocolVariable} must be http/protobuf or grpc, not \"{protocol}\".";
            return null;
        }
        return new TelemetryExport(uri, chosen.Value);
    }

    public static TelemetryExport? Read(IConfiguration configuration, out string? problem) =>
        Read(configuration[EndpointVariable], configuration[ProtocolVariable], out problem);

    /// <summary>The exporter's address for one signal: with http/protobuf each signal has its own path under the base.</summary>
    public Uri For(string signal) => Protocol == OtlpExportProtocol.Grpc ? Endpoint
        : new Uri(Endpoint.AbsoluteUri.TrimEnd('/') + "/v1/" + signal);
}

/// <summary>
/// Pathway's traces, metrics and logs (OpenTelemetry), exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c>
/// is set. Nothing here may carry a client's details: spans hold routes, statement text with parameter placeholders and
/// counts; metrics hold counts and durations tagged with record types, never identifiers or values.
/// </summary>
public static class Telemetry
{
    public const string Name = "Pathway";
    public static readonly ActivitySource Source = new(Name);

    // One meter, and every instrument Pathway records, here.
    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> RowsLoaded = Meter.CreateCounter<long>("pathway.load.rows", "{row}",
        "Rows read from bundles that were loaded (not previews).");
    private static readonly Histogram<double> LoadDuration = Meter.CreateHistogram<double>("pathway.load.duration", "s",
        "Time to check, stage and write a bundle that was loaded.");
    private static readonly Histogram<double> LoadRate = Meter.CreateHistogram<double>("pathway.load.rate", "{row}/s",
        "Rows per second of each bundle loaded.");
    private static readonly Histogram<double> ReportDuration = Meter.CreateHistogram<double>("pathway.report.duration", "s",
        "Time to compute and write an indicator report.");
    private static readonly Counter<long> FailedSignIns = Meter.CreateCounter<long>("pathway.sign_in.failed", "{attempt}",
        "Sign-ins refused: a wrong email or password, or a wrong authenticator code.");
    private static readonly Counter<long> RefusedAccesses = Meter.CreateCounter<long>("pathway.access.refused", "{refusal}",
        "Requests for a record, export or load outside the user's scope.");

    public static void Loaded(long rows, TimeSpan took)
    {
        RowsLoaded.Add(rows);
        LoadDuration.Record(took.TotalSeconds);
        if (took > TimeSpan.Zero) LoadRate.Record(rows / took.TotalSeconds);
    }

    public static void ReportWritten(string format, TimeSpan took) =>
        ReportDuration.Record(took.TotalSeconds, new KeyValuePair<string, object?>("pathway.report.format", format));

    /// <param name="step">"password" or "authenticator": never the email given.</param>
    public static void SignInFailed(string step) => FailedSignIns.Add(1, new KeyValuePair<string, object?>("pathway.sign_in.step", step));

    /// <param name="recordType">What kind of record was refused (person, episode, source …), never which one.</param>
    public static void AccessRefused(string? recordType) =>
        RefusedAccesses.Add(1, new KeyValuePair<string, object?>("pathway.record.type", recordType ?? "none"));

    /// <summary>
    /// The web app's telemetry: request spans (without query strings), database spans of both databases, Pathway's own
    /// metrics with request latency, and logs — all only when an OTLP endpoint is configured.
    /// </summary>
    public static void AddPathwayTelemetry(this WebApplicationBuilder builder)
    {
        // `serve` refuses a bad setting before this runs (ServeConfiguration); a host that skips that check exports nothing.
        if (TelemetryExport.Read(builder.Configuration, out _) is not { } export) return;
        SqliteCommandSpans.Enable();
        builder.Logging.AddOpenTelemetry(logs =>
        {
            logs.IncludeFormattedMessage = true;
            logs.IncludeScopes = false;
        });
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(Describe)
            .WithTracing(tracing => tracing
                .AddSource(Name)
                .AddNpgsql()
                .AddAspNetCoreInstrumentation(o =>
                {
                    // Query strings can hold what someone typed (a search for a name): never exported, values or keys.
                    o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null);
                    // Exceptions may quote the data that caused them.
                    o.RecordException = false;
                }))
            .WithMetrics(metrics => metrics
                .AddMeter(Name)
                .AddAspNetCoreInstrumentation())
            .UseOtlpExporter(export.Protocol, export.Endpoint);
    }

    /// <summary>
    /// A command-line verb's telemetry: one span for the run, its database spans and Pathway's metrics, flushed when the
    /// returned scope is disposed. Null when nothing is exported.
    /// </summary>
    public static VerbRun? StartVerb(string verb)
    {
        if (TelemetryExport.Read(Environment.GetEnvironmentVariable(TelemetryExport.EndpointVariable),
                Environment.GetEnvironmentVariable(TelemetryExport.ProtocolVariable), out _) is not { } export)
            return null;
        SqliteCommandSpans.Enable();
        var resource = ResourceBuilder.CreateDefault();
        Describe(resource);
        var tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(Name)
            .AddNpgsql()
            .AddOtlpExporter(o => { o.Endpoint = export.For("traces"); o.Protocol = export.Protocol; })
            .Build();
        var metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(Name)
            .AddOtlpExporter(o => { o.Endpoint = export.For("metrics"); o.Protocol = export.Protocol; })
            .Build();
        var span = Source.StartActivity("pathway " + verb);
        span?.SetTag("pathway.verb", verb);
        return new VerbRun(span, tracing, metrics);
    }

    /// <summary>Service "pathway" with this build's version, unless the operator names it with OTEL_SERVICE_NAME.</summary>
    private static void Describe(ResourceBuilder resource)
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
            resource.AddService("pathway", serviceVersion: typeof(Telemetry).Assembly.GetName().Version?.ToString());
    }

    public sealed class VerbRun(Activity? span, TracerProvider tracing, MeterProvider metrics) : IAsyncDisposable
    {
        public void Ended(int exitCode)
        {
            span?.SetTag("process.exit.code", exitCode);
            if (exitCode != 0) span?.SetStatus(ActivityStatusCode.Error);
        }

        public ValueTask DisposeAsync()
        {
            span?.Stop();
            // Disposing flushes: a verb's process ends straight after, so nothing is left waiting in a batch.
            tracing.Dispose();
            metrics.Dispose();
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>
/// Spans for SQLite commands. Npgsql traces its own commands; Microsoft.Data.Sqlite does not, and the EF Core
/// instrumentation is pre-release only, so EF Core's diagnostic events for SQLite commands become spans here. A span
/// carries the statement text, whose values are parameters (<c>@p0</c>), never the parameters' values.
/// </summary>
internal sealed class SqliteCommandSpans : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string Executing = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";
    private const string Executed = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuted";
    private const string Failed = "Microsoft.EntityFrameworkCore.Database.Command.CommandError";
    private const string Canceled = "Microsoft.EntityFrameworkCore.Database.Command.CommandCanceled";

    private static int enabled;
    private readonly ConcurrentDictionary<Guid, Activity> running = new();

    public static void Enable()
    {
        if (Interlocked.Exchange(ref enabled, 1) == 0) DiagnosticListener.AllListeners.Subscribe(new SqliteCommandSpans());
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == "Microsoft.EntityFrameworkCore")
            listener.Subscribe(this, name => name is Executing or Executed or Failed or Canceled);
    }

    public void OnNext(KeyValuePair<string, object?> change)
    {
        switch (change.Value)
        {
            case Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data when change.Key == Executing:
                if (data.Command is not SqliteCommand command || !Telemetry.Source.HasListeners()) return;
                var operation = Operation(command.CommandText);
                var span = Telemetry.Source.StartActivity(operation + " sqlite", ActivityKind.Client);
                if (span is null) return;
                span.SetTag("db.system.name", "sqlite");
                span.SetTag("db.operation.name", operation);
                span.SetTag("db.query.text", command.CommandText);
                running[data.CommandId] = span;
                break;
            case Microsoft.EntityFrameworkCore.Diagnostics.CommandEndEventData end when change.Key is Executed or Failed or Canceled:
                if (!running.TryRemove(end.CommandId, out var started)) return;
                if (change.Key == Failed) started.SetStatus(ActivityStatusCode.Error);
                // The command may finish in another async flow than it began: put back whatever was current there.
                var current = Activity.Current;
                started.Stop();
                if (current != started) Activity.Current = current;
                break;
        }
    }

    private static string Operation(string text)
    {
        var trimmed = text.AsSpan().TrimStart();
        var end = trimmed.IndexOfAny(" \r\n\t(");
        var word = (end < 0 ? trimmed : trimmed[..end]).ToString().ToUpperInvariant();
        return word is "SELECT" or "INSERT" or "UPDATE" or "DELETE" or "WITH" or "CREATE" or "DROP" or "ALTER" or "PRAGMA" or "BEGIN"
            or "COMMIT" or "ROLLBACK" or "SAVEPOINT" or "RELEASE" ? word : "SQL";
    }

    public void OnCompleted() { }
    public void OnError(Exception error) { }
}
