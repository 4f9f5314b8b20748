using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Web;

/// <summary>
/// Many staff at once: every case-page view writes its audit event, so on SQLite views and case changes are all writers
/// that meet each other. None may fail because another is writing, and none may lose its audit event or its change.
/// </summary>
public class ConcurrentUseTests
{
    private const int ViewersPerRole = 4;
    private const int ViewsPerViewer = 25;
    private const int Writers = 3;
    private const int NotesPerWriter = 3;

    [Theory, DatabaseData]
    public async Task ManyStaffViewingAndChangingCasesAtOnceGetNoServerErrorAndEveryAuditEventAndChangeIsSaved(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 30, Years: 1, Seed: 17), new DateOnly(2026, 11, 23));
        if (kind == DatabaseKind.Sqlite) await RollbackJournalAsync(database);
        await using var site = await TestSite.StartAsync(database.Target);
        var today = DateOnly.FromDateTime(DateTime.Now);
        List<int> episodes;
        await using (var db = database.Open())
            episodes = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.ReferralDate <= today)
                .OrderBy(e => e.Id).Select(e => e.Id).Take(8).ToListAsync();
        Assert.True(episodes.Count >= Writers + 2, $"the demo area should have open cases to work on, found {episodes.Count}");

        // Several sessions of two members of staff: a worker and their manager.
        var worker = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);
        var manager = DemoArea.SignIns.Single(u => u.Role == Roles.TeamManager);
        var viewers = new List<HttpClient>();
        foreach (var who in new[] { worker, manager })
            for (var i = 0; i < ViewersPerRole; i++)
                viewers.Add(await SignedInAsync(site, who));
        var writers = new List<HttpClient>();
        for (var i = 0; i < Writers; i++) writers.Add(await SignedInAsync(site, worker));

        var before = await CountsAsync(database, episodes);
        var marker = $"concurrent-{Guid.NewGuid():N}";

        // All at once: every viewer's views in parallel, and each writer adding notes to a case of its own.
        var views = viewers.SelectMany((client, v) => Enumerable.Range(0, ViewsPerViewer)
            .Select(n => client.GetAsync($"/episodes/{episodes[(v + n) % episodes.Count]}"))).ToList();
        var changes = writers.Select((client, w) => AddNotesAsync(client, episodes[w], marker)).ToList();
        var viewed = await Task.WhenAll(views);
        var changed = (await Task.WhenAll(changes)).SelectMany(r => r).ToList();

        Assert.DoesNotContain(viewed.Concat(changed), r => (int)r.StatusCode >= 500);
        Assert.All(viewed, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        Assert.All(changed, r => Assert.Equal(HttpStatusCode.Redirect, r.StatusCode));

        // Every view left its event (the case pages, and the note form read before each change), every change its event and its note.
        var after = await CountsAsync(database, episodes);
        Assert.Equal(viewed.Length + changed.Count, after.Views - before.Views);
        Assert.Equal(changed.Count, after.Changes - before.Changes);
        await using (var db = database.Open())
        {
            for (var w = 0; w < Writers; w++)
            {
                var episode = episodes[w];
                Assert.Equal(NotesPerWriter, await db.CaseNotes.CountAsync(n => n.EpisodeId == episode && n.Text.StartsWith(marker)));
            }
        }

        foreach (var client in viewers.Concat(writers)) client.Dispose();
    }

    private static async Task<HttpClient> SignedInAsync(TestSite site, DemoSignIn who)
    {
        var client = site.NewClient();
        var signedIn = await TestSite.SignInAsync(client, who.Email, DemoArea.Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        return client;
    }

    /// <summary>One writer's notes, one after another, each form read first as a person would (a view of the case).</summary>
    private static async Task<List<HttpResponseMessage>> AddNotesAsync(HttpClient client, int episode, string marker)
    {
        var results = new List<HttpResponseMessage>();
        for (var n = 0; n < NotesPerWriter; n++)
            results.Add(await TestSite.PostCaseFormAsync(client, $"/episodes/{episode}/notes/new", new()
            {
                ["Date"] = DateTime.Now.ToString("yyyy-MM-dd"), ["Kind"] = "Keywork", ["Text"] = $"{marker} note {n} on a busy morning.",
            }));
        return results;
    }

    /// <summary>
    /// The journal a file made by `pathway migrate` or `serve` had before Pathway chose one: the rollback journal, SQLite's
    /// default (EF Core picks write-ahead logging only for a file it creates itself, as the test template is made).
    /// </summary>
    private static async Task RollbackJournalAsync(TestDatabase database)
    {
        await using (var connection = new SqliteConnection(database.Target.ConnectionString))
        {
            await connection.OpenAsync();
            await using var journal = connection.CreateCommand();
            journal.CommandText = "PRAGMA journal_mode = DELETE;";
            Assert.Equal("delete", await journal.ExecuteScalarAsync());
        }
        SqliteConnection.ClearAllPools();
    }

    /// <summary>Audit events about these cases: allowed views, and changes that succeeded.</summary>
    private static async Task<(int Views, int Changes)> CountsAsync(TestDatabase database, List<int> episodes)
    {
        await using var db = database.Open();
        var ids = episodes.Select(e => e.ToString()).ToList();
        var about = db.AuditEvents.Where(e => e.RecordType == AuditedRecordTypes.Episode && ids.Contains(e.RecordId!));
        return (await about.CountAsync(e => e.Action == AuditActions.View && e.Outcome == AuditOutcomes.Allowed),
            await about.CountAsync(e => e.Action == AuditActions.Change && e.Outcome == AuditOutcomes.Succeeded));
    }
}
