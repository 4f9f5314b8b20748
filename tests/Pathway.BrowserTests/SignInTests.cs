using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;

namespace Pathway.BrowserTests;

public class SignInTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    public static TheoryData<string, string> RoleHomes => new()
    {
        { "RecoveryWorker", "My caseload" },
        { "TeamManager", "Team overview" },
        { "PeerMentor", "My mentees" },
        { "DataOfficer", "Records in and out" },
        { "Commissioner", "Performance" },
        { "Administrator", "Users and access" },
        { "Prescriber", "Prescribing" },
        { "Pharmacist", "Dose list" },
    };

    [Fact]
    public async Task ServeDemoPrintsASignInForEveryRoleAtEachProviderAndCouncil()
    {
        Assert.Equal(RoleHomes.Select(r => (string)r[0]).Order(), site.Server.Users.Select(u => u.Role).Distinct().Order());
        Assert.Equal(Demo.DemoArea.AllSignIns.Count(), site.Server.Users.Count);
        Assert.All(site.Server.Users, u => Assert.True(u.Password.Length >= 12));
    }

    [Fact]
    public async Task TheSignInPageIsStyledWithTheNhsFrontendAndSaysItIsADemo()
    {
        var page = await site.Browser.NewPageAsync(site.Server);

        await page.GotoAsync("/sign-in");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in to Pathway" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This is demonstration data")).ToBeVisibleAsync();
        // The NHS.UK stylesheet really applied: the header is NHS blue.
        var headerColour = await page.Locator("header.nhsuk-header").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor");
        Assert.Equal("rgb(0, 94, 184)", headerColour);
        await Browser.ScreenshotAsync(page, "sign-in");
        await page.Context.CloseAsync();
    }

    [Theory, MemberData(nameof(RoleHomes))]
    public async Task EachRoleSignsInAndSeesItsHomePage(string role, string heading)
    {
        var page = await site.Browser.NewPageAsync(site.Server);

        await Browser.SignInAsync(page, site.Server.User(role));

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Sign out" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("This is demonstration data")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, $"home-{role}");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task AWrongPasswordShowsTheErrorSummary()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        var user = site.Server.User("RecoveryWorker");

        await Browser.SignInAsync(page, user with { Password = "definitely-not-it" });

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter a correct email address and password" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "sign-in-error");
        await page.Context.CloseAsync();
    }
}
