using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class SessionTests
{
    // Check the security stamp on every request, so the test sees the effect without waiting.
    private static readonly Dictionary<string, string?> CheckEveryRequest = new() { ["Pathway:SessionCheckSeconds"] = "0" };

    private static async Task<TestSite> SiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 9), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target, configuration: CheckEveryRequest);
    }

    private static async Task<(HttpClient Worker, HttpClient Admin, string WorkerId)> SignInBothAsync(TestSite site, TestDatabase database)
    {
        var worker = site.NewClient();
        var admin = site.NewClient();
        var workerUser = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);
        await TestSite.SignInAsync(worker, workerUser.Email, DemoArea.Password);
        await TestSite.SignInAsync(admin, DemoArea.SignIns.Single(u => u.Role == Roles.Administrator).Email, DemoArea.Password);
        await using var db = database.Open();
        var id = db.Users.Single(u => u.Email == workerUser.Email).Id;
        return (worker, admin, id);
    }

    [Theory, DatabaseData]
    public async Task DisablingAnAccountEndsItsSessionAtOnce(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        var (worker, admin, workerId) = await SignInBothAsync(site, database);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/")).StatusCode);

        var disable = await TestSite.PostFormAsync(admin, $"/admin/users/{workerId}/disable", $"/admin/users/{workerId}/disable", []);

        Assert.Equal(HttpStatusCode.Redirect, disable.StatusCode);
        var after = await worker.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/sign-in", after.Headers.Location!.OriginalString);
        var again = await TestSite.SignInAsync(worker, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Contains("Enter a correct email address and password", await again.Content.ReadAsStringAsync());
    }

    [Theory, DatabaseData]
    public async Task AnAdministratorCanEndSomeoneElsesSessions(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        var (worker, admin, workerId) = await SignInBothAsync(site, database);

        await TestSite.PostFormAsync(admin, "/admin/users", "/admin/users?handler=EndSessions", new() { ["id"] = workerId });

        Assert.Equal(HttpStatusCode.Redirect, (await worker.GetAsync("/")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);
        var signIn = await TestSite.SignInAsync(worker, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Theory, DatabaseData]
    public async Task ACookieCopiedBeforeSignOutIsRefusedAfterIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 9), new DateOnly(2026, 11, 23));
        // The default session check: refusal must not depend on the security stamp being checked.
        await using var site = await TestSite.StartAsync(database.Target);
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = site.Address };
        await TestSite.SignInAsync(browser, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);
        var copied = jar.GetCookies(site.Address)["pathway.session"]!.Value;
        using var thief = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.Address };
        thief.DefaultRequestHeaders.Add("Cookie", "pathway.session=" + copied);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/")).StatusCode);

        var signOut = await TestSite.PostFormAsync(browser, "/", "/sign-out", []);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        var replay = await thief.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, replay.StatusCode);
        Assert.Contains("/sign-in", replay.Headers.Location!.OriginalString);
    }

    [Theory, DatabaseData]
    public Task DisablingAnAccountRefusesItsVeryNextRequestWithoutWaitingForTheSessionCheck(DatabaseKind kind) =>
        NextRequestIsRefusedAfterAsync(kind, "Disable");

    [Theory, DatabaseData]
    public Task EndingSessionsRefusesTheVeryNextRequestWithoutWaitingForTheSessionCheck(DatabaseKind kind) =>
        NextRequestIsRefusedAfterAsync(kind, "EndSessions");

    private static async Task NextRequestIsRefusedAfterAsync(DatabaseKind kind, string handler)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 9), new DateOnly(2026, 11, 23));
        // The default 30-second security-stamp check: the session itself must be gone, not merely due for a check.
        await using var site = await TestSite.StartAsync(database.Target);
        var (worker, admin, workerId) = await SignInBothAsync(site, database);
        Assert.Equal(HttpStatusCode.OK, (await worker.GetAsync("/")).StatusCode);

        if (handler == "Disable")
            await TestSite.PostFormAsync(admin, $"/admin/users/{workerId}/disable", $"/admin/users/{workerId}/disable", []);
        else
            await TestSite.PostFormAsync(admin, "/admin/users", "/admin/users?handler=" + handler, new() { ["id"] = workerId });

        var after = await worker.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/sign-in", after.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task ASessionEndsTenHoursAfterSignInHoweverActiveAndItsStoredSessionGoesWithIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 9), new DateOnly(2026, 11, 23));
        var clock = new TestClock();
        await using var site = await TestSite.StartAsync(database.Target, services: s => s.AddSingleton<TimeProvider>(clock));
        using var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);

        // A request every 20 minutes keeps the session from going idle, for 9 h 40 min.
        for (var i = 0; i < 29; i++)
        {
            clock.Advance(TimeSpan.FromMinutes(20));
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
        clock.Advance(TimeSpan.FromMinutes(21));
        var after = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/sign-in", after.Headers.Location!.OriginalString);
        await using var db = database.Open();
        Assert.Empty(await db.SignInSessions.ToListAsync());
    }

    [Theory]
    [InlineData("password", false)]
    [InlineData("PASSWORD", false)]
    [InlineData("1qaz2wsx3edc", false)]
    [InlineData("correct horse battery staple", true)]
    public async Task CommonPasswordsAreRefused(string password, bool accepted)
    {
        var rules = new PasswordRules();
        var user = new StaffUser { DisplayName = "Test", Email = "test@example.org", UserName = "test@example.org" };

        var result = await rules.ValidateAsync(null!, user, password);

        Assert.Equal(accepted, result.Succeeded);
    }

    [Fact]
    public async Task ThePasswordMayNotBeTheEmailAddressOrOverLong()
    {
        var rules = new PasswordRules();
        var user = new StaffUser { DisplayName = "Test", Email = "long.name@example.org", UserName = "long.name@example.org" };

        Assert.False((await rules.ValidateAsync(null!, user, "LONG.NAME@example.org")).Succeeded);
        Assert.False((await rules.ValidateAsync(null!, user, new string('x', 129) + "yz")).Succeeded);
        Assert.True((await rules.ValidateAsync(null!, user, new string('q', 60) + " a long passphrase is fine")).Succeeded);
    }
}
