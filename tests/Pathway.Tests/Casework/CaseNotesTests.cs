using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Casework.Notes;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Casework;

public class CaseNotesTests
{
    private static async Task<(TestSite Site, int Episode, int Person, int OtherEpisode)> DemoAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 30, Years: 1, Seed: 17), new DateOnly(2026, 11, 23));
        var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var today = DateOnly.FromDateTime(DateTime.Now);
        var own = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.ReferralDate <= today && e.Contacts.Any())
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.PersonId }).FirstAsync();
        var other = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Outgoing.Code)
            .Where(e => !db.Episodes.Any(n => n.PersonId == e.PersonId && n.ProviderCode == DemoArea.Incoming.Code))
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        return (site, own.Id, own.PersonId, other);
    }

    private static async Task<HttpClient> SignedInAsync(TestSite site, DemoSignIn who)
    {
        var client = site.NewClient();
        await TestSite.SignInAsync(client, who.Email, DemoArea.Password);
        return client;
    }

    private static DemoSignIn Worker => DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);

    private static Task<HttpResponseMessage> AddNoteAsync(HttpClient client, int episode, string text, string kind = "Keywork", string? contact = null)
    {
        var fields = new Dictionary<string, string> { ["Date"] = DateTime.Now.ToString("yyyy-MM-dd"), ["Kind"] = kind, ["Text"] = text };
        if (contact is not null) fields["ContactId"] = contact;
        return TestSite.PostCaseFormAsync(client, $"/episodes/{episode}/notes/new", fields);
    }

    [Theory, DatabaseData]
    public async Task NotesAreAddedListedNewestFirstAndSearchedWithinTheCase(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, episode, _, _) = await DemoAsync(database);
        await using var _site = site;
        using var client = await SignedInAsync(site, Worker);
        await using var db = database.Open();
        var contact = await db.Contacts.Where(c => c.EpisodeId == episode).Select(c => c.Id).FirstAsync();

        var first = await AddNoteAsync(client, episode, "Talked through the relapse prevention plan.\r\nAgreed to try the Tuesday group.");
        Assert.Equal($"/episodes/{episode}", first.Headers.Location?.ToString());
        await AddNoteAsync(client, episode, "Phoned the GP surgery about a medication review.", "PhoneCall", contact.ToString());
        await AddNoteAsync(client, episode, "Met housing and probation: a tenancy is offered from next month.", "MultiAgencyMeeting");

        var saved = await db.CaseNotes.Where(n => n.EpisodeId == episode).OrderBy(n => n.Id).ToListAsync();
        Assert.Equal(3, saved.Count);
        Assert.All(saved, n => Assert.Equal("Alex Morgan", n.AuthorName));
        Assert.Equal("Talked through the relapse prevention plan.\nAgreed to try the Tuesday group.", saved[0].Text);
        Assert.Equal((CaseNoteKind.PhoneCall, (int?)contact), (saved[1].Kind, saved[1].ContactId));

        // Newest first on the case page and on the notes page.
        var casePage = await client.GetStringAsync($"/episodes/{episode}");
        Assert.True(casePage.IndexOf("Met housing and probation", StringComparison.Ordinal) < casePage.IndexOf("Phoned the GP surgery", StringComparison.Ordinal));
        Assert.Contains("Multi-agency meeting", casePage);
        var notesPage = await client.GetStringAsync($"/episodes/{episode}/notes");
        Assert.Contains("3 notes, newest first", notesPage);

        // A posted search, in any case, keeps only the notes with those words; the words never reach the address.
        var searched = await TestSite.PostFormAsync(client, $"/episodes/{episode}/notes", $"/episodes/{episode}/notes?handler=Search",
            new() { ["Search"] = "gp SURGERY" });
        var html = await searched.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, searched.StatusCode);
        Assert.Contains("Phoned the GP surgery", html);
        Assert.DoesNotContain("Met housing and probation", html);
        Assert.Contains("1 of 3 notes contain those words", html);
        // A search within the case is a look at it, not an attempted change.
        Assert.False(await db.AuditEvents.AnyAsync(a => a.RecordId == episode.ToString() && a.Action == AuditActions.Change && a.Outcome != AuditOutcomes.Succeeded));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.RecordId == episode.ToString() && a.Action == AuditActions.View && a.UserName == Worker.Email));
    }

    [Theory, DatabaseData]
    public async Task ANoteLongerThanTheLimitIsRefusedWithItsFieldMessageAndNothingIsSaved(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, episode, _, _) = await DemoAsync(database);
        await using var _site = site;
        using var client = await SignedInAsync(site, Worker);
        await using var db = database.Open();
        var version = await db.Episodes.Where(e => e.Id == episode).Select(e => e.Version).SingleAsync();

        var refused = await AddNoteAsync(client, episode, new string('a', CaseNoteRules.MaxLength + 1));
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<title>Error: Add a case note", html);
        Assert.Contains("There is a problem", html);
        Assert.Contains("<a href=\"#Text\">Note must be 4,000 characters or fewer (this one has 4,001)</a>", html);
        Assert.Contains("id=\"Text-error\"", html);
        // What was typed is kept on the page, whole, to be shortened.
        Assert.Contains(new string('a', CaseNoteRules.MaxLength + 1), html);
        Assert.Equal(0, await db.CaseNotes.CountAsync(n => n.EpisodeId == episode));
        Assert.Equal(version, await db.Episodes.Where(e => e.Id == episode).Select(e => e.Version).SingleAsync());

        // Exactly the limit is kept, whole.
        await AddNoteAsync(client, episode, new string('b', CaseNoteRules.MaxLength));
        Assert.Equal(CaseNoteRules.MaxLength, (await db.CaseNotes.SingleAsync(n => n.EpisodeId == episode)).Text.Length);
    }

    [Theory, DatabaseData]
    public async Task ANoteIsInTheChangeHistoryAndTheSubjectAccessDownloadButNeverInTheExchangeBundle(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, episode, person, _) = await DemoAsync(database);
        await using var _site = site;
        using var client = await SignedInAsync(site, Worker);
        using var manager = await SignedInAsync(site, DemoArea.SignIns.Single(u => u.Role == Roles.TeamManager));
        await using var db = database.Open();

        await AddNoteAsync(client, episode, "Client asked for a referral to the women's group.", "Other");

        var history = await db.ChangeRecords.Where(c => c.EpisodeId == episode && c.Summary == "Case note added").SingleAsync();
        Assert.Contains("Text: Client asked for a referral to the women's group.", history.Changes);
        Assert.Equal("Alex Morgan", history.ByName);

        var download = await manager.GetAsync($"/clients/{person}/subject-access?handler=Download");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        using var json = await JsonDocument.ParseAsync(zip.GetEntry("data.json")!.Open());
        var note = Assert.Single(json.RootElement.GetProperty("caseNotes").EnumerateArray());
        Assert.Equal("Client asked for a referral to the women's group.", note.GetProperty("Text").GetString());
        Assert.Equal("Other", note.GetProperty("Kind").GetString());
        Assert.Contains(json.RootElement.GetProperty("changeHistory").EnumerateArray(), c => c.GetProperty("Summary").GetString() == "Case note added");

        // The statistical exchange bundle carries no free text about a client.
        using var dataOfficer = await SignedInAsync(site, DemoArea.SignIns.Single(u => u.Role == Roles.DataOfficer));
        var source = await db.Episodes.Where(e => e.Id == episode).Select(e => e.Source).SingleAsync();
        var bundle = await dataOfficer.GetAsync($"/records?handler=Export&source={source}");
        Assert.Equal(HttpStatusCode.OK, bundle.StatusCode);
        var files = await bundle.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(Downloads.Leaks(files, [await db.Episodes.Where(e => e.Id == episode).Select(e => e.EpisodeRef).SingleAsync()]));
        Assert.Empty(Downloads.Leaks(files, ["women's group", "Case note"]));
    }

    [Theory, DatabaseData]
    public async Task AnotherProvidersWorkerCannotReadOrAddANote(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, episode, _, otherEpisode) = await DemoAsync(database);
        await using var _site = site;
        using var mine = await SignedInAsync(site, Worker);
        using var theirs = await SignedInAsync(site, DemoArea.OtherScopeSignIns.Single(u => u.Role == Roles.RecoveryWorker));
        await using var db = database.Open();
        await AddNoteAsync(mine, episode, "Keywork session about sleep and routine.");

        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/episodes/{episode}/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await theirs.GetAsync($"/episodes/{episode}/notes/new")).StatusCode);
        Assert.DoesNotContain("sleep and routine", await (await theirs.GetAsync($"/episodes/{episode}")).Content.ReadAsStringAsync());
        // Posting with a token from a page they may open gets no further.
        var posted = await TestSite.PostFormAsync(theirs, $"/episodes/{otherEpisode}/notes/new", $"/episodes/{episode}/notes/new",
            new() { ["Date"] = DateTime.Now.ToString("yyyy-MM-dd"), ["Kind"] = "Keywork", ["Text"] = "Not theirs to write", ["Version"] = "1" });
        Assert.Equal(HttpStatusCode.NotFound, posted.StatusCode);
        Assert.Equal(1, await db.CaseNotes.CountAsync(n => n.EpisodeId == episode));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.Refused && a.RecordId == episode.ToString()));

        // Nor may a contact of another case be named on a case one may write to.
        var foreignContact = await db.Contacts.Where(c => c.EpisodeId != episode && c.Episode.ProviderCode == DemoArea.Outgoing.Code).Select(c => c.Id).FirstAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await AddNoteAsync(mine, episode, "Linked elsewhere", contact: foreignContact.ToString())).StatusCode);
        Assert.Equal(1, await db.CaseNotes.CountAsync(n => n.EpisodeId == episode));
    }
}
