using System.IO.Compression;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.People;
using Pathway.PublicSite;
using Pathway.PublicSite.SelfReferral;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Casework;

public class ContactDetailsTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Today);

    private static async Task<(TestSite Site, int Episode, int Person)> DemoAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 30, Years: 1, Seed: 17), Today);
        var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var own = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.PersonId }).FirstAsync();
        return (site, own.Id, own.PersonId);
    }

    private static async Task<HttpClient> SignedInAsync(TestSite site, DemoSignIn who)
    {
        var client = site.NewClient();
        await TestSite.SignInAsync(client, who.Email, DemoArea.Password);
        return client;
    }

    private static DemoSignIn Worker => DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);

    private static Dictionary<string, string> Complete() => new()
    {
        ["Input.AddressLine1"] = "Flat 2, 10 Example Street", ["Input.Town"] = "Stockport", ["Input.Postcode"] = "sk1 3xe",
        ["Input.Phone"] = "07700 900123", ["Input.Email"] = "robin@example.com", ["Input.ContactBy"] = "Text",
        ["Input.VoicemailOk"] = "False", ["Input.TextOk"] = "True", ["Input.SafeTimes"] = "Weekdays after 6pm",
        ["Input.SafeContactNote"] = "Do not say where you are calling from",
        ["Input.GpPractice"] = "Example Street Surgery", ["Input.GpOdsCode"] = "p88001",
        ["Input.NextOfKinName"] = "Example Person", ["Input.NextOfKinRelationship"] = "Sister", ["Input.NextOfKinPhone"] = "07700 900456",
        ["Input.Ethnicity"] = "WhiteIrish", ["Input.SexualOrientation"] = "Bisexual", ["Input.Religion"] = "NotStated",
        ["Input.Disability"] = "Yes", ["Input.DisabilityType"] = "Hearing", ["Input.Pregnant"] = "NotApplicable",
        ["Input.ParentalResponsibility"] = "Yes", ["Input.ChildrenLivingWith"] = "2",
    };

    [Theory, DatabaseData]
    public async Task ContactDetailsAreSavedShownOnTheCaseNamedInTheHistoryAndInTheSubjectAccessFile(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, episode, person) = await DemoAsync(database);
        await using var _site = site;
        using var client = await SignedInAsync(site, Worker);
        await using var db = database.Open();

        var saved = await TestSite.PostCaseFormAsync(client, $"/episodes/{episode}/contact", Complete());

        Assert.Equal($"/episodes/{episode}", saved.Headers.Location?.ToString());
        var clientRecord = await db.Episodes.Where(e => e.Id == episode).Select(e => e.ClientRecordId).SingleAsync();
        var contact = await db.ClientContacts.AsNoTracking().SingleAsync(c => c.ClientRecordId == clientRecord);
        Assert.Equal(("SK1 3XE", "P88001", ContactMethod.Text, false, true), (contact.Postcode, contact.GpOdsCode, contact.ContactBy, contact.VoicemailOk, contact.TextOk));
        Assert.Equal((Ethnicity.WhiteIrish, SexualOrientation.Bisexual, DisabilityType.Hearing, 2),
            (contact.Ethnicity, contact.SexualOrientation, contact.DisabilityType, contact.ChildrenLivingWith));

        // Stored as codes, shown as words.
        var page = await client.GetStringAsync($"/episodes/{episode}/contact");
        Assert.Contains("value=\"07700 900123\"", page);
        Assert.Contains("<option value=\"WhiteIrish\" selected>White: Irish</option>", page);
        var casePage = await client.GetStringAsync($"/episodes/{episode}");
        Assert.Contains("07700 900123", casePage);
        Assert.Contains("Safe contact: Contact by text message; do not leave voicemail; texts are OK; best times: Weekdays after 6pm; Do not say where you are calling from", casePage);
        Assert.Contains($"href=\"/episodes/{episode}/contact\">Change contact details", casePage);

        // The history names the fields that changed, never what they now say.
        var history = await db.ChangeRecords.Where(c => c.EpisodeId == episode && c.Summary.StartsWith("Contact details")).OrderBy(c => c.Id).ToListAsync();
        var change = Assert.Single(history);
        Assert.Contains("Phone number", change.Changes);
        Assert.Contains("Sexual orientation", change.Changes);
        Assert.DoesNotContain("07700", change.Changes);
        Assert.DoesNotContain("isexual", change.Changes);

        // Clearing a field is a change too; the page keeps the rest.
        var fields = Complete();
        fields["Input.Email"] = "";
        await TestSite.PostCaseFormAsync(client, $"/episodes/{episode}/contact", fields);
        Assert.Null((await db.ClientContacts.AsNoTracking().SingleAsync(c => c.ClientRecordId == clientRecord)).Email);
        Assert.Equal("Email address", (await db.ChangeRecords.Where(c => c.EpisodeId == episode && c.Summary == "Contact details changed")
            .OrderByDescending(c => c.Id).FirstAsync()).Changes);

        using var manager = await SignedInAsync(site, DemoArea.SignIns.Single(u => u.Role == Roles.TeamManager));
        var download = await manager.GetAsync($"/clients/{person}/subject-access?handler=Download");
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        using var json = await JsonDocument.ParseAsync(zip.GetEntry("data.json")!.Open());
        var held = json.RootElement.GetProperty("contactDetails").EnumerateArray().Single(c => c.GetProperty("ClientRecordId").GetInt32() == clientRecord);
        Assert.Equal("07700 900123", held.GetProperty("Phone").GetString());
        Assert.Equal("Bisexual", held.GetProperty("SexualOrientation").GetString());
        Assert.Equal("Example Street Surgery", held.GetProperty("GpPractice").GetString());
    }

    [Theory, DatabaseData]
    public async Task BadContactDetailsGetAMessageBesideEachFieldKeepWhatWasTypedAndSaveNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, episode, _) = await DemoAsync(database);
        await using var _site = site;
        using var client = await SignedInAsync(site, Worker);
        await using var db = database.Open();
        var version = await db.Episodes.Where(e => e.Id == episode).Select(e => e.Version).SingleAsync();
        var clientRecord = await db.Episodes.Where(e => e.Id == episode).Select(e => e.ClientRecordId).SingleAsync();
        var before = await db.ClientContacts.AsNoTracking().SingleAsync(c => c.ClientRecordId == clientRecord);

        var fields = Complete();
        fields["Input.AddressLine1"] = new string('a', 101);
        fields["Input.Postcode"] = "SK1";
        fields["Input.Phone"] = "";
        fields["Input.Email"] = "robin@example";
        fields["Input.TextOk"] = "False";
        fields["Input.GpOdsCode"] = "88001";
        fields["Input.NextOfKinPhone"] = "call me";
        fields["Input.Disability"] = "No";
        fields["Input.ChildrenLivingWith"] = "two";
        var refused = await TestSite.PostCaseFormAsync(client, $"/episodes/{episode}/contact", fields);
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<title>Error: Contact details", html);
        foreach (var (field, message) in new[]
        {
            ("Input_AddressLine1", "Address line 1 must be 100 characters or fewer (this one has 101)"),
            ("Input_Postcode", "Postcode must be a full UK postcode, like SK1 3XE"),
            ("Input_Phone", "Phone number must be given to contact them by phone or text"),
            ("Input_Email", "Email address must be an email address, like name@example.com"),
            ("Input_TextOk", "Text messages cannot be &#x27;No&#x27; when they asked to be contacted by text message"),
            ("Input_GpOdsCode", "GP practice code must be a letter and 5 digits, like P88001"),
            ("Input_NextOfKinPhone", "Next of kin&#x27;s phone number must be a phone number of 10 to 13 digits, like 07700 900982"),
            ("Input_DisabilityType", "Type of disability can only be given when they have a disability"),
            ("Input_ChildrenLivingWith", "Children living with them must be a whole number from 0 to 20"),
        })
        {
            Assert.Contains($"<a href=\"#{field}\">{message}", html);
            Assert.Contains($"id=\"{field}-error\"", html);
        }
        // What was typed stays on the page to be put right.
        Assert.Contains("value=\"robin@example\"", html);
        Assert.Contains("value=\"two\"", html);
        Assert.Equal(version, await db.Episodes.Where(e => e.Id == episode).Select(e => e.Version).SingleAsync());
        var after = await db.ClientContacts.AsNoTracking().SingleAsync(c => c.ClientRecordId == clientRecord);
        Assert.Equal((before.Phone, before.Email, before.AddressLine1), (after.Phone, after.Email, after.AddressLine1));
    }

    [Fact]
    public void TheRulesNormaliseWhatIsKeptAndNameWhatIsNot()
    {
        Assert.Equal("SK1 3XE", ContactDetailsRules.NormalPostcode(" sk13xe "));
        Assert.Equal("M25 1AA", ContactDetailsRules.NormalPostcode("m25 1aa"));
        Assert.Null(ContactDetailsRules.NormalPostcode("SK1"));
        Assert.Null(ContactDetailsRules.Phone("+44 (0)7700 900123"));
        Assert.Equal(ContactDetailsRules.NotPhone, ContactDetailsRules.Phone("0770090"));
        Assert.Equal(ContactDetailsRules.NotEmail, ContactDetailsRules.Email("robin at example.com"));
        var held = new ClientContact { Phone = "07700 900111", Email = "held@example.com" };
        // A referral for someone known adds what it gives and keeps what it does not.
        ContactDetailsRules.Apply(new ContactDetails { Phone = " 07700 900222 " }, held, keepWhatIsNotGiven: true);
        Assert.Equal(("07700 900222", "held@example.com"), (held.Phone, held.Email));
        // The contact page says everything: a blank clears.
        ContactDetailsRules.Apply(new ContactDetails { Phone = "07700 900222" }, held);
        Assert.Null(held.Email);
    }

    private static async Task<HttpResponseMessage> ReferAsync(HttpClient client, string given, string postcode, string council, string phone = "")
    {
        return await TestSite.PostFormAsync(client, "/referrals/new", "/referrals/new", new()
        {
            ["Input.GivenName"] = given, ["Input.FamilyName"] = "Example", ["Input.DateOfBirth"] = "1990-03-14", ["Input.Sex"] = "Female",
            ["Input.NhsNumber"] = "", ["Input.Postcode"] = postcode, ["Input.LocalAuthorityCode"] = council,
            ["Input.Contact.AddressLine1"] = "Flat 2, 10 Example Street", ["Input.Contact.Phone"] = phone,
            ["Input.Contact.ContactBy"] = phone == "" ? "" : "Phone", ["Input.Contact.VoicemailOk"] = phone == "" ? "" : "False",
            ["Input.Contact.SafeTimes"] = "Mornings",
            ["Input.ReferralDate"] = Today.ToString("yyyy-MM-dd"), ["Input.Source"] = "Gp", ["Input.Substance1"] = "Alcohol",
            ["Input.ConsentNationalReporting"] = "false",
        });
    }

    [Theory, DatabaseData]
    public async Task TheReferralFormTakesTheCouncilFromThePostcodeOrByNameAndNeverPreselectsOne(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, _, _) = await DemoAsync(database);
        await using var _site = site;
        using var client = await SignedInAsync(site, Worker);
        await using var db = database.Open();

        // Councils by name, none chosen, and no box to type an ONS code into.
        var form = await client.GetStringAsync("/referrals/new");
        var select = Regex.Match(form, "<select[^>]*name=\"Input.LocalAuthorityCode\".*?</select>", RegexOptions.Singleline).Value;
        Assert.StartsWith("<select", select);
        Assert.Contains("<option value=\"\">Choose a council</option><option value=\"E08000002\">Bury</option><option value=\"E08000007\">Stockport</option>", select);
        Assert.DoesNotContain("selected", select);
        Assert.DoesNotContain("<input class=\"nhsuk-input nhsuk-input--width-10\" id=\"Input_LocalAuthorityCode\"", form);
        Assert.DoesNotContain("E08000007", form.Replace(select, ""));

        // A postcode in a known district: the council is its council, with nothing chosen.
        var fromPostcode = await ReferAsync(client, "Avery", "bl9 0aa", "", phone: "07700 900321");
        Assert.Equal(HttpStatusCode.Redirect, fromPostcode.StatusCode);
        var avery = await db.ClientRecords.Include(c => c.Person).SingleAsync(c => c.GivenName == "Avery");
        Assert.Equal(("E08000002", "BL9"), (avery.LocalAuthorityCode, avery.PostcodeDistrict));
        var averyContact = await db.ClientContacts.SingleAsync(c => c.ClientRecordId == avery.Id);
        Assert.Equal(("BL9 0AA", "07700 900321", ContactMethod.Phone, (bool?)false, "Mornings"),
            (averyContact.Postcode, averyContact.Phone, averyContact.ContactBy, averyContact.VoicemailOk, averyContact.SafeTimes));
        Assert.Equal("Flat 2, 10 Example Street", averyContact.AddressLine1);

        // A district this deployment does not know: the council must be chosen by name.
        var unknown = await ReferAsync(client, "Blair", "ZZ9 9ZZ", "");
        var html = await unknown.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, unknown.StatusCode);
        Assert.Contains("We do not know which council the postcode ZZ9 is in: choose the council where the person lives", html);
        Assert.False(await db.ClientRecords.AnyAsync(c => c.GivenName == "Blair"));
        Assert.Equal(HttpStatusCode.Redirect, (await ReferAsync(client, "Blair", "ZZ9 9ZZ", "E08000007")).StatusCode);
        Assert.Equal("E08000007", (await db.ClientRecords.SingleAsync(c => c.GivenName == "Blair")).LocalAuthorityCode);

        // Nothing at all, a council that disagrees with the postcode, or a code not on the list: refused with the reason.
        Assert.Contains("Choose the council where the person lives, or enter their postcode",
            await (await ReferAsync(client, "Casey", "", "")).Content.ReadAsStringAsync());
        Assert.Contains("The postcode SK1 is in Stockport: choose Stockport, or leave the council as &#x27;Choose a council&#x27;",
            await (await ReferAsync(client, "Casey", "SK1 1AA", "E08000002")).Content.ReadAsStringAsync());
        Assert.Contains("Choose a council from the list", await (await ReferAsync(client, "Casey", "", "E09000001")).Content.ReadAsStringAsync());
        Assert.Contains("Phone number must be a phone number of 10 to 13 digits",
            await (await ReferAsync(client, "Casey", "SK1 1AA", "", phone: "123")).Content.ReadAsStringAsync());
        Assert.False(await db.ClientRecords.AnyAsync(c => c.GivenName == "Casey"));
    }

    [Theory, DatabaseData]
    public async Task ASelfReferralMakesTheSameContactRecordFromWhatThePersonGave(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 2), Today);
        await using var db = database.Open();
        var service = await ServiceArea.FindAsync(db, "SK4", Today, default);
        Assert.NotNull(service);
        var answers = new SelfReferralAnswers
        {
            GivenName = "Robin", FamilyName = "Quarry", DateOfBirth = new DateOnly(1990, 2, 14), Sex = Sex.Female, District = "SK4",
            HelpWith = "alcohol", Phone = "07700 900982", Email = "robin@example.com", ContactBy = "Text", VoicemailOk = false, TextOk = true,
            SafeTimes = "Weekdays after 6pm", SafeContactNote = "Do not say where you are calling from", ConsentContact = true,
        };

        await SelfReferrals.SendAsync(db, SelfReferrals.NewToken(), answers, service, Today, default);

        var referral = await db.OnlineSelfReferrals.Include(r => r.Episode).SingleAsync();
        var contact = await db.ClientContacts.SingleAsync(c => c.ClientRecordId == referral.Episode.ClientRecordId);
        Assert.Equal(("07700 900982", "robin@example.com", ContactMethod.Text, (bool?)false, (bool?)true),
            (contact.Phone, contact.Email, contact.ContactBy, contact.VoicemailOk, contact.TextOk));
        Assert.Equal(("Weekdays after 6pm", "Do not say where you are calling from"), (contact.SafeTimes, contact.SafeContactNote));
        Assert.Equal("Contact by text message; do not leave voicemail; texts are OK; best times: Weekdays after 6pm; Do not say where you are calling from",
            contact.SafeContactSummary());
    }

    [Theory, DatabaseData]
    public async Task AnotherProvidersStaffCannotOpenTheContactPage(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, episode, _) = await DemoAsync(database);
        await using var _site = site;
        using var own = await SignedInAsync(site, Worker);
        using var other = await SignedInAsync(site, DemoArea.OtherScopeSignIns.Single(u => u.Role == Roles.RecoveryWorker));

        Assert.Equal(HttpStatusCode.OK, (await own.GetAsync($"/episodes/{episode}/contact")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync($"/episodes/{episode}/contact")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task ReloadingABundleKeepsTheContactDetailsItDoesNotCarry(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        Assert.Equal(0, (await Cli.RunAsync("load", Exchange.LoadAndExportTests.OldExample, "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        int clientRecord;
        await using (var db = database.Open())
        {
            clientRecord = await db.ClientRecords.Where(c => c.ClientRef == "OLD-C000000").Select(c => c.Id).SingleAsync();
            db.ClientContacts.Add(new ClientContact { ClientRecordId = clientRecord, Phone = "07700 900777", Ethnicity = Ethnicity.NotStated });
            await db.SaveChangesAsync();
        }
        // The same bundle with that client's council changed: the row is updated in place, its contact details kept.
        var changed = Path.Combine(Path.GetTempPath(), $"pathway-contact-{Guid.NewGuid():N}");
        Directory.CreateDirectory(changed);
        foreach (var file in Directory.GetFiles(Exchange.LoadAndExportTests.OldExample))
            File.Copy(file, Path.Combine(changed, Path.GetFileName(file)));
        var clients = Path.Combine(changed, "clients.csv");
        File.WriteAllText(clients, File.ReadAllText(clients).Replace("OLD-C000000,EC,1972-11-19,M,E06000040,Y", "OLD-C000000,EC,1972-11-19,M,E08000007,Y"));

        var reload = await Cli.RunAsync("load", changed, "--source", "OLD", "--db", database.DbArgument);

        Assert.Equal(0, reload.ExitCode);
        Assert.Contains("clients.csv: 0 added, 1 changed", reload.Out);
        await using var after = database.Open();
        Assert.Equal("E08000007", await after.ClientRecords.Where(c => c.Id == clientRecord).Select(c => c.LocalAuthorityCode).SingleAsync());
        var kept = await after.ClientContacts.SingleAsync(c => c.ClientRecordId == clientRecord);
        Assert.Equal(("07700 900777", (Ethnicity?)Ethnicity.NotStated), (kept.Phone, kept.Ethnicity));
        Directory.Delete(changed, recursive: true);
    }
}
