using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.History;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

/// <summary>
/// One provider's staff never learn anything of another provider's clients: not through a person matched across
/// both, a subject access file, the audit page, or a referral typed with someone else's attributors. And every
/// look at a list of named clients is on the trail.
/// </summary>
public class ProviderBoundaryTests
{
    private static readonly DateOnly DemoDay = new(2026, 11, 23);

    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 60, Years: 3, Seed: 31), DemoDay);
        return await TestSite.StartAsync(database.Target);
    }

    private static async Task<HttpClient> SignedInAsync(TestSite site, DemoSignIn who)
    {
        var client = site.NewClient();
        var response = await TestSite.SignInAsync(client, who.Email, DemoArea.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return client;
    }

    private static DemoSignIn Incoming(string role) => DemoArea.SignIns.Single(u => u.Role == role);
    private static DemoSignIn Outgoing(string role) => DemoArea.OtherScopeSignIns.Single(u => u.Role == role && u.ProviderCode == DemoArea.Outgoing.Code);

    /// <summary>A person with episodes at both providers (most open clients were transferred at the transition).</summary>
    private static Task<int> SharedPersonAsync(PathwayDb db) => db.Episodes
        .Where(e => e.ProviderCode == DemoArea.Incoming.Code && db.Episodes.Any(o => o.PersonId == e.PersonId && o.ProviderCode == DemoArea.Outgoing.Code))
        .Select(e => e.PersonId).FirstAsync();

    private static Task<int> OutgoingOnlyPersonAsync(PathwayDb db) => db.Episodes
        .Where(e => e.ProviderCode == DemoArea.Outgoing.Code && !db.Episodes.Any(n => n.PersonId == e.PersonId && n.ProviderCode == DemoArea.Incoming.Code))
        .Select(e => e.PersonId).FirstAsync();

    [Theory, DatabaseData]
    public async Task ASubjectAccessFileHoldsNoOtherProvidersChangesOrLooks(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        var person = await SharedPersonAsync(db);
        var outgoingEpisode = await db.Episodes.Where(e => e.PersonId == person && e.ProviderCode == DemoArea.Outgoing.Code).Select(e => e.Id).FirstAsync();
        // The outgoing provider's own history of this person: a goal written by its worker, and its manager's look.
        db.ChangeRecords.Add(new ChangeRecord
        {
            PersonId = person, EpisodeId = outgoingEpisode, At = DateTimeOffset.UtcNow, ByUserId = "northway-worker",
            ByName = "Northway Worker", Summary = "Recovery goal added", Changes = "Description: Northway private goal",
        });
        await db.SaveChangesAsync();
        using (var northway = await SignedInAsync(site, Outgoing(Roles.TeamManager)))
            Assert.Equal(HttpStatusCode.OK, (await northway.GetAsync($"/clients/{person}")).StatusCode);
        using var manager = await SignedInAsync(site, Incoming(Roles.TeamManager));
        // A change of the provider's own, through a form: its change history must not carry the request's audit details.
        var incomingEpisode = await db.Episodes.Where(e => e.PersonId == person && e.ProviderCode == DemoArea.Incoming.Code).Select(e => e.Id).FirstAsync();
        var goals = $"/episodes/{incomingEpisode}/goals";
        var added = await TestSite.PostFormAsync(manager, goals, goals, new() { ["Description"] = "Harbour shared goal", ["Status"] = "NotStarted" });
        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);

        var download = await manager.GetAsync($"/clients/{person}/subject-access?handler=Download");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        var text = await new StreamReader(zip.GetEntry("data.json")!.Open()).ReadToEndAsync();
        Assert.DoesNotContain("Northway private goal", text);
        Assert.DoesNotContain("Northway Worker", text);
        Assert.DoesNotContain(Outgoing(Roles.TeamManager).Email, text);
        Assert.DoesNotContain(DemoArea.Outgoing.Code, text);
        using var json = JsonDocument.Parse(text);
        Assert.All(json.RootElement.GetProperty("episodes").EnumerateArray(),
            e => Assert.Equal(DemoArea.Incoming.Code, e.GetProperty("ProviderCode").GetString()));
        // The change is there, but nothing of the request behind it (address, request id) is in the client's own change history.
        var history = json.RootElement.GetProperty("changeHistory").GetRawText();
        Assert.Contains("Harbour shared goal", history);
        Assert.DoesNotContain("127.0.0.1", history);
        Assert.DoesNotContain("RequestId", history);
        Assert.False(await db.ChangeRecords.AnyAsync(c => c.Changes.Contains("127.0.0.1")));
    }

    [Theory, DatabaseData]
    public async Task AReferralTypedWithAnotherProvidersClientsAttributorsRevealsNothingOfThem(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        // Someone known only to the outgoing provider, who finished treatment there successfully.
        var known = await db.Episodes
            .Where(e => e.ProviderCode == DemoArea.Outgoing.Code && (e.DischargeReason == Episodes.DischargeReason.CompletedDrugFree || e.DischargeReason == Episodes.DischargeReason.CompletedAlcoholFree))
            .Where(e => !db.Episodes.Any(n => n.PersonId == e.PersonId && n.ProviderCode == DemoArea.Incoming.Code))
            .Select(e => new { e.PersonId, e.Person.Initials, e.Person.DateOfBirth, e.Person.Sex, Discharged = e.DischargeDate!.Value })
            .FirstAsync();
        using var worker = await SignedInAsync(site, Incoming(Roles.RecoveryWorker));
        var referralDay = known.Discharged.AddMonths(3) < DateOnly.FromDateTime(DateTime.Today) ? known.Discharged.AddMonths(3) : DateOnly.FromDateTime(DateTime.Today);

        var referred = await TestSite.PostFormAsync(worker, "/referrals/new", "/referrals/new", new()
        {
            ["Input.GivenName"] = known.Initials[0] + "ana", ["Input.FamilyName"] = known.Initials[1] + "arker",
            ["Input.DateOfBirth"] = known.DateOfBirth.ToString("yyyy-MM-dd"), ["Input.Sex"] = known.Sex.ToString(),
            ["Input.LocalAuthorityCode"] = "E08000007", ["Input.ReferralDate"] = referralDay.ToString("yyyy-MM-dd"),
            ["Input.Source"] = "Self", ["Input.Substance1"] = "Alcohol",
        });

        Assert.Equal(HttpStatusCode.Redirect, referred.StatusCode);
        var casePage = referred.Headers.Location!.ToString();
        var episode = await db.Episodes.AsNoTracking().SingleAsync(e => e.Id == int.Parse(casePage.Split('/').Last()));
        Assert.Equal(known.PersonId, episode.PersonId);  // matched, for the national figures
        var caseHtml = await worker.GetStringAsync(casePage);
        var clientHtml = await worker.GetStringAsync($"/clients/{known.PersonId}");
        foreach (var html in new[] { caseHtml, clientHtml })
        {
            Assert.DoesNotContain(DemoArea.Outgoing.Code, html);
            Assert.DoesNotContain("Northway", html);
            Assert.DoesNotContain("Also known to", html);
            Assert.DoesNotContain("within six months of a successful discharge", html);
        }
    }

    [Theory, DatabaseData]
    public async Task TheAuditPageShowsAManagerOnlyTheirOwnClientsAndCannotBeUsedToProbeIds(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        var elsewhere = await OutgoingOnlyPersonAsync(db);
        var own = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code).Select(e => e.PersonId).FirstAsync();
        var missing = await db.People.MaxAsync(p => p.Id) + 1000;
        using var manager = await SignedInAsync(site, Incoming(Roles.TeamManager));
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/clients/{own}")).StatusCode);

        var other = await manager.GetStringAsync($"/audit?person={elsewhere}");
        var nobody = await manager.GetStringAsync($"/audit?person={missing}");
        var mine = await manager.GetStringAsync($"/audit?person={own}");

        Assert.Contains(AuditPageModel.NotFoundMessage, other);
        Assert.Contains(AuditPageModel.NotFoundMessage, nobody);
        Assert.DoesNotContain("Download this audit trail", other);
        Assert.Contains("Download this audit trail", mine);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/audit/export?person={elsewhere}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync($"/audit/export?person={own}")).StatusCode);
        // The attempt is on the trail of the person it concerned.
        Assert.True(await db.AuditEvents.AnyAsync(e => e.PersonId == elsewhere && e.Outcome == AuditOutcomes.Refused));

        // An administrator, who holds no clients, reads what an account did, never a person's trail.
        using var admin = await SignedInAsync(site, Incoming(Roles.Administrator));
        var byPerson = await admin.GetStringAsync($"/audit?person={own}");
        Assert.DoesNotContain("Download this audit trail", byPerson);
        var byAccount = await admin.GetStringAsync($"/audit?account={Uri.EscapeDataString(Incoming(Roles.TeamManager).Email)}");
        Assert.Contains("Download this audit trail", byAccount);
    }

    [Theory, DatabaseData]
    public async Task EveryListOfNamedClientsEverySearchAndEveryRefusalIsOnTheTrail(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        await using var db = database.Open();
        using var worker = await SignedInAsync(site, Incoming(Roles.RecoveryWorker));
        using var manager = await SignedInAsync(site, Incoming(Roles.TeamManager));
        using var mentor = await SignedInAsync(site, Incoming(Roles.PeerMentor));
        using var data = await SignedInAsync(site, Incoming(Roles.DataOfficer));
        var lists = new (HttpClient Who, string Page, string List)[]
        {
            (worker, "/caseload", "caseload"), (worker, "/referrals", "waiting"), (worker, "/did-not-attend", "did-not-attend"),
            (worker, "/carers-group", "carers-group"), (mentor, "/mentees", "mentees"), (manager, "/retention", "retention-review"),
            (data, $"/transition?FromSource={DemoArea.Outgoing.Code}&ToSource={DemoArea.Incoming.Code}&Date={DemoDay.AddYears(-1):yyyy-MM-dd}", "transition"),
        };
        foreach (var (who, page, list) in lists)
        {
            Assert.Equal(HttpStatusCode.OK, (await who.GetAsync(page)).StatusCode);
            Assert.True(await db.AuditEvents.AnyAsync(e => e.RecordType == AuditedRecordTypes.List && e.RecordId!.StartsWith(list + ":")),
                $"{page} wrote no audit event");
        }

        // A search puts an event on the trail of each person it found.
        var found = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.ClientRecord.FamilyName != null)
            .Select(e => new { e.PersonId, e.ClientRecord.GivenName, e.ClientRecord.FamilyName }).FirstAsync();
        var search = await TestSite.PostFormAsync(worker, "/referrals/new", "/referrals/new?handler=Search",
            new() { ["Search.Name"] = $"{found.GivenName} {found.FamilyName}" });
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Search && e.PersonId == found.PersonId));

        // A refused look is on the trail of the person whose record it was.
        var elsewhere = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Outgoing.Code).Select(e => new { e.Id, e.PersonId }).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await worker.GetAsync($"/episodes/{elsewhere.Id}")).StatusCode);
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Outcome == AuditOutcomes.Refused && e.PersonId == elsewhere.PersonId
                                                        && e.RecordId == elsewhere.Id.ToString()));
    }
}
