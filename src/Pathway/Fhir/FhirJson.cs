using Hl7.Fhir.Model;
using Hl7.Fhir.Serialization;
using Hl7.Fhir.Utility;

namespace Pathway.Fhir;

/// <summary>Marks the endpoints under <c>/fhir</c>: their answers, refusals included, are FHIR JSON (OperationOutcome), never ProblemDetails.</summary>
public sealed class FhirEndpointMetadata;

/// <summary>FHIR R4 JSON in and out, with the Firely SDK's own (strict) serializer and deserializer.</summary>
public static class FhirJson
{
    public const string MediaType = "application/fhir+json";

    private static readonly BaseFhirJsonSerializer Serializer = new(ModelInfo.ModelInspector);
    // Strict: an unknown field or a malformed value is a problem to report, not something to drop quietly.
    private static readonly FhirJsonDeserializer Deserializer = new(new DeserializerSettings());

    public static byte[] Serialize(Resource resource) => Serializer.SerializeToBytes(resource);

    public static string SerializeToString(Resource resource) => Serializer.SerializeToString(resource);

    /// <summary>The resource, or the problems that kept the JSON from being one (each with where it was found).</summary>
    /// <param name="notJson">The problem's words when the text is not JSON at all: about a request's body, or a line of a file.</param>
    public static (Resource? Resource, IReadOnlyList<string> Problems) Parse(string json, string notJson = "The body is not JSON")
    {
        try
        {
            if (Deserializer.TryDeserializeResource(json, out var resource, out var issues))
                return (resource, []);
            return (null, [.. issues.Select(Describe)]);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or FormatException or InvalidOperationException)
        {
            return (null, [$"{notJson}: {e.Message}"]);
        }
    }

    private static string Describe(CodedException issue) => issue.Message;

    /// <summary>An OperationOutcome of one issue per problem, as FHIR answers errors.</summary>
    public static OperationOutcome Outcome(OperationOutcome.IssueType type, IEnumerable<(string? Expression, string Message)> problems)
    {
        var outcome = new OperationOutcome();
        foreach (var (expression, message) in problems)
        {
            var issue = new OperationOutcome.IssueComponent
            {
                Severity = OperationOutcome.IssueSeverity.Error, Code = type, Diagnostics = message,
            };
            if (expression is not null) issue.Expression = [expression];
            outcome.Issue.Add(issue);
        }
        return outcome;
    }

    public static OperationOutcome Outcome(OperationOutcome.IssueType type, string message) => Outcome(type, [(null, message)]);

    /// <summary>The issue type that goes with an HTTP status, for refusals made outside the FHIR handlers (tokens, scopes, rate).</summary>
    public static OperationOutcome.IssueType TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => OperationOutcome.IssueType.Login,
        StatusCodes.Status403Forbidden => OperationOutcome.IssueType.Forbidden,
        StatusCodes.Status404NotFound => OperationOutcome.IssueType.NotFound,
        StatusCodes.Status413PayloadTooLarge => OperationOutcome.IssueType.TooLong,
        StatusCodes.Status429TooManyRequests => OperationOutcome.IssueType.Throttled,
        StatusCodes.Status409Conflict => OperationOutcome.IssueType.Conflict,
        _ => OperationOutcome.IssueType.Invalid,
    };
}

/// <summary>A FHIR resource as the answer, <c>application/fhir+json</c>, with a status and, for a creation, a Location.</summary>
public sealed class FhirResult(Resource resource, int status = StatusCodes.Status200OK, string? location = null) : IResult
{
    public Resource Resource { get; } = resource;
    public int Status { get; } = status;

    public async System.Threading.Tasks.Task ExecuteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        context.Response.ContentType = FhirJson.MediaType + "; charset=utf-8";
        if (location is not null) context.Response.Headers.Location = location;
        await context.Response.Body.WriteAsync(FhirJson.Serialize(Resource), context.RequestAborted);
    }

    public static FhirResult Error(int status, string message) =>
        new(FhirJson.Outcome(FhirJson.TypeOf(status), message), status);
}
