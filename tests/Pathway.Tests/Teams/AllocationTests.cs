using System.Globalization;
using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Teams;

/// <summary>The case's own allocation page keeps the bulk move's rule for who may hold cases; its history names people, not ids.</summary>
public partial class TeamWorkTests
{
    private static async Task<string> ColleagueAsync(PathwayDb db, string except)
    {
        var workerRole = await db.Roles.Where(r => r.Name == Roles.RecoveryWorker).Select(r => r.Id).SingleAsync();
        return await db.Users.Where(u => u.ProviderCode == Manager.ProviderCode && u.Id != except && db.UserRoles.Any(ur => ur.UserId == u.Id && ur.RoleId == workerRole))
            .OrderBy(u => u.Email).Select(u => u.Id).FirstAsync();
    }

    [Theory, DatabaseData]
    public async Task TheAllocationPageOffersOnlyEnabledKeyWorkersAndRefusesADisabledOne(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        var alex = await IdOfAsync(db, Worker);
        var disabledId = await ColleagueAsync(db, alex);
        var disabled = await db.Users.SingleAsync(u => u.Id == disabledId);
        disabled.LockoutEnd = DateTimeOffset.MaxValue;
        var episode = await db.Episodes.Where(e => e.ProviderCode == Manager.ProviderCode && e.DischargeDate == null && e.KeyWorkerId == alex)
            .OrderBy(e => e.Id).FirstAsync();
        await db.SaveChangesAsync();
        using var manager = await SignedInAsync(site, Manager);
        var page = $"/episodes/{episode.Id}/allocation";

        var form = await manager.GetStringAsync(page);
        Assert.Contains($"<option value=\"{alex}\"", form);
        Assert.DoesNotContain(disabledId, form);
        Assert.DoesNotContain(WebUtility.HtmlEncode(disabled.DisplayName), form);

        // Posting the disabled worker's id anyway is refused and nothing changes.
        var refused = await TestSite.PostCaseFormAsync(manager, page, new() { ["KeyWorkerId"] = disabledId, ["MentorId"] = "" });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Choose a key worker from the list: a recovery worker of your service whose account is enabled", await refused.Content.ReadAsStringAsync());
        db.ChangeTracker.Clear();
        Assert.Equal(alex, (await db.Episodes.SingleAsync(e => e.Id == episode.Id)).KeyWorkerId);

        // A case still held by someone disabled since: they are shown as its holder, not offered for another case, and saving keeps them.
        await db.Episodes.Where(e => e.Id == episode.Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.KeyWorkerId, disabledId));
        var held = await manager.GetStringAsync(page);
        Assert.Contains($"{WebUtility.HtmlEncode(disabled.DisplayName)} (account disabled)", held);
        var other = await db.Episodes.Where(e => e.ProviderCode == Manager.ProviderCode && e.DischargeDate == null && e.Id != episode.Id)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        Assert.DoesNotContain(disabledId, await manager.GetStringAsync($"/episodes/{other}/allocation"));
        var kept = await TestSite.PostCaseFormAsync(manager, page, new() { ["KeyWorkerId"] = disabledId, ["MentorId"] = "" });
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        db.ChangeTracker.Clear();
        Assert.Equal(disabledId, (await db.Episodes.SingleAsync(e => e.Id == episode.Id)).KeyWorkerId);

        // The bulk move and this page give the same list of enabled key workers.
        var bulk = await Pathway.Teams.Reallocation.KeyWorkersAsync(db, Manager.ProviderCode, CancellationToken.None);
        Assert.DoesNotContain(bulk, k => k.Id == disabledId);
        Assert.All(bulk, k => Assert.Contains($"<option value=\"{k.Id}\"", held));
    }

    [Theory, DatabaseData]
    public async Task TheHistoryNamesTheKeyWorkerMentorAndGroupSessionNotTheirIds(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoAsync(database);
        await using var db = database.Open();
        var alex = await IdOfAsync(db, Worker);
        var jo = await IdOfAsync(db, Mentor);
        var colleague = await ColleagueAsync(db, alex);
        var colleagueName = await db.Users.Where(u => u.Id == colleague).Select(u => u.DisplayName).SingleAsync();
        var episode = await db.Episodes.Where(e => e.ProviderCode == Manager.ProviderCode && e.DischargeDate == null && e.TriageDate != null
                && e.ReferralDate <= Today && e.KeyWorkerId == alex && !db.PeerMentorings.Any(m => m.EpisodeId == e.Id))
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        using var manager = await SignedInAsync(site, Manager);

        var saved = await TestSite.PostCaseFormAsync(manager, $"/episodes/{episode}/allocation", new() { ["KeyWorkerId"] = colleague, ["MentorId"] = jo });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var moved = await db.ChangeRecords.Where(c => c.EpisodeId == episode && c.Summary == "Episode changed").OrderByDescending(c => c.Id).FirstAsync();
        Assert.Contains($"Key worker: {Worker.Name} → {colleagueName}", moved.Changes);
        var mentoring = await db.ChangeRecords.Where(c => c.EpisodeId == episode && c.Summary == "Peer mentoring added").SingleAsync();
        Assert.Contains($"Peer mentor: {Mentor.Name}", mentoring.Changes);

        using var worker = await SignedInAsync(site, Worker);
        var date = Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var created = await TestSite.PostFormAsync(worker, "/groups", "/groups", new()
        {
            ["Type"] = "PsychosocialGroup", ["Title"] = "Tuesday relapse prevention", ["Date"] = date, ["Time"] = "10:00", ["Facilitator"] = "Alex Morgan",
        });
        var register = created.Headers.Location!.ToString();
        var add = await TestSite.PostFormAsync(worker, register, $"{register}?handler=Add", new() { ["EpisodeId"] = episode.ToString(CultureInfo.InvariantCulture), ["Attended"] = "True" });
        Assert.Equal(HttpStatusCode.Redirect, add.StatusCode);
        var marked = await db.ChangeRecords.Where(c => c.EpisodeId == episode && c.Summary == "Group attendance added").SingleAsync();
        Assert.Contains($"Group session: Tuesday relapse prevention, {Pathway.Web.Words.Date(Today)}", marked.Changes);

        var all = await db.ChangeRecords.Where(c => c.EpisodeId == episode).Select(c => c.Changes).ToListAsync();
        Assert.DoesNotContain(all, c => c.Contains(" id:", StringComparison.OrdinalIgnoreCase) || c.Contains(colleague) || c.Contains(jo) || c.Contains(alex));
        var history = await manager.GetStringAsync($"/episodes/{episode}");
        Assert.DoesNotContain("Group session id", history);
    }
}
