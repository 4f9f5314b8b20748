using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Text.Json;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class WebShellTests
{
    private static async Task<TestSite> DemoSiteAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 30, Years: 2, Seed: 1), new DateOnly(2026, 11, 23));
        return await TestSite.StartAsync(database.Target, demo: true);
    }

    [Theory, DatabaseData]
    public async Task HealthReportsTheDatabaseAndItsSchemaVersion(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();

        var response = await client.GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var db = json.RootElement.GetProperty("database");
        Assert.Equal(kind == DatabaseKind.Postgres ? "postgresql" : "sqlite", db.GetProperty("kind").GetString());
        Assert.True(db.GetProperty("reachable").GetBoolean());
        // The latest migration this build carries, whichever issue added it last.
        await using (var context = database.Open())
            Assert.Equal(context.Database.GetMigrations().Last(), db.GetProperty("schemaVersion").GetString());
        Assert.Equal(db.GetProperty("expectedSchemaVersion").GetString(), db.GetProperty("schemaVersion").GetString());
    }

    [Theory, DatabaseData]
    public async Task OnlySignInHealthAndAssetsAreReachableUnsigned(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);
        using var client = site.NewClient();

        foreach (var open in new[] { "/sign-in", "/health", "/lib/nhsuk/nhsuk-frontend.min.css", "/assets/images/favicon.svg", "/css/pathway.css" })
            Assert.True((await client.GetAsync(open)).IsSuccessStatusCode, open);

        foreach (var closed in new[] { "/", "/anything-else", "/error-not-a-page" })
        {
            var response = await client.GetAsync(closed);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/sign-in", response.Headers.Location!.OriginalString);
        }
    }

    [Fact]
    public void TheServedStylesheetIsTheFrontEndsOwnWithoutItsFonts()
    {
        var served = File.ReadAllText(RepositoryRoot.Combine("src", "Pathway", "wwwroot", "lib", "nhsuk", "nhsuk-frontend.min.css"));
        var original = File.ReadAllText(RepositoryRoot.Combine("src", "Pathway", "node_modules", "nhsuk-frontend", "dist", "nhsuk", "nhsuk-frontend.min.css"));

        Assert.DoesNotContain("@font-face", served);
        // Escaped selectors survive the copy: the skip link stays hidden until it has focus.
        Assert.Contains(".nhsuk-skip-link:not(:active):not(:focus):not(.\\:focus)", served);
        Assert.Equal(original.Length - served.Length,
            System.Text.RegularExpressions.Regex.Matches(original, "@font-face\\{[^}]*\\}").Sum(m => m.Length));
    }

    [Theory, DatabaseData]
    public async Task EachDemoRoleSignsInToItsOwnHomePage(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);

        foreach (var user in DemoArea.SignIns)
        {
            using var client = site.NewClient();
            var signIn = await TestSite.SignInAsync(client, user.Email, DemoArea.Password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);

            var home = await client.GetStringAsync("/");
            Assert.Contains(Roles.Describe(user.Role), home);
            Assert.Contains("This is demonstration data", home);
            Assert.Contains("Sign out", home);
        }
    }

    [Theory, DatabaseData]
    public async Task AWrongPasswordAndAnUnknownEmailGetTheSameAnswer(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await DemoSiteAsync(database);
        using var client = site.NewClient();

        var wrongPassword = await TestSite.SignInAsync(client, DemoArea.SignIns[0].Email, "not-the-password-at-all");
        var unknownEmail = await TestSite.SignInAsync(client, "nobody@demo.pathway.example", "not-the-password-at-all");

        Assert.Equal(HttpStatusCode.OK, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.OK, unknownEmail.StatusCode);
        var a = await wrongPassword.Content.ReadAsStringAsync();
        var b = await unknownEmail.Content.ReadAsStringAsync();
        Assert.Contains("Enter a correct email address and password", a);
        Assert.Contains("Enter a correct email address and password", b);
        Assert.Equal(HttpStatusCode.Redirect, (await client.GetAsync("/")).StatusCode);
    }
}
