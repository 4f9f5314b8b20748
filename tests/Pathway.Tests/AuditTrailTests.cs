using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class AuditTrailTests
{
    /// <summary>Makes the database refuse every new "change" audit event, as a full disk or a broken trail would.</summary>
    private static string RefuseChangeEvents(DatabaseKind kind) => kind == DatabaseKind.Sqlite
        ? """
          CREATE TRIGGER refuse_change_events BEFORE INSERT ON "AuditEvents" WHEN NEW."Action" = 'change'
          BEGIN SELECT RAISE(ABORT, 'the audit trail is refusing changes'); END;
          """
        : """
          CREATE FUNCTION refuse_change_events() RETURNS trigger LANGUAGE plpgsql AS $$
          BEGIN
            IF NEW."Action" = 'change' THEN RAISE EXCEPTION 'the audit trail is refusing changes'; END IF;
            RETURN NEW;
          END $$;
          CREATE TRIGGER refuse_change_events BEFORE INSERT ON "AuditEvents" FOR EACH ROW EXECUTE FUNCTION refuse_change_events();
          """;

    private static async Task<(TestSite Site, HttpClient Client)> RecoveryWorkerAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 20, Years: 1, Seed: 8), new DateOnly(2026, 11, 23));
        var site = await TestSite.StartAsync(database.Target);
        var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);
        return (site, client);
    }

    [Theory, DatabaseData]
    public async Task AChangeIsSavedOnlyTogetherWithItsAuditEvent(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await RecoveryWorkerAsync(database);
        await using var _ = site;
        using var __ = client;
        await using var db = database.Open();
        var episode = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code).Select(e => e.Id).FirstAsync();
        var page = $"/episodes/{episode}/goals";
        Task<HttpResponseMessage> AddGoal(string text) =>
            TestSite.PostFormAsync(client, page, page, new() { ["Description"] = text, ["Status"] = "NotStarted" });
        Task<int> Goals(string text) => db.RecoveryGoals.CountAsync(g => g.EpisodeId == episode && g.Description == text);
        Task<List<string>> ChangeOutcomes() => db.AuditEvents
            .Where(a => a.Action == AuditActions.Change && a.RecordType == AuditedRecordTypes.Episode && a.RecordId == episode.ToString())
            .OrderBy(a => a.Id).Select(a => a.Outcome).ToListAsync();

        // When the trail cannot take the event, the change is not saved either.
        await db.Database.ExecuteSqlRawAsync(RefuseChangeEvents(kind));
        var refused = await AddGoal("Walk to the recovery hub twice a week");
        Assert.NotEqual(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Equal(0, await Goals("Walk to the recovery hub twice a week"));
        Assert.Empty(await ChangeOutcomes());

        await db.Database.ExecuteSqlRawAsync(kind == DatabaseKind.Sqlite
            ? "DROP TRIGGER refuse_change_events"
            : "DROP TRIGGER refuse_change_events ON \"AuditEvents\"");
        var saved = await AddGoal("Walk to the recovery hub twice a week");
        Assert.Equal($"/episodes/{episode}", saved.Headers.Location?.ToString());
        Assert.Equal(1, await Goals("Walk to the recovery hub twice a week"));
        Assert.Equal([AuditOutcomes.Succeeded], await ChangeOutcomes());

        // An attempt that saves nothing is still on record, as failed.
        var invalid = await AddGoal("");
        Assert.Equal(HttpStatusCode.OK, invalid.StatusCode);
        Assert.Equal([AuditOutcomes.Succeeded, AuditOutcomes.Failed], await ChangeOutcomes());
    }

    [Theory, DatabaseData]
    public async Task ASearchForAPersonIsPostedNotPutInTheAddressAndBothSearchAndReferralAreAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client) = await RecoveryWorkerAsync(database);
        await using var _ = site;
        using var __ = client;
        await using var db = database.Open();
        var known = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.ClientRecord.GivenName != null)
            .Select(e => new { e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.Person.DateOfBirth }).FirstAsync();

        var page = await client.GetStringAsync("/referrals/new");
        Assert.DoesNotContain("method=\"get\"", page);
        var found = await TestSite.PostFormAsync(client, "/referrals/new", "/referrals/new?handler=Search",
            new() { ["Search.Name"] = $"{known.GivenName} {known.FamilyName}" });
        var html = await found.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Contains("Already known here", html);
        Assert.Contains(known.FamilyName!, html);
        Assert.DoesNotContain("There is a problem", html);
        // One event for the search itself, and one on the trail of each person it found.
        Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.Action == AuditActions.Search && a.UserName == "alex.worker@demo.pathway.example"
                                                             && a.RecordType == AuditedRecordTypes.List));
        Assert.True(await db.AuditEvents.AnyAsync(a => a.Action == AuditActions.Search && a.PersonId != null));

        var referred = await TestSite.PostFormAsync(client, "/referrals/new", "/referrals/new", new()
        {
            ["Input.GivenName"] = "Rowan", ["Input.FamilyName"] = "Testerby", ["Input.DateOfBirth"] = "1984-03-02", ["Input.Sex"] = "Female",
            ["Input.LocalAuthorityCode"] = "E08000007", ["Input.ReferralDate"] = "2026-11-20", ["Input.Source"] = "Gp", ["Input.Substance1"] = "Alcohol",
        });
        var episode = int.Parse(referred.Headers.Location!.ToString().Split('/')[^1]);
        var change = await db.AuditEvents.SingleAsync(a => a.Action == AuditActions.Change && a.RecordId == episode.ToString());
        Assert.Equal((AuditedRecordTypes.Episode, AuditOutcomes.Succeeded), (change.RecordType, change.Outcome));
        Assert.Equal(await db.Episodes.Where(e => e.Id == episode).Select(e => e.PersonId).SingleAsync(), change.PersonId);
    }
}
