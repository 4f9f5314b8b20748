using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.PublicSite;

public class PublicFrontDoorTests
{
    private static async Task<TestSite> DemoSiteAsync(TestDatabase database, Dictionary<string, string?>? configuration = null)
    {
        await using (var db = database.Open())
            await DemoArea.FillAsync(db, new DemoOptions(People: 5, Years: 1, Seed: 2), DateOnly.FromDateTime(DateTime.Today),
                new CliConsole(TextWriter.Null, TextWriter.Null), default);
        return await TestSite.StartAsync(database.Target, configuration: configuration);
    }

    private static string Email(string role) => DemoArea.SignIns.Single(u => u.Role == role).Email;

    private static Dictionary<string, string> AboutYou(string given = "Robin", int age = 30) => new()
    {
        ["Input.GivenName"] = given, ["Input.FamilyName"] = "Quarry", ["Input.DobDay"] = "14", ["Input.DobMonth"] = "2",
        ["Input.DobYear"] = (DateTime.Today.Year - age - 1).ToString(), ["Input.Sex"] = "Female", ["Input.Postcode"] = "sk4 2bq",
    };

    /// <summary>Starts a form and walks it to the check page, as a person would.</summary>
    private static async Task WalkToCheckAsync(HttpClient client, Dictionary<string, string> aboutYou, string? youngPeoples = null)
    {
        var start = await TestSite.PostFormAsync(client, "/self-referral", "/self-referral?handler=Start", []);
        Assert.Equal("/self-referral/about-you", start.Headers.Location?.ToString());
        Assert.Equal("/self-referral/help", (await TestSite.PostFormAsync(client, "/self-referral/about-you", "/self-referral/about-you", aboutYou)).Headers.Location?.ToString());
        var help = new Dictionary<string, string> { ["Input.HelpWith"] = "alcohol", ["Input.MoreDetail"] = "Drinking most nights since I lost my job" };
        if (youngPeoples is not null) help["Input.YoungPeoples"] = youngPeoples;
        Assert.Equal("/self-referral/contact", (await TestSite.PostFormAsync(client, "/self-referral/help", "/self-referral/help", help)).Headers.Location?.ToString());
        Assert.Equal("/self-referral/consent", (await TestSite.PostFormAsync(client, "/self-referral/contact", "/self-referral/contact", new()
        {
            ["Input.Phone"] = "07700 900982", ["Input.ContactBy"] = "Phone", ["Input.Voicemail"] = "no", ["Input.Texts"] = "yes",
            ["Input.SafeTimes"] = "Weekdays after 6pm", ["Input.SafeContactNote"] = "My partner does not know: do not say where you are calling from",
        })).Headers.Location?.ToString());
        Assert.Equal("/self-referral/check", (await TestSite.PostFormAsync(client, "/self-referral/consent", "/self-referral/consent", new()
        {
            ["Input.ConsentContact"] = "true", ["Input.ConsentNationalReporting"] = "true",
        })).Headers.Location?.ToString());
    }

