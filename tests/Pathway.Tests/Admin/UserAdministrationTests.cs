using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Admin;

public class UserAdministrationTests
{
    private static readonly DemoSignIn Worker = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);
    private static readonly DemoSignIn Admin = DemoArea.SignIns.Single(u => u.Role == Roles.Administrator);

    private static async Task<TestSite> SiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 1, Seed: 9), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target);
    }

    private static async Task<HttpClient> SignInAsync(TestSite site, DemoSignIn who)
    {
        var client = site.NewClient();
        await TestSite.SignInAsync(client, who.Email, DemoArea.Password);
        return client;
    }

    private static async Task<string> IdOfAsync(TestDatabase database, string email)
    {
        await using var db = database.Open();
        return await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
    }

    private static async Task<List<string>> RolesOfAsync(PathwayDb db, string id) =>
        await db.UserRoles.Where(r => r.UserId == id).Join(db.Roles, ur => ur.RoleId, r => r.Id, (_, r) => r.Name!).ToListAsync();

    [Theory, DatabaseData]
    public async Task AnAdministratorChangesARoleAndTeamAndTheirSessionsEnd(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        var workerId = await IdOfAsync(database, Worker.Email);
        using var worker = await SignInAsync(site, Worker);
        using var admin = await SignInAsync(site, Admin);
        var page = $"/admin/users/{workerId}";
        Assert.Contains("Alex Morgan", await admin.GetStringAsync(page));

        var saved = await TestSite.PostFormAsync(admin, page, page + "?handler=Save", new()
        {
            ["Input.Role"] = Roles.TeamManager, ["Input.Provider"] = "NEWCO", ["Input.LocalAuthority"] = "", ["Input.Team"] = "Bury community team",
        });

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Contains("role and team are saved", await admin.GetStringAsync(saved.Headers.Location!.OriginalString));
        await using var db = database.Open();
        var user = await db.Users.AsNoTracking().SingleAsync(u => u.Id == workerId);
        Assert.Equal([Roles.TeamManager], await RolesOfAsync(db, workerId));
        Assert.Equal("Bury community team", await db.Teams.Where(t => t.Id == user.TeamId).Select(t => t.Name).SingleAsync());
        Assert.Equal("NEWCO", user.ProviderCode);
        Assert.True(await db.AuditEvents.AnyAsync(a => a.RecordType == AuditedRecordTypes.StaffUser && a.RecordId == workerId
            && a.Action == AuditActions.Change && a.UserName == Admin.Email));
        var after = await worker.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.OriginalString);
    }

    [Theory, DatabaseData]
    public async Task AChangeThatBreaksARuleIsExplainedAndChangesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        var workerId = await IdOfAsync(database, Worker.Email);
        using var admin = await SignInAsync(site, Admin);
        var page = $"/admin/users/{workerId}";

        var refused = await TestSite.PostFormAsync(admin, page, page + "?handler=Save", new()
        {
            ["Input.Role"] = Roles.Commissioner, ["Input.Provider"] = "NEWCO", ["Input.LocalAuthority"] = "", ["Input.Team"] = "",
        });
        var html = await refused.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("<title>Error: Alex Morgan", html);
        var provider = html.IndexOf("<a href=\"#Input_Provider\">A commissioner works for no provider", StringComparison.Ordinal);
        var council = html.IndexOf("<a href=\"#Input_LocalAuthority\">Choose the council a commissioner works for", StringComparison.Ordinal);
        Assert.True(provider >= 0 && provider < council, html);
        await using var db = database.Open();
        Assert.Equal([Roles.RecoveryWorker], await RolesOfAsync(db, workerId));
    }

    [Theory, DatabaseData]
    public async Task DisablingAsksFirstAndWarnsOfTheOpenCasesTheWorkerHolds(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        var workerId = await IdOfAsync(database, Worker.Email);
        int open;
        await using (var db = database.Open())
            open = await db.Episodes.CountAsync(e => e.KeyWorkerId == workerId && e.DischargeDate == null);
        Assert.True(open > 1, "the demo gives the worker open cases");
        using var worker = await SignInAsync(site, Worker);
        using var admin = await SignInAsync(site, Admin);

        var list = await admin.GetStringAsync("/admin/users");
        var question = await admin.GetStringAsync($"/admin/users/{workerId}/disable");

        Assert.DoesNotContain("handler=Disable", list);
        Assert.Contains($"href=\"/admin/users/{workerId}/disable\"", list);
        Assert.Contains($"Alex Morgan is key worker for {open} open cases", question);
        Assert.Contains("href=\"/team\"", question);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/")).StatusCode);

        var disabled = await TestSite.PostFormAsync(admin, $"/admin/users/{workerId}/disable", $"/admin/users/{workerId}/disable", []);

        Assert.Equal("/admin/users", disabled.Headers.Location?.OriginalString);
        Assert.Contains("account is disabled and their sessions have ended", await admin.GetStringAsync("/admin/users"));
        var after = await worker.GetAsync("/");
        Assert.StartsWith("/sign-in", after.Headers.Location!.OriginalString);
        await using (var db = database.Open())
            Assert.Equal(DateTimeOffset.MaxValue, (await db.Users.SingleAsync(u => u.Id == workerId)).LockoutEnd);
    }

    [Theory, DatabaseData]
    public async Task TheLastAdministratorCanNeitherBeDisabledNorLoseTheRole(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        var adminId = await IdOfAsync(database, Admin.Email);
        using var admin = await SignInAsync(site, Admin);
        var disablePage = $"/admin/users/{adminId}/disable";
        const string reason = "Robin Hale is the only administrator whose account is enabled: make someone else an administrator first, or nobody could manage accounts";

        var question = await admin.GetStringAsync(disablePage);
        var posted = await TestSite.PostFormAsync(admin, "/admin/users", disablePage, []);
        var demoted = await TestSite.PostFormAsync(admin, $"/admin/users/{adminId}", $"/admin/users/{adminId}?handler=Save", new()
        {
            ["Input.Role"] = Roles.RecoveryWorker, ["Input.Provider"] = "NEWCO", ["Input.LocalAuthority"] = "", ["Input.Team"] = "",
        });

        Assert.Contains(reason, System.Net.WebUtility.HtmlDecode(question));
        Assert.DoesNotContain("<button", question.Split("<main")[1].Split("</main>")[0]);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        Assert.Contains(reason, System.Net.WebUtility.HtmlDecode(await demoted.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/admin/users")).StatusCode);
        await using var db = database.Open();
        Assert.Null((await db.Users.SingleAsync(u => u.Id == adminId)).LockoutEnd);
        Assert.Equal([Roles.Administrator], await RolesOfAsync(db, adminId));
    }

    [Theory, DatabaseData]
    public async Task WithASecondAdministratorOneMayDisableThemselvesAfterAWarningAndIsSignedOut(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        await RealStaff.AddAsync(database, "second.admin@demo.pathway.example", Roles.Administrator);
        var adminId = await IdOfAsync(database, Admin.Email);
        using var admin = await SignInAsync(site, Admin);
        var disablePage = $"/admin/users/{adminId}/disable";

        var question = await admin.GetStringAsync(disablePage);
        var disabled = await TestSite.PostFormAsync(admin, disablePage, disablePage, []);

        Assert.Contains("This is your own account", question);
        Assert.Contains("Disable my account and sign out", question);
        Assert.Equal("/sign-in", disabled.Headers.Location?.OriginalString);
        Assert.StartsWith("/sign-in", (await admin.GetAsync("/admin/users")).Headers.Location!.OriginalString);
    }
}
