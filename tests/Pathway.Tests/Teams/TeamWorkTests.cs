using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Teams;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Teams;

/// <summary>A team manager's case table, bulk reallocation and dashboard CSV; peer mentors' contacts and concerns; group registers.</summary>
public partial class TeamWorkTests
{
    [GeneratedRegex("""<table[^>]*id="(\w+)".*?<tbody[^>]*>(.*?)</tbody>""", RegexOptions.Singleline)]
    private static partial Regex Table();
    [GeneratedRegex("""<tr[^>]*>(.*?)</tr>""", RegexOptions.Singleline)]
    private static partial Regex Row();
    [GeneratedRegex("""<td[^>]*>(.*?)</td>""", RegexOptions.Singleline)]
    private static partial Regex Cell();
    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();
    [GeneratedRegex(@"(\d+) open episodes?\b")]
    private static partial Regex OpenEpisodes();
    [GeneratedRegex(@"(\d+) without a key worker")]
    private static partial Regex WithoutKeyWorker();

    private static string Text(string html) => WebUtility.HtmlDecode(Tag().Replace(html, " ")).Trim();

    /// <summary>The body rows of the table with this id, as cell texts.</summary>
    private static List<List<string>> Rows(string html, string id)
    {
        var table = Table().Matches(html).FirstOrDefault(m => m.Groups[1].Value == id);
        if (table is null) return [];
        return Row().Matches(table.Groups[2].Value).Select(r => Cell().Matches(r.Groups[1].Value).Select(c => Text(c.Groups[1].Value)).ToList()).ToList();
    }

    private static int Number(Regex pattern, string html) => int.Parse(pattern.Match(Text(html)).Groups[1].Value, CultureInfo.InvariantCulture);

