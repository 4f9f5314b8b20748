using System.Net;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Access;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.PublicSite;

public class PublicInformationTests
{
    [Theory, DatabaseData]
    public async Task ThePrivacyAccessibilityAndCookiesPagesAndTheFaviconAnswerAnyoneAndTheFooterLinksThem(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var site = await TestSite.StartAsync(database.Target);
        using var anyone = site.NewClient();

        foreach (var (path, heading) in new[] { ("/privacy", "Privacy notice"), ("/accessibility", "Accessibility statement for Pathway"), ("/cookies", "Cookies") })
        {
            var response = await anyone.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains($"<h1>{heading}</h1>", await response.Content.ReadAsStringAsync());
        }
        var accessibility = await anyone.GetStringAsync("/accessibility");
        Assert.Contains("WCAG", accessibility);
        Assert.Contains("Enforcement procedure", accessibility);
        Assert.Contains("Reporting accessibility problems", accessibility);
        var favicon = await anyone.GetAsync("/favicon.ico");
        Assert.Equal(HttpStatusCode.OK, favicon.StatusCode);
        Assert.True((await favicon.Content.ReadAsByteArrayAsync()).Length > 100);
        var footer = (await anyone.GetStringAsync("/help")).Split("<footer")[1];
        Assert.Contains("href=\"/privacy\"", footer);
        Assert.Contains("href=\"/accessibility\"", footer);
        Assert.Contains("href=\"/cookies\"", footer);
    }

    [Theory, DatabaseData]
    public async Task EveryCookiePathwaySetsIsListedOnTheCookiesPage(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 5, Years: 1, Seed: 2), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        var jar = new CookieContainer();
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = site.Address };

        // A member of the public starts a self-referral; an administrator signs in and enables an account (a message carried to the next page).
        await TestSite.PostFormAsync(browser, "/self-referral", "/self-referral?handler=Start", []);
        await TestSite.SignInAsync(browser, DemoArea.SignIns.Single(u => u.Role == Roles.Administrator).Email, DemoArea.Password);
        await using (var db = database.Open())
        {
            var someone = db.Users.First(u => u.Email == DemoArea.SignIns[0].Email).Id;
            await TestSite.PostFormAsync(browser, "/admin/users", "/admin/users?handler=Enable", new() { ["id"] = someone });
        }
        var names = jar.GetAllCookies().Select(c => c.Name).Distinct().ToList();
        var page = await site.NewClient().GetStringAsync("/cookies");

        Assert.Contains("pathway.self-referral", names);
        Assert.Contains("pathway.session", names);
        Assert.Contains(".AspNetCore.Mvc.CookieTempDataProvider", names);
        Assert.All(names, name => Assert.Contains($">{name}</td>", page));
        Assert.Contains(">pathway.two-factor</td>", page);
    }
}
