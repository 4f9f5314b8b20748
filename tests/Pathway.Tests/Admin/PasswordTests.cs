using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Admin;

public partial class PasswordTests
{
    private static readonly DemoSignIn Worker = DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker);
    private static readonly DemoSignIn Admin = DemoArea.SignIns.Single(u => u.Role == Roles.Administrator);
    private const string NewPassword = "kettle orchard lantern seventeen";

    private static async Task<TestSite> SiteAsync(TestDatabase database, TestClock? clock = null)
    {
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 9), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target, services: clock is null ? null : s => s.AddSingleton<TimeProvider>(clock));
    }

    [GeneratedRegex("id=\"reset-link-value\">https?://[^/]+(/account/reset/[A-Za-z0-9_-]+)</code>")]
    private static partial Regex ResetLink();

    /// <summary>The administrator makes a link on the worker's page; the path of the link shown.</summary>
    private static async Task<string> MakeLinkAsync(TestSite site, TestDatabase database)
    {
        await using var db = database.Open();
        var workerId = await db.Users.Where(u => u.Email == Worker.Email).Select(u => u.Id).SingleAsync();
        using var admin = site.NewClient();
        await TestSite.SignInAsync(admin, Admin.Email, DemoArea.Password);
        var made = await TestSite.PostFormAsync(admin, $"/admin/users/{workerId}", $"/admin/users/{workerId}?handler=ResetLink", []);
        var link = ResetLink().Match(await made.Content.ReadAsStringAsync()).Groups[1].Value;
        Assert.NotEqual("", link);
        return link;
    }

    private static Task<HttpResponseMessage> SetAsync(HttpClient client, string link, string password, string? confirm = null) =>
        TestSite.PostFormAsync(client, link, link, new() { ["Password"] = password, ["ConfirmPassword"] = confirm ?? password });

    private static async Task<bool> SignsInAsync(TestSite site, string password)
    {
        using var client = site.NewClient();
        return (await TestSite.SignInAsync(client, Worker.Email, password)).StatusCode == HttpStatusCode.Redirect;
    }

    [Theory, DatabaseData]
    public async Task AResetLinkSetsANewPasswordOnceAndIsThenRefused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        var link = await MakeLinkAsync(site, database);
        using var staff = site.NewClient();

        Assert.Contains("<h1>Set a new password</h1>", await staff.GetStringAsync(link));
        var weak = await SetAsync(staff, link, "short");
        var common = await SetAsync(staff, link, "1qaz2wsx3edc");
        var mismatch = await SetAsync(staff, link, NewPassword, NewPassword + "x");
        Assert.Contains("Password must be at least 12 characters", await weak.Content.ReadAsStringAsync());
        Assert.Contains("too common", await common.Content.ReadAsStringAsync());
        Assert.Contains("The passwords do not match", await mismatch.Content.ReadAsStringAsync());
        Assert.True(await SignsInAsync(site, DemoArea.Password), "nothing changed yet");

        var set = await SetAsync(staff, link, NewPassword);

        Assert.Contains("Your password is set", await set.Content.ReadAsStringAsync());
        Assert.False(await SignsInAsync(site, DemoArea.Password));
        Assert.True(await SignsInAsync(site, NewPassword));
        Assert.Contains("This link cannot be used", await staff.GetStringAsync(link));
        // The spent link's page has no form: the replay carries a token from the sign-in page, as an attacker's would.
        var again = await TestSite.PostFormAsync(staff, "/sign-in", link,
            new() { ["Password"] = "another long passphrase here", ["ConfirmPassword"] = "another long passphrase here" });
        Assert.Contains("This link cannot be used", await again.Content.ReadAsStringAsync());
        Assert.True(await SignsInAsync(site, NewPassword));
        await using var db = database.Open();
        var events = await db.AuditEvents.ToListAsync();
        Assert.Contains(events, e => e.Action == AuditActions.ResetLinkMade && e.UserName == Admin.Email);
        Assert.Contains(events, e => e.Action == AuditActions.PasswordReset && e.Outcome == AuditOutcomes.Succeeded && e.UserName == Worker.Email);
        var token = link.Split('/')[^1];
        Assert.DoesNotContain(events, e => (e.Path ?? "").Contains(token) || (e.RecordId ?? "").Contains(token));
    }

    [Theory, DatabaseData]
    public async Task AResetLinkOlderThanADayOrReplacedByANewerOneIsRefused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock();
        await using var site = await SiteAsync(database, clock);
        var first = await MakeLinkAsync(site, database);
        var second = await MakeLinkAsync(site, database);
        using var staff = site.NewClient();

        Assert.Contains("This link cannot be used", await staff.GetStringAsync(first));
        Assert.Contains("Set a new password", await staff.GetStringAsync(second));
        clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        Assert.Contains("This link cannot be used", await staff.GetStringAsync(second));
        var late = await TestSite.PostFormAsync(staff, "/sign-in", second, new() { ["Password"] = NewPassword, ["ConfirmPassword"] = NewPassword });
        Assert.Contains("This link cannot be used", await late.Content.ReadAsStringAsync());
        Assert.Contains("This link cannot be used", await staff.GetStringAsync("/account/reset/not-a-real-token"));
    }

    [Theory, DatabaseData]
    public async Task ChangingMyPasswordNeedsTheCurrentOneAndSignsMeOutEverywhere(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await SiteAsync(database);
        using var me = site.NewClient();
        using var elsewhere = site.NewClient();
        await TestSite.SignInAsync(me, Worker.Email, DemoArea.Password);
        await TestSite.SignInAsync(elsewhere, Worker.Email, DemoArea.Password);

        var wrong = await TestSite.PostFormAsync(me, "/account/password", "/account/password", new()
        {
            ["CurrentPassword"] = "not my password at all", ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });
        var wrongPage = await wrong.Content.ReadAsStringAsync();
        Assert.Contains("<title>Error: Change your password", wrongPage);
        Assert.Contains("Your current password is not right", wrongPage);
        Assert.DoesNotContain(NewPassword, wrongPage);
        Assert.Equal(HttpStatusCode.OK, (await elsewhere.GetAsync("/")).StatusCode);

        var changed = await TestSite.PostFormAsync(me, "/account/password", "/account/password", new()
        {
            ["CurrentPassword"] = DemoArea.Password, ["NewPassword"] = NewPassword, ["ConfirmPassword"] = NewPassword,
        });

        Assert.Contains("Your password has changed", await changed.Content.ReadAsStringAsync());
        Assert.StartsWith("/sign-in", (await elsewhere.GetAsync("/")).Headers.Location!.OriginalString);
        Assert.StartsWith("/sign-in", (await me.GetAsync("/")).Headers.Location!.OriginalString);
        Assert.False(await SignsInAsync(site, DemoArea.Password));
        Assert.True(await SignsInAsync(site, NewPassword));
    }

    [Theory, DatabaseData]
    public async Task TheSignInPageTellsStaffWhoForgotTheirPasswordToAskTheirAdministrator(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();

        var page = await client.GetStringAsync("/sign-in");

        Assert.Contains("Forgot your password?", page);
        Assert.Contains("Ask your Pathway administrator for a password reset link", page);
    }
}
