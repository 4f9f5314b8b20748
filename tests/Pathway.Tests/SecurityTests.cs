using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;
using Pathway.Web;

namespace Pathway.Tests;

public class SecurityTests
{
    private static Task FillDemoAsync(TestDatabase database) =>
        database.FillDemoAsync(new DemoOptions(People: 10, Years: 1, Seed: 5), new DateOnly(2026, 11, 23));

    [Theory, DatabaseData]
    public async Task EveryKindOfResponseCarriesTheSecurityHeaders(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();

        foreach (var (path, isAsset) in new[] { ("/sign-in", false), ("/health", false), ("/lib/nhsuk/nhsuk-frontend.min.css", true),
                     ("/no-such-page", false), ("/error?status=404", false) })
        {
            var response = await client.GetAsync(path);
            var headers = response.Headers;
            Assert.Equal(SecurityHeaders.ContentSecurityPolicy, string.Join("", headers.GetValues("Content-Security-Policy")));
            Assert.Contains("object-src 'none'", SecurityHeaders.ContentSecurityPolicy);
            Assert.DoesNotContain("unsafe-inline", SecurityHeaders.ContentSecurityPolicy);
            Assert.Equal("nosniff", headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("no-referrer", headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("DENY", headers.GetValues("X-Frame-Options").Single());
            Assert.StartsWith("max-age=", headers.GetValues("Strict-Transport-Security").Single());
            if (isAsset) Assert.False(headers.CacheControl?.NoStore ?? false, path);
            else Assert.True(headers.CacheControl?.NoStore, path);
        }
    }

    [Theory, DatabaseData]
    public async Task EverySignInAttemptIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();
        var email = DemoArea.SignIns[0].Email;

        await TestSite.SignInAsync(client, email, "a-wrong-password");
        await TestSite.SignInAsync(client, email, DemoArea.Password);

        await using var db = database.Open();
        var attempts = await db.AuditEvents.Where(e => e.Action == AuditActions.SignIn).OrderBy(e => e.Id).ToListAsync();
        Assert.Equal([AuditOutcomes.Failed, AuditOutcomes.Succeeded], attempts.Select(a => a.Outcome));
        Assert.All(attempts, a =>
        {
            Assert.Equal(email, a.UserName);
            Assert.Equal("127.0.0.1", a.Address);
            Assert.False(string.IsNullOrEmpty(a.RequestId));
        });
    }

    [Theory, DatabaseData]
    public async Task AuditEventsCannotBeChangedOrDeleted(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            db.AuditEvents.Add(new AuditEvent { At = DateTimeOffset.UtcNow, Action = AuditActions.View, Outcome = AuditOutcomes.Allowed, UserName = "someone" });
            await db.SaveChangesAsync();
        }

        await using var change = database.Open();
        var entry = await change.AuditEvents.SingleAsync();
        entry.UserName = "someone else";
        await Assert.ThrowsAsync<InvalidOperationException>(() => change.SaveChangesAsync());
        change.ChangeTracker.Clear();
        change.AuditEvents.Remove(await change.AuditEvents.SingleAsync());
        await Assert.ThrowsAsync<InvalidOperationException>(() => change.SaveChangesAsync());

        await using var check = database.Open();
        Assert.Equal("someone", (await check.AuditEvents.SingleAsync()).UserName);
    }

    [Theory, DatabaseData]
    public async Task ARefusedPageIsAuditedAndAnswered403(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();
        var worker = DemoArea.SignIns.Single(u => u.Role == Access.Roles.RecoveryWorker);
        await TestSite.SignInAsync(client, worker.Email, DemoArea.Password);

        var response = await client.GetAsync("/audit?person=1");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains("status=403", response.Headers.Location!.ToString());
        await using var db = database.Open();
        var refusal = await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.Refused);
        Assert.Equal(worker.Email, refusal.UserName);
        Assert.Equal("/audit", refusal.Path);
    }

    [Theory, DatabaseData]
    public async Task SignInsSurviveARestartBecauseKeysLiveInTheDatabase(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };

        await using (var first = await TestSite.StartAsync(database.Target))
        {
            using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = first.Address };
            await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, DemoArea.Password);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }
        await using (var db = database.Open())
            Assert.NotEmpty(await db.DataProtectionKeys.ToListAsync());
        await using var second = await TestSite.StartAsync(database.Target);
        using var again = new HttpClient(handler) { BaseAddress = second.Address };

        Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
    }

    [Theory, DatabaseData]
    public async Task OutsideADemoEveryCookieIsHostPrefixedSecureHttpOnlyAndStrict(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        await using var site = await TestSite.StartAsync(database.Target, demo: false);
        // Cookies are carried by hand: a cookie jar would not send Secure cookies over the test's plain http.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.Address };
        // As a TLS-terminating proxy on the same machine would say: the browser's request came over HTTPS.
        client.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        var page = await client.GetAsync("/sign-in");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var antiforgery = page.Headers.GetValues("Set-Cookie").Single();
        var token = System.Text.RegularExpressions.Regex.Match(await page.Content.ReadAsStringAsync(),
            "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        using var post = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Email"] = DemoArea.SignIns[0].Email, ["Password"] = DemoArea.Password, ["__RequestVerificationToken"] = token,
            }),
        };
        post.Headers.Add("Cookie", antiforgery.Split(';')[0]);
        var signedIn = await client.SendAsync(post);

        Assert.True(signedIn.StatusCode == HttpStatusCode.Redirect, $"{signedIn.StatusCode} {signedIn.Headers.Location}");
        Assert.True(signedIn.Headers.Contains("Set-Cookie"), $"no cookie, sent to {signedIn.Headers.Location}");
        var cookies = new[] { antiforgery }.Concat(signedIn.Headers.GetValues("Set-Cookie")).ToList();
        Assert.Contains(cookies, c => c.StartsWith("__Host-pathway.antiforgery=", StringComparison.Ordinal));
        Assert.Contains(cookies, c => c.StartsWith("__Host-pathway.session=", StringComparison.Ordinal));
        Assert.All(cookies, c =>
        {
            Assert.StartsWith("__Host-", c);
            var attributes = c.ToLowerInvariant();
            Assert.Contains("; secure", attributes);
            Assert.Contains("; httponly", attributes);
            Assert.Contains("; samesite=strict", attributes);
            Assert.Contains("; path=/", attributes);
            Assert.DoesNotContain("domain=", attributes);
        });
    }
}
