using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public partial class TwoFactorTests
{
    private static async Task<TestSite> RealSiteAsync(TestDatabase database, TimeProvider? clock = null)
    {
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 4), new DateOnly(2026, 11, 23));
        // Not a demonstration: the rules of a real deployment apply, but over plain http, where Secure cookies
        // would not come back (SecurityTests checks them).
        return await TestSite.StartAsync(database.Target, demo: false, new() { ["Pathway:SecureCookies"] = "false" },
            services => { if (clock is not null) services.AddSingleton(clock); });
    }

    private static async Task<string?> StoredKeyAsync(TestDatabase database, string email)
    {
        await using var db = database.Open();
        var user = await db.Users.SingleAsync(u => u.Email == email);
        return await db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleOrDefaultAsync();
    }

    [GeneratedRegex("<code class=\"pathway-key\">([a-z0-9 ]+)</code>")]
    private static partial Regex KeyOnPage();

    [Theory, DatabaseData]
    public async Task OutsideADemoStaffMustSetUpAnAuthenticatorBeforeAnythingElse(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await RealSiteAsync(database);
        using var client = site.NewClient();

        var signIn = await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, DemoArea.Password);
        var home = await client.GetAsync("/");

        Assert.Equal("/account/two-factor", signIn.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Contains("status=403", home.Headers.Location!.ToString());
        Assert.Contains("Set up two-factor authentication", await client.GetStringAsync("/account/two-factor"));
    }

    [Theory, DatabaseData]
    public async Task AnAuthenticatorCodeCompletesSignInAndIsThenAlwaysAskedFor(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await RealSiteAsync(database);
        var email = DemoArea.SignIns[0].Email;
        using (var first = site.NewClient())
        {
            await TestSite.SignInAsync(first, email, DemoArea.Password);
            await TestSite.PostFormAsync(first, "/account/two-factor", "/account/two-factor?handler=Start", []);
            var key = KeyOnPage().Match(await first.GetStringAsync("/account/two-factor")).Groups[1].Value;
            var wrong = await TestSite.PostFormAsync(first, "/account/two-factor", "/account/two-factor?handler=Enable", new() { ["Code"] = "000000" });
            Assert.Contains("Enter the 6-digit code", await wrong.Content.ReadAsStringAsync());

            var enable = await TestSite.PostFormAsync(first, "/account/two-factor", "/account/two-factor?handler=Enable",
                new() { ["Code"] = Totp.Code(key) });

            Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await first.GetAsync("/")).StatusCode);
        }

        using var second = site.NewClient();
        var password = await TestSite.SignInAsync(second, email, DemoArea.Password);
        Assert.StartsWith("/sign-in/two-factor", password.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await second.GetAsync("/")).StatusCode);
        await using (var db = database.Open())
        {
            var user = await db.Users.SingleAsync(u => u.Email == email);
            var storedKey = await db.UserTokens.Where(t => t.UserId == user.Id && t.Name == "AuthenticatorKey").Select(t => t.Value).SingleAsync();
            var code = await TestSite.PostFormAsync(second, "/sign-in/two-factor", "/sign-in/two-factor", new() { ["Code"] = Totp.Code(storedKey!) });
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await second.GetAsync("/")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task OpeningTheSetUpPageChangesNothingStoredAndShowsTheSameKeyEachTime(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await RealSiteAsync(database);
        using var client = site.NewClient();
        var email = DemoArea.SignIns[0].Email;
        await TestSite.SignInAsync(client, email, DemoArea.Password);

        await client.GetStringAsync("/account/two-factor");
        await client.GetStringAsync("/account/two-factor");

        Assert.Null(await StoredKeyAsync(database, email));
        var start = await TestSite.PostFormAsync(client, "/account/two-factor", "/account/two-factor?handler=Start", []);
        Assert.Equal(HttpStatusCode.Redirect, start.StatusCode);
        var stored = await StoredKeyAsync(database, email);
        Assert.NotNull(stored);
        var first = KeyOnPage().Match(await client.GetStringAsync("/account/two-factor")).Groups[1].Value;
        var second = KeyOnPage().Match(await client.GetStringAsync("/account/two-factor")).Groups[1].Value;
        Assert.Equal(stored!.ToLowerInvariant(), first.Replace(" ", ""));
        Assert.Equal(first, second);
        Assert.Equal(stored, await StoredKeyAsync(database, email));
    }

    [Theory, DatabaseData]
    public async Task ASessionSignedInWithTwoFactorsOutlastsThePeriodicSessionCheck(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var clock = new TestClock();
        await using var site = await RealSiteAsync(database, clock);
        var email = DemoArea.SignIns[0].Email;
        using (var setUp = site.NewClient())
        {
            await TestSite.SignInAsync(setUp, email, DemoArea.Password);
            await TestSite.PostFormAsync(setUp, "/account/two-factor", "/account/two-factor?handler=Start", []);
            var key = KeyOnPage().Match(await setUp.GetStringAsync("/account/two-factor")).Groups[1].Value;
            await TestSite.PostFormAsync(setUp, "/account/two-factor", "/account/two-factor?handler=Enable", new() { ["Code"] = Totp.Code(key) });
        }
        using var client = site.NewClient();
        await TestSite.SignInAsync(client, email, DemoArea.Password);
        var code = await TestSite.PostFormAsync(client, "/sign-in/two-factor", "/sign-in/two-factor",
            new() { ["Code"] = Totp.Code((await StoredKeyAsync(database, email))!) });
        Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);

        // Past the 30-second security-stamp check, which rebuilds the session's principal from the database.
        clock.Advance(TimeSpan.FromMinutes(5));
        var afterCheck = await client.GetAsync("/");
        clock.Advance(TimeSpan.FromMinutes(5));
        var later = await client.GetAsync("/");

        Assert.Equal(HttpStatusCode.OK, afterCheck.StatusCode);
        Assert.Equal(HttpStatusCode.OK, later.StatusCode);
    }
}
