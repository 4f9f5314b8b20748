using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.PublicSite;

/// <summary>Contact wishes that contradict each other, or leave no way to contact someone, are refused with the reason.</summary>
public class PublicFormContradictionTests
{
    private static async Task<TestSite> SiteAsync(TestDatabase database)
    {
        // The public forms find the service by today's date, so the demo's contracts are set up around today.
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 2), DateOnly.FromDateTime(TimeProvider.System.GetLocalNow().Date));
        return await TestSite.StartAsync(database.Target);
    }

    private static async Task<HttpClient> AtContactStepAsync(TestSite site)
    {
        var client = site.NewClient();
        await TestSite.PostFormAsync(client, "/self-referral", "/self-referral?handler=Start", []);
        var year = (TimeProvider.System.GetLocalNow().Year - 31).ToString();
        Assert.Equal("/self-referral/help", (await TestSite.PostFormAsync(client, "/self-referral/about-you", "/self-referral/about-you", new()
        {
            ["Input.GivenName"] = "Robin", ["Input.FamilyName"] = "Quarry", ["Input.DobDay"] = "14", ["Input.DobMonth"] = "2",
            ["Input.DobYear"] = year, ["Input.Sex"] = "Female", ["Input.Postcode"] = "sk4 2bq",
        })).Headers.Location?.ToString());
        Assert.Equal("/self-referral/contact", (await TestSite.PostFormAsync(client, "/self-referral/help", "/self-referral/help",
            new() { ["Input.HelpWith"] = "alcohol" })).Headers.Location?.ToString());
        return client;
    }

    private static async Task<string> RefusedAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var response = await TestSite.PostFormAsync(client, page, page, fields);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = System.Net.WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        Assert.Contains("There is a problem", html);
        return html;
    }

    [Theory, DatabaseData]
    public async Task ASelfReferralAskingForTextsWhileSayingDoNotTextIsRefusedWithTheReason(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        using var person = await AtContactStepAsync(site);

        var html = await RefusedAsync(person, "/self-referral/contact", new()
        {
            ["Input.Phone"] = "07700 900982", ["Input.ContactBy"] = "Text", ["Input.Voicemail"] = "no", ["Input.Texts"] = "no",
        });

        Assert.Contains("You asked us to contact you by text message but also not to send texts: choose yes to texts, or another way to contact you", html);
        var fine = await TestSite.PostFormAsync(person, "/self-referral/contact", "/self-referral/contact", new()
        {
            ["Input.Phone"] = "07700 900982", ["Input.ContactBy"] = "Text", ["Input.Voicemail"] = "no", ["Input.Texts"] = "yes",
        });
        Assert.Equal("/self-referral/consent", fine.Headers.Location?.ToString());
    }

    [Theory, DatabaseData]
    public async Task ASelfReferralAskingForACallOrAnEmailWithoutTheNumberOrAddressIsRefused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        using var person = await AtContactStepAsync(site);

        var byPhone = await RefusedAsync(person, "/self-referral/contact", new() { ["Input.ContactBy"] = "Phone", ["Input.Email"] = "robin@example.com" });
        var byEmail = await RefusedAsync(person, "/self-referral/contact", new()
        {
            ["Input.ContactBy"] = "Email", ["Input.Phone"] = "07700 900982", ["Input.Voicemail"] = "yes", ["Input.Texts"] = "yes",
        });

        Assert.Contains("Enter a phone number so we can contact you that way", byPhone);
        Assert.Contains("Enter an email address so we can contact you that way", byEmail);
    }

    [Theory, DatabaseData]
    public async Task ACarersRequestWithNoWayToContactThemIsRefusedAndNothingIsKept(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        using var carer = site.NewClient();

        var html = await RefusedAsync(carer, "/carers", new() { ["Input.Name"] = "Sam Carer", ["Input.Postcode"] = "SK4 2BQ", ["Input.Phone"] = " ", ["Input.Email"] = "" });

        Assert.Contains("Enter a phone number or an email address so we can contact you", html);
        await using var db = database.Open();
        Assert.False(await db.CarerContactRequests.AnyAsync(r => r.Name == "Sam Carer"));
    }
}
