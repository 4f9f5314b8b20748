using Firely.Fhir.Validation;
using Hl7.Fhir.Model;
using Hl7.Fhir.Specification.Source;
using Hl7.Fhir.Specification.Terminology;

namespace Pathway.Tests.Fhir;

/// <summary>
/// The Firely validator, offline: the base R4 specification the SDK ships (specification.zip) and the UK Core 2.0.0 profiles,
/// extensions, value sets and code systems that Pathway's resources use, copied into this folder from ../shared/fhir (Apache 2.0,
/// HL7 UK; see uk-core-2.0.0/README.md). Snapshots are generated here: UK Core publishes differentials.
/// </summary>
public static class UkCoreValidator
{
    private static readonly Lazy<Validator> Instance = new(Create);
    // The snapshot generator behind the resolver runs one generation at a time: test classes running in parallel take turns.
    private static readonly Lock Gate = new();

    private static Validator Create()
    {
        var folder = Pathway.Tests.Infrastructure.RepositoryRoot.Combine("tests", "Pathway.Tests", "Fhir", "uk-core-2.0.0");
        var profiles = new DirectorySource(folder, new DirectorySourceSettings { IncludeSubDirectories = true });
        var resolver = new CachedResolver(new SnapshotSource(new MultiResolver(profiles, ZipSource.CreateValidationSource())));
        return new Validator(resolver, new LocalTerminologyService(resolver));
    }

    /// <summary>The errors (and fatal issues) of validating this resource against its profile; empty when it is valid.</summary>
    public static IReadOnlyList<string> Errors(Resource resource, string profile)
    {
        OperationOutcome outcome;
        lock (Gate) outcome = Instance.Value.Validate(resource, profile);
        return [.. outcome.Issue
            .Where(i => i.Severity is OperationOutcome.IssueSeverity.Error or OperationOutcome.IssueSeverity.Fatal)
            .Select(i => $"{resource.TypeName}/{resource.Id} {string.Join(",", i.Expression ?? [])}: {i.Details?.Text ?? i.Diagnostics}")];
    }

    /// <summary>Asserts the resource is valid against the profile it claims in meta.profile (which must be a UK Core one).</summary>
    public static void AssertValid(Resource resource)
    {
        var profile = Assert.Single(resource.Meta?.Profile ?? [])!;
        Assert.StartsWith("https://fhir.hl7.org.uk/StructureDefinition/UKCore-", profile);
        var errors = Errors(resource, profile);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }
}
