using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// A recovery worker records a naloxone kit and an overdose-risk flag, sees the flag on the caseload, and opens a letter to
/// a client's GP to print: axe-core on each page, a screenshot of each.
/// </summary>
public class HarmReductionJourneyTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly DateOnly Today =
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    [Fact]
    public async Task AWorkerRecordsNaloxoneAndAnOverdoseRiskSeesTheFlagOnTheCaseloadAndPrintsAGpLetter()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.User("RecoveryWorker"));
        await page.GotoAsync("/caseload");
        var cases = await page.Locator("table a[href^='/episodes/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        Assert.NotEmpty(cases);

        // The first case on the caseload: a naloxone kit to a family member.
        await page.GotoAsync(cases[0]);
        var name = (await page.GetByRole(AriaRole.Heading, new() { Level = 1 }).TextContentAsync())!.Trim();
        await page.GetByRole(AriaRole.Link, new() { Name = "Record harm reduction" }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "What was given or done" }).GetByLabel("Naloxone kit").CheckAsync();
        await Browser.FillDateAsync(page, "Date", Today.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Group, new() { Name = "Who the kit was given to (naloxone kits only)" }).GetByLabel("Family member or carer").CheckAsync();
        await page.GetByLabel("Quantity").FillAsync("1");
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "harm-reduction-form");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        var section = page.Locator("table", new() { Has = page.GetByText("Naloxone kit") });
        await Expect(section.GetByText("1 kit, to the family member or carer").First).ToBeVisibleAsync();

        // A high overdose risk, without its reason first: refused with the reason named, then saved.
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("risk and safeguarding flags$") }).ClickAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Domestic abuse" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Overdose risk" }).GetByLabel("High").CheckAsync();
        await page.GetByLabel("Reason for the overdose risk").FillAsync("");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save flags" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert).GetByRole(AriaRole.Link,
            new() { Name = "Reason for the overdose risk must be given for a medium or high overdose risk" })).ToBeVisibleAsync();
        await page.GetByLabel("Reason for the overdose risk").FillAsync("Released from prison last week: tolerance lost");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save flags" }).ClickAsync();
        await Expect(page.GetByText("Overdose risk: high").First).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "harm-reduction-case");

        // On the caseload, on that client's row.
        await page.GotoAsync("/caseload");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = name }) });
        await Expect(row.GetByText("Overdose risk: high")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "harm-reduction-caseload");

        // A letter to the GP, from the first case on the caseload that calls for one (a prescription started, changed or ended).
        string? letter = null;
        foreach (var address in cases)
        {
            await page.GotoAsync(address);
            var links = page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Letter to the GP") });
            if (await links.CountAsync() == 0) continue;
            letter = await links.First.GetAttributeAsync("href");
            await links.First.ClickAsync();
            break;
        }
        Assert.NotNull(letter);
        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex("^Re: ") })).ToBeVisibleAsync();
        await Expect(page.GetByText("NHS number")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "gp-letter-screen");
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Back to") })).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "gp-letter-print");
    }
}
