using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class ServicePlacesTests
{
    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 2), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    private static string Email(string role) => DemoArea.SignIns.Single(u => u.Role == role).Email;

    [Theory, DatabaseData]
    public async Task ThePublicSeesWhereAndWhenWithoutSigningIn(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var client = site.NewClient();

        var response = await client.GetAsync("/services");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Harbour Recovery Hub, Stockport", html);
        Assert.Contains("Needle and syringe programme", html);
        Assert.Contains("Monday, 10:00 to 12:00", html);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/help")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task AManagerAddsAPlaceAndBadInputIsExplainedWithoutSaving(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, Email(Roles.TeamManager), DemoArea.Password);

        var bad = await TestSite.PostFormAsync(manager, "/services/manage", "/services/manage?handler=Add", new()
        {
            ["Form.Name"] = "<script>alert(1)</script> Outreach van", ["Form.Address"] = "", ["Form.Postcode"] = "SK1 2AB",
            ["Form.OpeningTimes"] = "Fridays", ["Form.LocalAuthorityCode"] = "E08000007",
        });
        var badHtml = await bad.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.Contains("There is a problem", badHtml);
        Assert.Contains("Enter the address", badHtml);
        Assert.Contains("Error: Manage service places", badHtml);
        Assert.Contains("href=\"#Form_Address\"", badHtml);
        Assert.DoesNotContain("<script>alert(1)</script>", badHtml);

        var good = await TestSite.PostFormAsync(manager, "/services/manage", "/services/manage?handler=Add", new()
        {
            ["Form.Name"] = "<script>alert(1)</script> Outreach van", ["Form.Address"] = "Market Place, Stockport", ["Form.Postcode"] = "sk1 2ab",
            ["Form.OpeningTimes"] = "Fridays, 6pm to 9pm", ["Form.LocalAuthorityCode"] = "E08000007", ["Form.NeedleAndSyringe"] = "true",
        });
        Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);

        using var anyone = site.NewClient();
        var shown = await anyone.GetStringAsync("/services");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Outreach van", shown);
        Assert.Contains("SK1 2AB", shown);
    }

    [Theory, DatabaseData]
    public async Task ARecoveryWorkerCannotChangeThePublicListing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, Email(Roles.RecoveryWorker), DemoArea.Password);

        var response = await worker.GetAsync("/services/manage");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("status=403", response.Headers.Location!.ToString());
    }

    [Theory, DatabaseData]
    public async Task AManagerOfTheOutgoingProviderCannotChangeTheIncomingProvidersPlaces(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        var place = await db.ServicePlaces.Where(p => p.Name == "Harbour Recovery Hub, Stockport").Select(p => p.Id).SingleAsync();
        using var other = site.NewClient();
        await TestSite.SignInAsync(other, "kim.manager@northway.demo.pathway.example", DemoArea.Password);

        var listed = await other.GetStringAsync("/services/manage");
        var removed = await TestSite.PostFormAsync(other, "/services/manage", "/services/manage?handler=Remove", new() { ["id"] = place.ToString() });

        Assert.DoesNotContain("Harbour Recovery Hub, Stockport", listed);
        Assert.Equal(HttpStatusCode.NotFound, removed.StatusCode);
        Assert.True(await db.ServicePlaces.AnyAsync(p => p.Id == place));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.UserName == "kim.manager@northway.demo.pathway.example"
            && a.Outcome == AuditOutcomes.Refused && a.RecordId == place.ToString()));
    }

    [Theory, DatabaseData]
    public async Task EveryChangeToTheServiceListingIsAuditedWithTheChange(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        var place = await db.ServicePlaces.Where(p => p.Name == "Harbour Recovery Hub, Stockport").Select(p => p.Id).SingleAsync();
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, Email(Roles.TeamManager), DemoArea.Password);

        var added = await TestSite.PostFormAsync(manager, "/services/manage", "/services/manage?handler=Add", new()
        {
            ["Form.Name"] = "Outreach van", ["Form.Address"] = "Market Place, Stockport", ["Form.Postcode"] = "SK1 2AB",
            ["Form.OpeningTimes"] = "Fridays, 6pm to 9pm", ["Form.LocalAuthorityCode"] = "E08000007",
        });
        var removed = await TestSite.PostFormAsync(manager, "/services/manage", "/services/manage?handler=Remove",
            new() { ["id"] = place.ToString(), ["confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        Assert.Equal(DemoArea.Incoming.Code, await db.ServicePlaces.Where(p => p.Name == "Outreach van").Select(p => p.ProviderCode).SingleAsync());
        var events = await db.AuditEvents.Where(a => a.UserName == Email(Roles.TeamManager) && a.Action == AuditActions.Change
            && a.Outcome == AuditOutcomes.Succeeded && a.RecordType == "ServicePlace").ToListAsync();
        Assert.Equal(2, events.Count);
        Assert.Contains(events, a => a.RecordId == place.ToString());
    }

    [Theory, DatabaseData]
    public async Task RemovingAPlaceAsksFirstAndOnlyTheConfirmationRemovesIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        var place = await db.ServicePlaces.Where(p => p.Name == "Harbour Recovery Hub, Stockport").Select(p => p.Id).SingleAsync();
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, Email(Roles.TeamManager), DemoArea.Password);

        var asked = await TestSite.PostFormAsync(manager, "/services/manage", "/services/manage?handler=Remove", new() { ["id"] = place.ToString() });
        var question = await asked.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains("<h1>Remove Harbour Recovery Hub, Stockport?</h1>", question);
        Assert.Contains("name=\"confirmed\" value=\"true\"", question);
        Assert.True(await db.ServicePlaces.AnyAsync(p => p.Id == place));

        var confirmed = await TestSite.PostFormAsync(manager, "/services/manage", "/services/manage?handler=Remove",
            new() { ["id"] = place.ToString(), ["confirmed"] = "true" });

        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.False(await db.ServicePlaces.AnyAsync(p => p.Id == place));
    }
}
