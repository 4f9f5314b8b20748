using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Api;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Api;

/// <summary>Registering client systems, and the tokens they get (or not) from /connect/token.</summary>
public class ApiClientTests
{
    [Theory, DatabaseData]
    public async Task RegisteringAClientPrintsTheSecretOnceAndStoresOnlyItsHash(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");

        var client = await ApiSession.AddAsync(database, "bundles:read bundles:write", provider: "OLDCO");

        await using var db = database.Open();
        var stored = await db.ApiClients.SingleAsync();
        Assert.Equal(client.Id, stored.ClientId);
        Assert.Equal("bundles:write bundles:read", stored.Scopes);
        Assert.Equal("OLDCO", stored.ProviderCode);
        Assert.Equal(SHA256.HashData(Encoding.UTF8.GetBytes(client.Secret)), stored.SecretHash);
        Assert.True(client.Secret.Length >= 40);
        // The secret itself is nowhere in the row.
        Assert.DoesNotContain(client.Secret, JsonSerializer.Serialize(stored));
        Assert.Contains(await db.AuditEvents.ToListAsync(), e => e.RecordType == AuditedRecordTypes.ApiClient && e.RecordId == client.Id);
    }

    [Theory, DatabaseData]
    public async Task RegisteringRefusesUnknownScopesOrganisationsAndRecordsForACouncil(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");
        await RealStaff.AddLocalAuthorityAsync(database, "E08000007", "Stockport");

        async Task<CliResult> Add(params string[] extra) =>
            await Cli.RunAsync(["api-clients", "add", "--name", "Tool", "--db", database.DbArgument, .. extra]);

        var unknownScope = await Add("--scopes", "indicators:write", "--provider", "OLDCO");
        var noOrganisation = await Add("--scopes", "indicators:read");
        var both = await Add("--scopes", "indicators:read", "--provider", "OLDCO", "--local-authority", "E08000007");
        var unknownProvider = await Add("--scopes", "indicators:read", "--provider", "NOPE");
        var councilBundles = await Add("--scopes", "indicators:read bundles:read", "--local-authority", "E08000007");

        foreach (var refused in new[] { unknownScope, noOrganisation, both, unknownProvider, councilBundles })
        {
            Assert.Equal(1, refused.ExitCode);
            Assert.Equal("", refused.Out);
        }
        Assert.Contains("indicators:write is not a scope", unknownScope.Error);
        Assert.Contains("one of them", noOrganisation.Error);
        Assert.Contains("No provider has the code NOPE", unknownProvider.Error);
        Assert.Contains("bundles:read needs a provider", councilBundles.Error);
        await using var db = database.Open();
        Assert.Equal(0, await db.ApiClients.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task ATokenComesForTheRightSecretOnlyAndStopsWorkingWhenTheClientIsRevoked(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");
        var client = await ApiSession.AddAsync(database, "indicators:read", provider: "OLDCO");
        await using var site = await ApiSession.StartAsync(database);
        using var http = site.NewClient();

        var right = await ApiSession.AskForTokenAsync(http, client.Id, client.Secret);
        var wrong = await ApiSession.AskForTokenAsync(http, client.Id, client.Secret[..^2] + "xx");
        var unknown = await ApiSession.AskForTokenAsync(http, "pathway-0000", client.Secret);
        var scopeNotGiven = await ApiSession.AskForTokenAsync(http, client.Id, client.Secret, scope: "bundles:write");

        var token = JsonDocument.Parse(await right.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.Equal("Bearer", token.GetProperty("token_type").GetString());
        Assert.InRange(token.GetProperty("expires_in").GetInt32(), 15 * 60, 60 * 60);
        foreach (var refused in new[] { wrong, unknown })
        {
            Assert.False(refused.IsSuccessStatusCode);
            Assert.Equal("invalid_client", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }
        Assert.Equal("invalid_scope", JsonDocument.Parse(await scopeNotGiven.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/v1/indicators?from=2024-04-01&to=2025-03-31")).StatusCode);

        await using (var db = database.Open())
            Assert.True(await ApiClients.RevokeAsync(db, (await db.ApiClients.SingleAsync()).Id, TimeProvider.System, default));

        // The live token is refused at its next use, and no new one is issued.
        var afterRevoking = await http.GetAsync("/api/v1/indicators?from=2024-04-01&to=2025-03-31");
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoking.StatusCode);
        Assert.Contains("revoked", (await ApiSession.ProblemAsync(afterRevoking)).GetProperty("detail").GetString());
        using var again = site.NewClient();
        Assert.False((await ApiSession.AskForTokenAsync(again, client.Id, client.Secret)).IsSuccessStatusCode);
    }

    [Theory, DatabaseData]
    public async Task RotatingTheSecretRetiresTheOldSecretAndItsTokens(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await RealStaff.AddProviderAsync(database, "OLDCO", "Old Company");
        var client = await ApiSession.AddAsync(database, "indicators:read", provider: "OLDCO");
        await using var site = await ApiSession.StartAsync(database);
        using var old = await ApiSession.ProgramAsync(site, client);

        string secret;
        await using (var db = database.Open())
            secret = Assert.IsType<ApiClientOutcome.Issued>(await ApiClients.RotateAsync(db, (await db.ApiClients.SingleAsync()).Id, default)).Secret;

        Assert.Equal(HttpStatusCode.Unauthorized, (await old.GetAsync("/api/v1/indicators?from=2024-04-01&to=2025-03-31")).StatusCode);
        using var http = site.NewClient();
        Assert.False((await ApiSession.AskForTokenAsync(http, client.Id, client.Secret)).IsSuccessStatusCode);
        using var renewed = await ApiSession.ProgramAsync(site, client with { Secret = secret });
        Assert.Equal(HttpStatusCode.OK, (await renewed.GetAsync("/api/v1/indicators?from=2024-04-01&to=2025-03-31")).StatusCode);
    }
}
