using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;

namespace Pathway.BrowserTests;

public class AuditTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task TheAuditPageAnswersWhoLookedAtThisPersonsRecord()
    {
        var worker = site.Server.User("RecoveryWorker");
        var manager = site.Server.User("TeamManager");

        // A recovery worker opens a client from their caseload.
        var workerPage = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(workerPage, worker);
        await workerPage.GotoAsync("/caseload");
        await Browser.ClickAndWaitAsync(workerPage, workerPage.Locator("main table a[href^='/episodes/']").First);
        var episodeAddress = new Uri(workerPage.Url).AbsolutePath;
        var person = (await workerPage.Locator("#person-number").InnerTextAsync()).Trim();
        await workerPage.Context.CloseAsync();

        // Their manager opens the same record, then asks who has looked at this person.
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, manager);
        await page.GotoAsync(episodeAddress);
        await page.GotoAsync("/audit");
        await page.GetByLabel("Person number").FillAsync(person);
        await page.GetByRole(AriaRole.Button, new() { Name = "Show the audit trail" }).ClickAsync();

        var rows = page.Locator("main table tbody tr");
        await Assertions.Expect(rows.Filter(new() { HasText = worker.Email }).Filter(new() { HasText = "view" }).First).ToBeVisibleAsync();
        await Assertions.Expect(rows.Filter(new() { HasText = manager.Email }).Filter(new() { HasText = "view" }).First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "audit-who-viewed");
        await page.Context.CloseAsync();
    }
}
