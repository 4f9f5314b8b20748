using Hl7.Fhir.Model;
using Pathway.Api;
using Pathway.Infrastructure;

namespace Pathway.Fhir;

/// <summary><c>GET /fhir/metadata</c>: exactly what Pathway's FHIR endpoint does, and the UK Core profiles it claims.</summary>
public static class Capability
{
    private static readonly (ResourceType Type, string Profile, string[] Searches)[] Reads =
    [
        (ResourceType.Patient, UkCore.PatientProfile, ["identifier"]),
        (ResourceType.EpisodeOfCare, UkCore.EpisodeOfCareProfile, ["patient", "status"]),
        (ResourceType.QuestionnaireResponse, UkCore.QuestionnaireResponseProfile, ["patient"]),
        (ResourceType.CarePlan, UkCore.CarePlanProfile, ["patient"]),
        (ResourceType.MedicationRequest, UkCore.MedicationRequestProfile, ["patient"]),
    ];

    public static CapabilityStatement Statement(HttpContext http)
    {
        var statement = new CapabilityStatement
        {
            Status = PublicationStatus.Active,
            Date = http.Time().GetUtcNow().ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            Kind = CapabilityStatementKind.Instance,
            Software = new CapabilityStatement.SoftwareComponent
            {
                Name = "Pathway",
                Version = typeof(Capability).Assembly.GetName().Version?.ToString(3),
            },
            Implementation = new CapabilityStatement.ImplementationComponent
            {
                Description = "Pathway: case management for drug and alcohol treatment services",
                Url = $"{http.Request.Scheme}://{http.Request.Host}{FhirEndpoints.Base}",
            },
            FhirVersion = FHIRVersion.N4_0_1,
            Format = [FhirJson.MediaType],
        };
        var server = new CapabilityStatement.RestComponent
        {
            Mode = CapabilityStatement.RestfulCapabilityMode.Server,
            Documentation = $"Records of the client's own provider only. A bearer token from {ApiTokens.Path} (OAuth 2.0 client credentials): "
                + $"scope {ApiScopes.RecordsRead} to read and search, {ApiScopes.ReferralsWrite} to send a referral. Errors are OperationOutcome.",
            Security = new CapabilityStatement.SecurityComponent
            {
                Service = [new CodeableConcept("http://terminology.hl7.org/CodeSystem/restful-security-service", "OAuth", "OAuth")],
                Description = $"OAuth 2.0 client credentials at {ApiTokens.Path}; clients are registered by an administrator.",
            },
        };
        foreach (var (type, profile, searches) in Reads)
        {
            var resource = new CapabilityStatement.ResourceComponent
            {
                Type = type.ToString(),
                SupportedProfile = [profile],
                Interaction = [new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.Read },
                    new CapabilityStatement.ResourceInteractionComponent { Code = CapabilityStatement.TypeRestfulInteraction.SearchType }],
            };
            foreach (var search in searches)
                resource.SearchParam.Add(new CapabilityStatement.SearchParamComponent
                {
                    Name = search,
                    Type = search switch { "patient" => SearchParamType.Reference, _ => SearchParamType.Token },
                    Documentation = (type, search) switch
                    {
                        (ResourceType.Patient, _) => $"{UkCore.NhsNumberSystem}|NHS_NUMBER",
                        (ResourceType.EpisodeOfCare, "status") => "waitlist: the referral queue (referred, not yet triaged); active; finished",
                        _ => "A Patient's id (ID or Patient/ID)",
                    },
                });
            server.Resource.Add(resource);
        }
        server.Resource.Add(new CapabilityStatement.ResourceComponent
        {
            Type = ResourceType.ServiceRequest.ToString(),
            SupportedProfile = [UkCore.ServiceRequestProfile],
            Documentation = "A referral, received only inside a transaction Bundle with its Patient (POST /fhir); it becomes an EpisodeOfCare "
                + $"waiting for triage. reasonCode: the main substance ({UkCore.SubstanceSystem}); category: who referred ({UkCore.ReferralSourceSystem}).",
        });
        server.Interaction.Add(new CapabilityStatement.SystemInteractionComponent
        {
            Code = CapabilityStatement.SystemRestfulInteraction.Transaction,
            Documentation = "A referral: one ServiceRequest and its Patient, shaped after the NHS Booking and Referral Standard. All or nothing.",
        });
        statement.Rest.Add(server);
        return statement;
    }
}
