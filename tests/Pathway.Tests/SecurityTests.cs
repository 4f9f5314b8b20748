using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Pathway.Access;
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
        await using var site = await TestSite.StartAsync(database.Target, demo: false, new() { ["Pathway:KnownProxies"] = "127.0.0.1" });
        // Cookies are carried by hand: a cookie jar would not send Secure cookies over the test's plain http.
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site.Address };
        // As a TLS-terminating proxy on the same machine would say, once configured as one: the browser's request came over HTTPS.
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

    [Theory, DatabaseData]
    public async Task ARefusedPageSaysYouDoNotHaveAccessToIt(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);

        var refused = await client.GetAsync("/audit?person=1");
        var page = await client.GetAsync(refused.Headers.Location);

        Assert.Equal(HttpStatusCode.Forbidden, page.StatusCode);
        Assert.Contains("You do not have access to this page", await page.Content.ReadAsStringAsync());
    }

    [Theory, DatabaseData]
    public async Task AForgedHostHeaderNeverReachesARedirect(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        request.Headers.Host = "evil.example";

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain("evil.example", response.Headers.Location!.OriginalString);
        Assert.StartsWith("/sign-in", response.Headers.Location!.OriginalString);
    }

    [Theory, DatabaseData]
    public async Task AForwardedAddressFromAPeerThatIsNotAConfiguredProxyIsIgnored(DatabaseKind kind)
    {
        Assert.Equal("127.0.0.1", await AuditedAddressAsync(kind, knownProxies: null));
    }

    [Theory, DatabaseData]
    public async Task AConfiguredProxyGivesTheClientsAddress(DatabaseKind kind)
    {
        Assert.Equal("203.0.113.7", await AuditedAddressAsync(kind, knownProxies: "127.0.0.1"));
    }

    /// <summary>The address audited (and rate-limited) for a sign-in that says it was forwarded for 203.0.113.7.</summary>
    private static async Task<string?> AuditedAddressAsync(DatabaseKind kind, string? knownProxies)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        await using var site = await TestSite.StartAsync(database.Target, configuration: new() { ["Pathway:KnownProxies"] = knownProxies });
        using var client = site.NewClient();
        client.DefaultRequestHeaders.Add("X-Forwarded-For", "203.0.113.7");

        await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, "a-wrong-password");

        await using var db = database.Open();
        return (await db.AuditEvents.SingleAsync(e => e.Action == AuditActions.SignIn)).Address;
    }

    [Theory, DatabaseData]
    public async Task WithACertificateConfiguredTheStoredKeysAreEncryptedAndStillWork(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        // A throw-away self-signed certificate, as an operator would keep one outside the database.
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Pathway key encryption test", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        var path = Path.Combine(Path.GetTempPath(), $"pathway-keys-{Guid.NewGuid():N}.pfx");
        await File.WriteAllBytesAsync(path, certificate.Export(X509ContentType.Pfx, "test-certificate-password"));
        var configuration = new Dictionary<string, string?>
        {
            ["Pathway:DataProtection:CertificatePath"] = path,
            ["Pathway:DataProtection:CertificatePassword"] = "test-certificate-password",
        };
        var handler = new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false };
        try
        {
            await using (var first = await TestSite.StartAsync(database.Target, configuration: configuration))
            {
                using var client = new HttpClient(handler, disposeHandler: false) { BaseAddress = first.Address };
                await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, DemoArea.Password);
                Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
            }
            await using (var db = database.Open())
            {
                var keys = await db.DataProtectionKeys.Select(k => k.Xml).ToListAsync();
                Assert.NotEmpty(keys);
                Assert.All(keys, xml =>
                {
                    Assert.DoesNotContain("<masterKey", xml);
                    Assert.Contains("EncryptedData", xml);
                });
            }
            await using var second = await TestSite.StartAsync(database.Target, configuration: configuration);
            using var again = new HttpClient(handler) { BaseAddress = second.Address };
            Assert.Equal(HttpStatusCode.OK, (await again.GetAsync("/")).StatusCode);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Theory, DatabaseData]
    public async Task SigningInWithAnUnknownEmailHashesAPasswordJustAsAKnownOneDoes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        var hasher = new CountingHasher();
        await using var site = await TestSite.StartAsync(database.Target,
            services: s => s.AddSingleton<IPasswordHasher<StaffUser>>(hasher));
        using var client = site.NewClient();

        await TestSite.SignInAsync(client, "nobody@demo.pathway.example", "not-the-password-at-all");
        var afterUnknown = hasher.Verifications;
        await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, "not-the-password-at-all");

        Assert.Equal(1, afterUnknown);
        Assert.Equal(2, hasher.Verifications);
    }

    [Theory, DatabaseData]
    public async Task WrongPasswordsSlowTheNextAttemptsMoreAndMoreButTheRightPasswordStillSignsIn(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        var throttle = new RecordingThrottle();
        await using var site = await TestSite.StartAsync(database.Target, services: s => s.AddSingleton<SignInThrottle>(throttle));
        using var client = site.NewClient();
        var email = DemoArea.SignIns[1].Email;

        for (var i = 0; i < 5; i++) await TestSite.SignInAsync(client, email, "wrong-password-" + i);
        var right = await TestSite.SignInAsync(client, email, DemoArea.Password);

        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        var delays = throttle.Delays;
        Assert.Equal(6, delays.Count);
        Assert.Equal(TimeSpan.Zero, delays[0]);
        Assert.True(delays.Zip(delays.Skip(1)).All(pair => pair.Second >= pair.First), string.Join(", ", delays));
        Assert.True(delays[5] > delays[4] && delays[4] > TimeSpan.Zero, string.Join(", ", delays));
    }

    [Theory, DatabaseData]
    public async Task ManyWrongPasswordsFromOneAddressSlowAttemptsOnEveryAccount(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await FillDemoAsync(database);
        var throttle = new RecordingThrottle();
        await using var site = await TestSite.StartAsync(database.Target, services: s => s.AddSingleton<SignInThrottle>(throttle));
        using var client = site.NewClient();

        // One wrong attempt each on many accounts: no single account is ever slowed.
        for (var i = 0; i < 12; i++) await TestSite.SignInAsync(client, $"guess-{i}@demo.pathway.example", "wrong-password");
        await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, DemoArea.Password);

        Assert.Equal(TimeSpan.Zero, throttle.Delays[0]);
        Assert.True(throttle.Delays[^1] > throttle.Delays[^2] && throttle.Delays[^2] > TimeSpan.Zero, string.Join(", ", throttle.Delays));
    }

    private sealed class CountingHasher : IPasswordHasher<StaffUser>
    {
        private readonly PasswordHasher<StaffUser> inner = new();
        private int verifications;
        public int Verifications => Volatile.Read(ref verifications);

        public string HashPassword(StaffUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(StaffUser user, string hashedPassword, string providedPassword)
        {
            Interlocked.Increment(ref verifications);
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }

    /// <summary>Records each delay the sign-in page imposes instead of waiting it out: tests never wait on the clock.</summary>
    private sealed class RecordingThrottle() : SignInThrottle(TimeProvider.System)
    {
        private readonly List<TimeSpan> delays = [];
        public List<TimeSpan> Delays { get { lock (delays) return [.. delays]; } }

        protected override Task WaitAsync(TimeSpan delay, CancellationToken cancel)
        {
            lock (delays) delays.Add(delay);
            return Task.CompletedTask;
        }
    }
}