    private static DemoSignIn Manager => DemoArea.SignIns.Single(u => u.Role == Roles.TeamManager);
    private static DemoSignIn Worker => DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);
    private static DemoSignIn Mentor => DemoArea.SignIns.Single(u => u.Role == Roles.PeerMentor);
    private static DemoSignIn OtherWorker => DemoArea.OtherScopeSignIns.Single(u => u.Role == Roles.RecoveryWorker);
    private static DemoSignIn OtherMentor => DemoArea.OtherScopeSignIns.Single(u => u.Role == Roles.PeerMentor);
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.Now);

    private static async Task<TestSite> DemoAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 80, Years: 1, Seed: 21), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    private static async Task<HttpClient> SignedInAsync(TestSite site, DemoSignIn who)
    {
        var client = site.NewClient();
        await TestSite.SignInAsync(client, who.Email, DemoArea.Password);
        return client;
    }

    private static async Task<string> IdOfAsync(PathwayDb db, DemoSignIn who) => await db.Users.Where(u => u.Email == who.Email).Select(u => u.Id).SingleAsync();

    private static Task<HttpResponseMessage> PostTeamAsync(HttpClient client, string handler, Dictionary<string, string> fields, IEnumerable<int> ids, IEnumerable<int>? versions = null)
    {
        var list = fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value))
            .Concat(ids.Select(i => new KeyValuePair<string, string>("EpisodeIds", i.ToString(CultureInfo.InvariantCulture))))
            .Concat((versions ?? []).Select(v => new KeyValuePair<string, string>("Versions", v.ToString(CultureInfo.InvariantCulture)))).ToList();
        return PostListAsync(client, "/team", $"/team?handler={handler}", list);
    }

    private static async Task<HttpResponseMessage> PostListAsync(HttpClient client, string page, string action, List<KeyValuePair<string, string>> fields)
    {
        var html = await client.GetStringAsync(page);
        var token = Regex.Match(html, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        fields.Add(new("__RequestVerificationToken", token));
        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    [Theory, DatabaseData]
    public async Task TheCaseTableListsEveryOpenEpisodeWithItsKeyWorkerSortsFiltersAndReconcilesWithTheTeamFigures(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        using var manager = await SignedInAsync(site, Manager);
        var provider = Manager.ProviderCode;

        var team = await manager.GetStringAsync("/team");
        var cases = Rows(team, "cases");
        var open = await db.Episodes.CountAsync(e => e.ProviderCode == provider && e.DischargeDate == null);
        var unallocated = await db.Episodes.CountAsync(e => e.ProviderCode == provider && e.DischargeDate == null && e.KeyWorkerId == null);
        Assert.Equal(open, Number(OpenEpisodes(), team));
        Assert.Equal(open, cases.Count);
        Assert.Equal(Number(WithoutKeyWorker(), team), Rows(team, "unallocated").Count);
        Assert.Equal(unallocated, Rows(team, "unallocated").Count);
        Assert.Equal(unallocated, cases.Count(c => c[2] == TeamCaseloads.NoKeyWorker));

        // Filtered by one key worker: exactly their open cases, each naming them.
        var alex = await IdOfAsync(db, Worker);
        var held = await db.Episodes.CountAsync(e => e.ProviderCode == provider && e.DischargeDate == null && e.KeyWorkerId == alex);
        Assert.True(held > 1, "the demo gives the worker cases");
        var filtered = Rows(await manager.GetStringAsync($"/team?keyWorkerId={alex}"), "cases");
        Assert.Equal(held, filtered.Count);
        Assert.All(filtered, c => Assert.Equal(Worker.Name, c[2]));
        Assert.Equal(unallocated, Rows(await manager.GetStringAsync($"/team?keyWorkerId={TeamModel.NoneFilter}"), "cases").Count);

        // Sorted by start date: oldest first; by client: alphabetical.
        var starts = Rows(await manager.GetStringAsync("/team?sort=start"), "cases").Select(c => DateOnly.ParseExact(c[4], "d MMMM yyyy", CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(starts.Order().ToList(), starts);
        var names = cases.Select(c => Regex.Replace(c[1], @"\s+\S+$", "")).ToList();
        Assert.Equal(names.Order(StringComparer.OrdinalIgnoreCase).ToList(), names);
        var holders = Rows(await manager.GetStringAsync("/team?sort=keyworker"), "cases").Select(c => c[2]).ToList();
        var allocated = holders.TakeWhile(h => h != TeamCaseloads.NoKeyWorker).ToList();
        Assert.Equal(allocated.Order(StringComparer.OrdinalIgnoreCase).ToList(), allocated);
        Assert.All(holders.Skip(allocated.Count), h => Assert.Equal(TeamCaseloads.NoKeyWorker, h));
        Assert.Equal(unallocated, holders.Count - allocated.Count);
    }

    [Theory, DatabaseData]
    public async Task AManagerMovesSeveralCasesAfterCheckingAndEachHasAHistoryEntry(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        using var manager = await SignedInAsync(site, Manager);
        var alex = await IdOfAsync(db, Worker);
        var moving = await db.Episodes.Where(e => e.ProviderCode == Manager.ProviderCode && e.DischargeDate == null && e.KeyWorkerId != alex)
            .OrderBy(e => e.Id).Take(2).Select(e => new { e.Id, e.Version }).ToListAsync();

        var check = await PostTeamAsync(manager, "Check", new() { ["ToWorkerId"] = alex }, moving.Select(m => m.Id));
        var html = await check.Content.ReadAsStringAsync();
        Assert.Contains("You are moving 2 cases from", html);
        Assert.Contains($"to {Worker.Name}.", html);
        // Checking changes nothing.
        Assert.Equal(0, await db.Episodes.CountAsync(e => moving.Select(m => m.Id).Contains(e.Id) && e.KeyWorkerId == alex));

        var moved = await PostTeamAsync(manager, "Move", new() { ["ToWorkerId"] = alex }, moving.Select(m => m.Id), moving.Select(m => m.Version));
        Assert.Equal(HttpStatusCode.Redirect, moved.StatusCode);
        Assert.Equal(2, await db.Episodes.CountAsync(e => moving.Select(m => m.Id).Contains(e.Id) && e.KeyWorkerId == alex));
        var history = await db.ChangeRecords.Where(c => c.Summary == "Key worker changed").ToListAsync();
        Assert.Equal(moving.Select(m => (int?)m.Id).Order(), history.Select(h => h.EpisodeId).Order());
        Assert.All(history, h => Assert.Contains($"→ {Worker.Name}", h.Changes));
        Assert.Equal(2, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Change && a.RecordType == AuditedRecordTypes.Episode
            && moving.Select(m => m.Id.ToString()).Contains(a.RecordId!)));
        Assert.Contains("2 cases moved to Alex Morgan.", await manager.GetStringAsync("/team"));

        // The same confirmation posted again is stale: nothing moves twice.
        var again = await PostTeamAsync(manager, "Move", new() { ["ToWorkerId"] = alex }, moving.Select(m => m.Id), moving.Select(m => m.Version));
        Assert.Contains(WebUtility.HtmlEncode(Reallocation.Stale), await again.Content.ReadAsStringAsync());
    }

    [Theory, DatabaseData]
    public async Task NothingTickedNoWorkerAndACaseOutsideTheScopeAreRefusedAndNothingChanges(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        using var manager = await SignedInAsync(site, Manager);
        var alex = await IdOfAsync(db, Worker);
        var own = await db.Episodes.Where(e => e.ProviderCode == Manager.ProviderCode && e.DischargeDate == null && e.KeyWorkerId != alex)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Version, e.KeyWorkerId }).FirstAsync();
        var other = await db.Episodes.Where(e => e.ProviderCode != Manager.ProviderCode && e.DischargeDate == null)
            .OrderBy(e => e.Id).Select(e => new { e.Id, e.Version, e.KeyWorkerId }).FirstAsync();

        var nothing = await (await PostTeamAsync(manager, "Check", new() { ["ToWorkerId"] = alex }, [])).Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Caseloads", nothing);
        Assert.Contains($"<a href=\"#EpisodeIds\">{Reallocation.NothingTicked}</a>", nothing);
        var noWorker = await (await PostTeamAsync(manager, "Check", [], [own.Id])).Content.ReadAsStringAsync();
        Assert.Contains($"<a href=\"#ToWorkerId\">{Reallocation.NoWorker}</a>", noWorker);
        // The tick is kept for the manager to choose a worker.
        Assert.Matches($"value=\"{own.Id}\" checked", noWorker);
        var otherWorker = await IdOfAsync(db, OtherWorker);
        Assert.Contains(WebUtility.HtmlEncode(Reallocation.NotAWorker), await (await PostTeamAsync(manager, "Check", new() { ["ToWorkerId"] = otherWorker }, [own.Id])).Content.ReadAsStringAsync());

        var outside = await PostTeamAsync(manager, "Check", new() { ["ToWorkerId"] = alex }, [own.Id, other.Id]);
        Assert.Contains(WebUtility.HtmlEncode(Reallocation.OutsideScope), await outside.Content.ReadAsStringAsync());
        var forced = await PostTeamAsync(manager, "Move", new() { ["ToWorkerId"] = alex }, [own.Id, other.Id], [own.Version, other.Version]);
        Assert.Equal(HttpStatusCode.OK, forced.StatusCode);
        Assert.Contains(WebUtility.HtmlEncode(Reallocation.OutsideScope), await forced.Content.ReadAsStringAsync());

        db.ChangeTracker.Clear();
        var after = await db.Episodes.Where(e => e.Id == own.Id || e.Id == other.Id).ToDictionaryAsync(e => e.Id);
        Assert.Equal((own.KeyWorkerId, own.Version), (after[own.Id].KeyWorkerId, after[own.Id].Version));
        Assert.Equal((other.KeyWorkerId, other.Version), (after[other.Id].KeyWorkerId, after[other.Id].Version));
        Assert.Equal(0, await db.ChangeRecords.CountAsync(c => c.Summary == "Key worker changed"));
    }

    [Theory, DatabaseData]
    public async Task TheDashboardCsvHoldsTheFiguresThePageShowsAndIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        foreach (var who in new[] { Manager, DemoArea.SignIns.Single(u => u.Role == Roles.Commissioner) })
        {
            using var client = await SignedInAsync(site, who);
            var page = await client.GetStringAsync("/performance");
            var download = await client.GetAsync("/performance?handler=Download");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("text/csv", download.Content.Headers.ContentType?.MediaType);
            var lines = (await download.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(string.Join(",", DashboardCsv.Header), lines[0].TrimEnd('\r'));
            var indicators = lines.Skip(1).Select(l => ParseCsv(l.TrimEnd('\r'))).Where(f => f[0] == "indicators").ToList();
            Assert.Equal(DashboardModel.TableIds.Length, indicators.Count);
            var shown = Regex.Matches(Regex.Match(page, """<table class="nhsuk-table" id="indicators">.*?</table>""", RegexOptions.Singleline).Value,
                    """<tr class="nhsuk-table__row">\s*<th scope="row">(.*?)</th>\s*<td>(.*?)</td>\s*<td>(.*?)</td>""", RegexOptions.Singleline)
                .Select(m => (Title: Regex.Replace(Text(m.Groups[1].Value), @"\s*Provisional$", ""), Value: Text(m.Groups[2].Value), Rate: Text(m.Groups[3].Value))).ToList();
            Assert.Equal(indicators.Count, shown.Count);
            foreach (var (row, onPage) in indicators.Zip(shown))
            {
                Assert.Equal(onPage.Title, row[3]);
                Assert.Equal(onPage.Value, row[4]);
                if (onPage.Rate.Length > 0)
                    Assert.Equal(onPage.Rate.Replace(",", ""), $"{row[5]} / {row[6]}");
            }
            Assert.Contains(indicators, r => r[5].Length > 0 && r[5] != "0");
            Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.Export && a.RecordType == "Performance" && a.UserName == who.Email));
        }
    }

    private static List<string> ParseCsv(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var ch = line[i];
            if (quoted && ch == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (ch == '"') quoted = !quoted;
            else if (ch == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(ch);
        }
        fields.Add(field.ToString());
        return fields;
    }

    [Theory, DatabaseData]
    public async Task AMentorsContactAndConcernReachTheKeyWorkerOnlyUntilSeen(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        var alex = await IdOfAsync(db, Worker);
        var jo = await IdOfAsync(db, Mentor);
        // A case without the demo's own mentoring, contacts and concern.
        var episode = await db.Episodes.Where(e => e.ProviderCode == Mentor.ProviderCode && e.DischargeDate == null && e.TriageDate != null && e.ReferralDate <= Today
                && !db.PeerMentorings.Any(m => m.EpisodeId == e.Id) && !db.PeerConcerns.Any(c => c.EpisodeId == e.Id))
            .OrderBy(e => e.Id).FirstAsync();
        episode.KeyWorkerId = alex;
        db.PeerMentorings.Add(new PeerMentors.PeerMentoring { EpisodeId = episode.Id, MentorId = jo, From = Today });
        await db.SaveChangesAsync();
        using var mentor = await SignedInAsync(site, Mentor);
        Assert.Contains($"href=\"/mentees/{episode.Id}\"", await mentor.GetStringAsync("/mentees"));

        var contact = await TestSite.PostFormAsync(mentor, $"/mentees/{episode.Id}", $"/mentees/{episode.Id}?handler=Contact", new()
        {
            ["Date"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Type"] = "PhoneCall", ["Minutes"] = "20", ["Note"] = "Talked about the weekend.",
        });
        Assert.Equal(HttpStatusCode.Redirect, contact.StatusCode);
        var saved = await db.PeerSupportContacts.SingleAsync(c => c.EpisodeId == episode.Id);
        Assert.Equal((20, Mentor.Name), (saved.Minutes, saved.MentorName));
        var tooLong = await TestSite.PostFormAsync(mentor, $"/mentees/{episode.Id}", $"/mentees/{episode.Id}?handler=Concern", new() { ["Reason"] = new string('x', 1001) });
        Assert.Contains("Concern must be 1,000 characters or fewer", await tooLong.Content.ReadAsStringAsync());

        const string reason = "Said they had started drinking again and missed the mutual-aid meeting.";
        await TestSite.PostFormAsync(mentor, $"/mentees/{episode.Id}", $"/mentees/{episode.Id}?handler=Concern", new() { ["Reason"] = reason });
        Assert.Equal(1, await db.PeerConcerns.CountAsync(c => c.EpisodeId == episode.Id));
        Assert.True(await db.ChangeRecords.AnyAsync(c => c.EpisodeId == episode.Id && c.Summary == "Peer concern added"));
        Assert.True(await db.ChangeRecords.AnyAsync(c => c.EpisodeId == episode.Id && c.Summary == "Peer support contact added"));

        using var keyWorker = await SignedInAsync(site, Worker);
        Assert.Contains(reason, await keyWorker.GetStringAsync("/caseload"));
        Assert.Contains(reason, await keyWorker.GetStringAsync("/"));
        using var manager = await SignedInAsync(site, Manager);
        Assert.DoesNotContain(reason, await manager.GetStringAsync("/caseload"));
        using var other = await SignedInAsync(site, OtherWorker);
        Assert.DoesNotContain(reason, await other.GetStringAsync("/caseload"));
        using var otherMentor = await SignedInAsync(site, OtherMentor);
        Assert.Equal(HttpStatusCode.NotFound, (await otherMentor.GetAsync($"/mentees/{episode.Id}")).StatusCode);

        var concern = await db.PeerConcerns.SingleAsync(c => c.EpisodeId == episode.Id);
        // Someone who is not the key worker cannot mark it seen.
        Assert.Equal(HttpStatusCode.NotFound, (await TestSite.PostFormAsync(manager, "/caseload", "/caseload?handler=Seen", new() { ["concernId"] = concern.Id.ToString() })).StatusCode);
        var seen = await TestSite.PostFormAsync(keyWorker, "/caseload", "/caseload?handler=Seen", new() { ["concernId"] = concern.Id.ToString() });
        Assert.Equal(HttpStatusCode.Redirect, seen.StatusCode);
        Assert.DoesNotContain(reason, await keyWorker.GetStringAsync("/caseload"));
        db.ChangeTracker.Clear();
        Assert.Equal(Worker.Name, (await db.PeerConcerns.SingleAsync(c => c.Id == concern.Id)).SeenByName);
    }

    [Theory, DatabaseData]
    public async Task AGroupAttendanceIsExactlyOneContactAndUnmarkingRemovesItAndAnotherProviderCannotSeeTheGroup(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        using var worker = await SignedInAsync(site, Worker);
        var episode = await db.Episodes.Where(e => e.ProviderCode == Worker.ProviderCode && e.DischargeDate == null && e.TriageDate != null && e.ReferralDate <= Today)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();

        var empty = await TestSite.PostFormAsync(worker, "/groups", "/groups", new() { ["Title"] = new string('t', 201) });
        var emptyHtml = await empty.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Group sessions", emptyHtml);
        Assert.Contains("Select the type of group", emptyHtml);
        Assert.Contains("Title must be 200 characters or fewer (this one has 201)", emptyHtml);

        var created = await TestSite.PostFormAsync(worker, "/groups", "/groups", new()
        {
            ["Type"] = "MutualAidMeeting", ["Title"] = "SMART Recovery on site", ["Date"] = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Time"] = "18:30", ["Facilitator"] = "Alex Morgan",
        });
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        var page = created.Headers.Location!.ToString();
        var session = await db.GroupSessions.SingleAsync(g => g.Title == "SMART Recovery on site" && g.Date == Today);
        Assert.Equal($"/groups/{session.Id}", page);
        var before = await db.Contacts.CountAsync(c => c.EpisodeId == episode);

        await TestSite.PostFormAsync(worker, page, $"{page}?handler=Add", new() { ["EpisodeId"] = episode.ToString(), ["Attended"] = "True" });
        var contacts = await db.Contacts.Where(c => c.EpisodeId == episode && c.Kind == Episodes.ContactKind.Group && c.Date == Today).ToListAsync();
        Assert.True(Assert.Single(contacts).Attended);
        Assert.Equal(before + 1, await db.Contacts.CountAsync(c => c.EpisodeId == episode));
        // Adding the same client again is refused; the register still counts them once.
        var twice = await TestSite.PostFormAsync(worker, page, $"{page}?handler=Add", new() { ["EpisodeId"] = episode.ToString(), ["Attended"] = "True" });
        Assert.Contains("There is a problem", await twice.Content.ReadAsStringAsync());
        Assert.Equal(before + 1, await db.Contacts.CountAsync(c => c.EpisodeId == episode));

        var attendance = await db.GroupAttendances.SingleAsync(a => a.GroupSessionId == session.Id);
        await TestSite.PostFormAsync(worker, page, $"{page}?handler=Mark", new() { ["attendanceId"] = attendance.Id.ToString(), ["attended"] = "False" });
        db.ChangeTracker.Clear();
        var marked = await db.Contacts.SingleAsync(c => c.Id == attendance.ContactId);
        Assert.False(marked.Attended);
        Assert.Equal(before + 1, await db.Contacts.CountAsync(c => c.EpisodeId == episode));
        Assert.True(await db.ChangeRecords.AnyAsync(c => c.EpisodeId == episode && c.Summary == "Group attendance added"));

        // Another provider's staff do not see the session, in the list or by its address.
        using var other = await SignedInAsync(site, OtherWorker);
        Assert.DoesNotContain("SMART Recovery on site", await other.GetStringAsync("/groups"));
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(page)).StatusCode);

        await TestSite.PostFormAsync(worker, page, $"{page}?handler=Remove", new() { ["attendanceId"] = attendance.Id.ToString() });
        Assert.Equal(before, await db.Contacts.CountAsync(c => c.EpisodeId == episode));
        Assert.Equal(0, await db.GroupAttendances.CountAsync(a => a.GroupSessionId == session.Id));
        Assert.Contains("Nobody is on this session", await worker.GetStringAsync(page));
    }
}
