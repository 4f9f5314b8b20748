using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class AccessMatrixTests
{
    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 60, Years: 3, Seed: 12), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    [Theory, DatabaseData]
    public async Task EveryEndpointDeclaresWhoMayUseIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);

        Assert.Empty(AccessRules.Violations(site.Endpoints));
        Assert.Contains(site.Endpoints, e => AccessRules.TakesARecordId(e));
    }

    [Fact]
    public void AnEndpointWithoutARuleIsCaught()
    {
        var unprotected = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/test/{id:int}"), 0,
            EndpointMetadataCollection.Empty, "deliberately unprotected");
        var anonymousButHidden = new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse("/internal/export"), 0,
            new EndpointMetadataCollection(new Microsoft.AspNetCore.Authorization.AllowAnonymousAttribute()), "anonymous");

        var violations = AccessRules.Violations([unprotected, anonymousButHidden]).ToList();

        Assert.Contains("/test/{id:int}: needs a named authorization policy (Access/Policies.cs)", violations);
        Assert.Contains("/test/{id:int}: takes a record id but declares no [AuditedRecord] scope rule", violations);
        Assert.Contains("/internal/export: open to anyone without signing in, but not listed as a public route", violations);
    }

    [Theory, DatabaseData]
    public async Task NoRoleSeesARecordOfAnotherScopeOnAnyIdRoute(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        // Every demo sign-in works for the incoming provider or for Stockport: the outgoing provider's records
        // are another scope for all of them.
        await using var db = database.Open();
        var otherScope = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Outgoing.Code)
            .Where(e => !db.Episodes.Any(n => n.PersonId == e.PersonId && n.ProviderCode == DemoArea.Incoming.Code))
            .Select(e => new { e.Id, e.PersonId, e.ClientRecordId }).FirstAsync();
        var ownScope = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code).Select(e => e.Id).FirstAsync();
        var idRoutes = site.Endpoints.Where(AccessRules.TakesARecordId).ToList();
        // The id of a record of the route's declared type, out of every demo user's scope.
        int OtherScopeId(string? recordType) => recordType switch
        {
            AuditedRecordTypes.Episode => otherScope.Id,
            AuditedRecordTypes.Person => otherScope.PersonId,
            AuditedRecordTypes.ClientRecord => otherScope.ClientRecordId,
            _ => throw new InvalidOperationException($"No out-of-scope record chosen for {recordType}: add one here."),
        };

        var leaks = new List<string>();
        foreach (var user in DemoArea.SignIns)
        {
            using var client = site.NewClient();
            await TestSite.SignInAsync(client, user.Email, DemoArea.Password);
            foreach (var endpoint in idRoutes.DistinctBy(AccessRules.Route))
            {
                var address = AccessRules.Address(AccessRules.Route(endpoint), OtherScopeId(AccessRules.RecordType(endpoint)));
                var response = await client.GetAsync(address);
                var refused = response.StatusCode == HttpStatusCode.NotFound
                              || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("status=403"));
                if (!refused) leaks.Add($"{user.Role} {address}: {(int)response.StatusCode}");
            }
        }
        Assert.Empty(leaks);

        // The same pages do open for the right person, so the refusals above are the scope at work.
        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, DemoArea.SignIns.Single(u => u.Role == Access.Roles.RecoveryWorker).Email, DemoArea.Password);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync(AccessRules.Address("/episodes/{id:int}", ownScope))).StatusCode);
        var refusals = await db.AuditEvents.CountAsync(e => e.Action == AuditActions.Refused);
        Assert.True(refusals >= idRoutes.Count, $"{refusals} refusals audited");
    }
}