    [Theory, DatabaseData]
    public async Task ASelfReferralLandsOnceInTheRightQueueWithItsSafeContactNote(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var person = site.NewClient();
        await WalkToCheckAsync(person, AboutYou());

        var check = await person.GetStringAsync("/self-referral/check");
        Assert.Contains("SK4 (Stockport)", check);
        var first = await TestSite.PostFormAsync(person, "/self-referral/check", "/self-referral/check", []);
        Assert.Equal("/self-referral/sent", first.Headers.Location?.ToString());
        var sent = await person.GetStringAsync("/self-referral/sent");
        var reference = System.Text.RegularExpressions.Regex.Match(sent, "SR-[A-Z0-9]{8}").Value;
        Assert.NotEmpty(reference);
        // The same form sent again (a resubmit, a second click): the same confirmation, no second referral.
        var again = await TestSite.PostFormAsync(person, "/self-referral", "/self-referral/check", []);
        Assert.Equal("/self-referral/sent", again.Headers.Location?.ToString());
        Assert.Contains(reference, await person.GetStringAsync("/self-referral/sent"));

        await using (var db = database.Open())
        {
            var referral = await db.OnlineSelfReferrals.Include(r => r.Episode).ThenInclude(e => e.ClientRecord).SingleAsync();
            Assert.Equal(reference, referral.Reference);
            Assert.Equal(ReferralSource.OnlineSelf, referral.Episode.ReferralSource);
            Assert.Equal("NEWCO", referral.Episode.ProviderCode);
            Assert.Equal("E08000007", referral.Episode.ClientRecord.LocalAuthorityCode);
            Assert.Equal("SK4", referral.Episode.ClientRecord.PostcodeDistrict);
            Assert.Equal(CarePathway.Adult, referral.Episode.Pathway);
            Assert.Equal(Substance.Alcohol, referral.Episode.Substance1);
            Assert.False(referral.VoicemailOk);
            Assert.Empty(await db.SelfReferralDrafts.ToListAsync());
        }

        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, Email(Roles.RecoveryWorker), DemoArea.Password);
        var queue = await worker.GetStringAsync("/referrals");
        Assert.Contains("Robin Quarry", queue);
        Assert.Contains("do not leave voicemail", queue);
        Assert.Contains("do not say where you are calling from", queue);
    }

    [Theory, DatabaseData]
    public async Task AYoungPersonGoesToTheYoungPeoplesServiceAndAnAdultUnder25MayChoose(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var teenager = site.NewClient();
        await WalkToCheckAsync(teenager, AboutYou("Tam", age: 16));
        await TestSite.PostFormAsync(teenager, "/self-referral/check", "/self-referral/check", []);
        using var youngAdult = site.NewClient();
        await WalkToCheckAsync(youngAdult, AboutYou("Uma", age: 20), youngPeoples: "yes");
        await TestSite.PostFormAsync(youngAdult, "/self-referral/check", "/self-referral/check", []);

        await using var db = database.Open();
        var pathways = await db.Episodes.Where(e => e.ReferralSource == ReferralSource.OnlineSelf).Select(e => e.Pathway).ToListAsync();
        Assert.Equal([CarePathway.YoungPeople, CarePathway.YoungPeople], pathways);
    }

    [Theory, DatabaseData]
    public async Task BadOversizedOrRobotAnswersAreRefusedAndNothingIsSaved(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var client = site.NewClient();
        await TestSite.PostFormAsync(client, "/self-referral", "/self-referral?handler=Start", []);

        var bad = AboutYou(given: new string('A', 51));
        bad["Input.DobDay"] = "31"; bad["Input.DobMonth"] = "2"; bad["Input.Postcode"] = "ZZ9 9ZZ";
        var response = await TestSite.PostFormAsync(client, "/self-referral/about-you", "/self-referral/about-you", bad);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("There is a problem", html);
        Assert.Contains("must be 50 characters or fewer", html);
        Assert.Contains("Date of birth must be a real date", html);
        Assert.Contains("We cannot take online referrals for this postcode", html);

        // Skipping ahead is sent back to the first unanswered step.
        Assert.Equal("/self-referral/about-you", (await client.GetAsync("/self-referral/check")).Headers.Location?.ToString());

        // A body far over the limit is refused before anything reads it.
        var huge = AboutYou();
        huge["Input.MoreDetail"] = new string('x', 100_000);
        var oversized = await TestSite.PostFormAsync(client, "/self-referral/about-you", "/self-referral/about-you", huge);
        Assert.Equal("/error?status=413", oversized.Headers.Location?.ToString());
        var explained = await client.GetAsync("/error?status=413");
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, explained.StatusCode);
        Assert.Contains("too long", await explained.Content.ReadAsStringAsync());

        var robot = AboutYou();
        robot["Input.Website"] = "http://spam.example";
        var trapped = await TestSite.PostFormAsync(client, "/self-referral/about-you", "/self-referral/about-you", robot);
        Assert.Equal(HttpStatusCode.OK, trapped.StatusCode);

        await using var db = database.Open();
        Assert.Equal(0, await db.OnlineSelfReferrals.CountAsync());
        Assert.Equal(0, await db.Episodes.CountAsync(e => e.ReferralSource == ReferralSource.OnlineSelf));
        Assert.Equal(0, await db.SelfReferralDrafts.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task PublicFormPostsAreRateLimitedPerAddress(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database, new() { ["Pathway:PublicFormPostsPerMinute"] = "3" });
        using var client = site.NewClient();
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 5; i++)
            statuses.Add((await TestSite.PostFormAsync(client, "/alcohol-check", "/alcohol-check", new() { ["q1"] = "0", ["q2"] = "0", ["q3"] = "0" })).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests, HttpStatusCode.TooManyRequests], statuses);
    }

    [Theory, DatabaseData]
    public async Task AnAlcoholCheckIsCountedAnonymouslyAndItsScoreTravelsWithAReferral(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var client = site.NewClient();

        var first = await (await TestSite.PostFormAsync(client, "/alcohol-check", "/alcohol-check", new() { ["q1"] = "4", ["q2"] = "3", ["q3"] = "3" })).Content.ReadAsStringAsync();
        Assert.Contains("You scored 10 out of 12", first);
        var answers = new Dictionary<string, string> { ["more"] = "true" };
        int[] points = [4, 3, 3, 2, 1, 0, 2, 1, 0, 2];
        for (var i = 0; i < 10; i++) answers[$"q{i + 1}"] = points[i].ToString();
        var result = await (await TestSite.PostFormAsync(client, "/alcohol-check", "/alcohol-check", answers)).Content.ReadAsStringAsync();
        Assert.Contains("You scored 18 out of 40: higher risk", result);

        var start = await TestSite.PostFormAsync(client, "/alcohol-check", "/self-referral?handler=Start", new() { ["auditC"] = "4,3,3", ["audit"] = "4,3,3,2,1,0,2,1,0,2" });
        Assert.Equal("/self-referral/about-you", start.Headers.Location?.ToString());
        await TestSite.PostFormAsync(client, "/self-referral/about-you", "/self-referral/about-you", AboutYou());
        // Help is already answered (alcohol): the form goes on to contact.
        Assert.Equal("/self-referral/contact", (await client.GetAsync("/self-referral/consent")).Headers.Location?.ToString());
        await TestSite.PostFormAsync(client, "/self-referral/contact", "/self-referral/contact", new() { ["Input.Email"] = "robin@example.com", ["Input.ContactBy"] = "Email" });
        await TestSite.PostFormAsync(client, "/self-referral/consent", "/self-referral/consent", new() { ["Input.ConsentContact"] = "true" });
        await TestSite.PostFormAsync(client, "/self-referral/check", "/self-referral/check", []);

        await using (var db = database.Open())
        {
            Assert.Equal(1, await db.AlcoholCheckCounts.SumAsync(c => c.Completed));
            var referral = await db.OnlineSelfReferrals.SingleAsync();
            Assert.True(referral.FromAlcoholCheck);
            Assert.Equal(10, referral.AuditCScore);
            Assert.Equal(18, referral.AuditScore);
            Assert.Equal(2, await db.Screenings.CountAsync(s => s.EpisodeId == referral.EpisodeId));
        }

        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, Email(Roles.TeamManager), DemoArea.Password);
        var dashboard = await manager.GetStringAsync("/performance");
        Assert.Contains("Conversion: checks to self-referrals", dashboard);
    }

    [Theory, DatabaseData]
    public async Task ACarersRequestForContactReachesTheProvidersStaff(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var carer = site.NewClient();

        var page = await carer.GetStringAsync("/carers");
        Assert.Contains("Tuesdays, 18:00 to 19:30", page);
        var bad = await TestSite.PostFormAsync(carer, "/carers", "/carers", new() { ["Input.Name"] = "", ["Input.Postcode"] = "BL9 0AA" });
        Assert.Contains("Enter your name", await bad.Content.ReadAsStringAsync());
        var sent = await TestSite.PostFormAsync(carer, "/carers", "/carers", new()
        {
            ["Input.Name"] = "Val Quarry", ["Input.Phone"] = "0161 496 0000", ["Input.Voicemail"] = "no", ["Input.Postcode"] = "BL9 0AA",
        });
        Assert.Equal("/carers?sent=true", sent.Headers.Location?.ToString());

        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, Email(Roles.RecoveryWorker), DemoArea.Password);
        var staff = await worker.GetStringAsync("/carers-group");
        Assert.Contains("Val Quarry", staff);
        Assert.Contains("No voicemail", staff);
    }
}
