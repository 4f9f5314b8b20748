using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Api;

/// <summary>The administrators' API clients page, the reference page, and every API endpoint refusing every other scope.</summary>
public partial class ApiAdministrationTests
{
    private static readonly DemoSignIn Admin = DemoArea.SignIns.Single(u => u.Role == Roles.Administrator);
    private static readonly DemoSignIn Worker = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);

    [GeneratedRegex("id=\"client-id\">([^<]+)</code>")]
    private static partial Regex ShownId();
    [GeneratedRegex("id=\"client-secret\">([^<]+)</code>")]
    private static partial Regex ShownSecret();

    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 1, Seed: 9), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    [Theory, DatabaseData]
    public async Task AnAdministratorRegistersRotatesAndRevokesAClientOnThePage(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var admin = site.NewClient();
        await TestSite.SignInAsync(admin, Admin.Email, DemoArea.Password);
        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, Worker.Email, DemoArea.Password);

        var refusedToWorker = await worker.GetAsync("/admin/api-clients");
        Assert.True(refusedToWorker.StatusCode is HttpStatusCode.Forbidden
            || refusedToWorker.Headers.Location?.ToString().Contains("status=403") == true, refusedToWorker.StatusCode.ToString());

        var invalid = await TestSite.PostFormAsync(admin, "/admin/api-clients", "/admin/api-clients?handler=Add",
            new() { ["Input.Name"] = "", ["Input.Provider"] = "" });
        var invalidPage = await invalid.Content.ReadAsStringAsync();
        Assert.Contains("Enter the client system&#x27;s name", invalidPage);
        Assert.Contains("Choose at least one scope", invalidPage);

        var added = await (await TestSite.PostFormAsync(admin, "/admin/api-clients", "/admin/api-clients?handler=Add",
            new() { ["Input.Name"] = "Performance feed", ["Input.Scopes"] = "indicators:read", ["Input.Provider"] = "NEWCO" })).Content.ReadAsStringAsync();
        var clientId = ShownId().Match(added).Groups[1].Value;
        var secret = ShownSecret().Match(added).Groups[1].Value;
        Assert.StartsWith("pathway-", clientId);
        Assert.True(secret.Length >= 40);
        // Shown once: the list page afterwards names the client but never the secret.
        var list = await admin.GetStringAsync("/admin/api-clients");
        Assert.Contains(clientId, list);
        Assert.DoesNotContain(secret, list);

        using var program = site.NewClient();
        Assert.True((await ApiSession.AskForTokenAsync(program, clientId, secret)).IsSuccessStatusCode);

        int id;
        await using (var db = database.Open()) id = await db.ApiClients.Where(c => c.ClientId == clientId).Select(c => c.Id).SingleAsync();
        var rotated = await (await TestSite.PostFormAsync(admin, "/admin/api-clients", "/admin/api-clients?handler=Rotate",
            new() { ["id"] = id.ToString() })).Content.ReadAsStringAsync();
        var newSecret = ShownSecret().Match(rotated).Groups[1].Value;
        Assert.NotEqual(secret, newSecret);
        Assert.False((await ApiSession.AskForTokenAsync(program, clientId, secret)).IsSuccessStatusCode);
        var token = await ApiSession.TokenAsync(program, new RegisteredClient(clientId, newSecret));
        program.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await program.GetAsync("/api/v1/indicators?from=2025-04-01&to=2026-03-31")).StatusCode);

        var revoked = await TestSite.PostFormAsync(admin, "/admin/api-clients", "/admin/api-clients?handler=Revoke", new() { ["id"] = id.ToString() });
        Assert.Contains("is revoked", await revoked.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, (await program.GetAsync("/api/v1/indicators?from=2025-04-01&to=2026-03-31")).StatusCode);
        Assert.False((await ApiSession.AskForTokenAsync(site.NewClient(), clientId, newSecret)).IsSuccessStatusCode);

        await using var check = database.Open();
        Assert.Equal(3, await check.AuditEvents.CountAsync(e => e.RecordType == AuditedRecordTypes.ApiClient && e.RecordId == clientId
            && e.Action == AuditActions.Change && e.UserName == Admin.Email));
    }

    [Theory, DatabaseData]
    public async Task EveryApiEndpointRefusesNoTokenAndEveryOtherScope(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");
        await using var site = await ApiSession.StartAsync(database);
        var api = ProgramEndpoints(site.Endpoints).ToList();
        Assert.Contains(api, e => AccessRules.Route(e).StartsWith("/api/v1", StringComparison.Ordinal));
        Assert.Contains(api, e => AccessRules.Route(e) == "/fhir/Patient/{id}");
        Assert.Contains(api, e => AccessRules.Route(e) == "/fhir/");
        Assert.Empty(Unscoped(api));
        var programs = new Dictionary<string, HttpClient>();
        foreach (var scope in Pathway.Api.ApiScopes.All)
            programs[scope] = await ApiSession.ProgramAsync(site, await ApiSession.AddAsync(database, scope, provider: "OLDCO", name: scope));
        using var anonymous = site.NewClient();

        var wrong = new List<string>();
        foreach (var endpoint in api)
        {
            var path = AccessRules.Address(AccessRules.Route(endpoint), 1);
            var method = new HttpMethod(endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.IHttpMethodMetadata>()!.HttpMethods.Single());
            var needed = endpoint.Metadata.GetMetadata<Pathway.Api.RequiredScope>()!.Scope;
            var none = await anonymous.SendAsync(new HttpRequestMessage(method, path));
            if (none.StatusCode != HttpStatusCode.Unauthorized) wrong.Add($"{method} {path} without a token: {(int)none.StatusCode}");
            foreach (var (scope, program) in programs.Where(p => p.Key != needed))
            {
                var response = await program.SendAsync(new HttpRequestMessage(method, path));
                if (response.StatusCode != HttpStatusCode.Forbidden) wrong.Add($"{method} {path} with {scope}: {(int)response.StatusCode}");
                // Each refusal in the endpoint's own language: OperationOutcome under /fhir, ProblemDetails elsewhere.
                var expected = path.StartsWith("/fhir", StringComparison.Ordinal) ? Pathway.Fhir.FhirJson.MediaType : "application/problem+json";
                if (response.Content.Headers.ContentType?.MediaType != expected) wrong.Add($"{method} {path} with {scope}: {response.Content.Headers.ContentType}");
            }
        }
        foreach (var program in programs.Values) program.Dispose();
        Assert.True(wrong.Count == 0, string.Join("\n", wrong));
    }

    /// <summary>The endpoints for programs: everything under /api/v1 and /fhir but the (public) CapabilityStatement.</summary>
    public static IEnumerable<Microsoft.AspNetCore.Routing.RouteEndpoint> ProgramEndpoints(IEnumerable<Microsoft.AspNetCore.Routing.RouteEndpoint> endpoints) =>
        endpoints.Where(e => AccessRules.Route(e) is var route
            && (route.StartsWith("/api/v1", StringComparison.Ordinal) || route.StartsWith("/fhir", StringComparison.Ordinal))
            && !AccessRules.PublicDocuments.Contains(route));

    /// <summary>Program endpoints that demand no scope: each would be open to any client's token whatever it was given.</summary>
    public static IEnumerable<string> Unscoped(IEnumerable<Microsoft.AspNetCore.Routing.RouteEndpoint> endpoints) =>
        ProgramEndpoints(endpoints).Where(e => e.Metadata.GetMetadata<Pathway.Api.RequiredScope>() is null)
            .Select(e => $"{AccessRules.Route(e)}: demands no scope");

    [Fact]
    public void AProgramEndpointWithoutAScopeIsCaught()
    {
        var unprotected = new Microsoft.AspNetCore.Routing.RouteEndpoint(_ => Task.CompletedTask,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/fhir/Test/{id}"), 0,
            new Microsoft.AspNetCore.Http.EndpointMetadataCollection(new Microsoft.AspNetCore.Routing.HttpMethodMetadata(["GET"])), "deliberately unprotected");
        var scoped = new Microsoft.AspNetCore.Routing.RouteEndpoint(_ => Task.CompletedTask,
            Microsoft.AspNetCore.Routing.Patterns.RoutePatternFactory.Parse("/fhir/Scoped/{id}"), 0,
            new Microsoft.AspNetCore.Http.EndpointMetadataCollection(new Pathway.Api.RequiredScope("records:read")), "scoped");

        Assert.Equal(["/fhir/Test/{id}: demands no scope"], Unscoped([unprotected, scoped]));
    }

    [Fact]
    public async Task TheReferencePageDescribesEveryEndpointWithoutSigningInOrOutsideScripts()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var site = await ApiSession.StartAsync(database);
        using var http = site.NewClient();

        var response = await http.GetAsync("/api");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("GET /api/v1/indicators", html);
        Assert.Contains("POST /api/v1/bundles", html);
        Assert.Contains("GET /api/v1/bundles/{name}", html);
        Assert.Contains("indicators:read", html);
        Assert.DoesNotContain("<script>", html);
        Assert.DoesNotMatch("src=\"https?://", html);
    }
}
