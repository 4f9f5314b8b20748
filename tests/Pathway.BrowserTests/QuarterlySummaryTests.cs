using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>The commissioner's quarterly executive summary, on screen and in print, against `pathway serve --demo`.</summary>
public partial class QuarterlySummaryTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [GeneratedRegex(@"/Type\s*/Page\b(?!s)")]
    private static partial Regex PdfPage();

    [Fact]
    public async Task ACommissionerOpensTheQuarterlySummaryAndItPrintsOnTwoA4Pages()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        var commissioner = site.Server.Users.First(u => u.Email == "chris.commissioner@demo.pathway.example");
        await Browser.SignInAsync(page, commissioner);
        await page.GotoAsync("/performance");
        await page.GetByRole(AriaRole.Link, new() { Name = "Quarterly executive summary (printable)" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^Quarterly executive summary: \d{4}-\d{2} Q\d$"), Level = 1 })).ToBeVisibleAsync();
        // Stockport's own contract, chosen for the commissioner: its targets, statuses and money stand beside its figures.
        Assert.Equal("E08000007", await page.GetByLabel("Local authority", new() { Exact = true }).InputValueAsync());
        Assert.Equal("NEWCO", await page.GetByLabel("Provider", new() { Exact = true }).InputValueAsync());
        var figures = page.Locator("#summary-figures");
        await Expect(figures.GetByRole(AriaRole.Row, new() { Name = "Adults in treatment" })).ToBeVisibleAsync();
        await Expect(figures.Locator(".nhsuk-tag").First).ToBeVisibleAsync();
        // Every arrow has its words: "↑ Up 3 since 2025-26 Q1 (better)", "No change since …", or "Not comparable with …".
        await Expect(figures.GetByText(new Regex(@"^[↑↓→–] ((Up|Down) .* since \d{4}-\d{2} Q\d \((better|worse)\)|No change since .*|Not comparable with .*)$")).First).ToBeVisibleAsync();
        await Expect(figures.GetByText("No comparator figures uploaded").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "In plain English" })).ToBeVisibleAsync();
        await Expect(page.Locator("#summary-money")).ToContainTextAsync("Cost per adult in treatment");
        await Expect(page.Locator("#summary-money")).ToContainTextAsync("Outcome payment earned");
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "quarterly-summary");
        // On a phone the wide figures table scrolls inside its own region, and nothing else overflows the screen.
        await page.SetViewportSizeAsync(390, 844);
        await Accessibility.AssertNoViolationsAsync(page);
        Assert.True(await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth"), "The summary overflows a phone's screen.");
        await Browser.ScreenshotAsync(page, "quarterly-summary-phone");
        await page.SetViewportSizeAsync(1280, 900);

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print this summary" })).ToBeHiddenAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "quarterly-summary-print");
        var pdf = System.Text.Encoding.Latin1.GetString(await page.PdfAsync(new() { PreferCSSPageSize = true, PrintBackground = true }));
        var pages = PdfPage().Matches(pdf).Count;
        Assert.True(pages is >= 1 and <= 2, $"The printed summary is {pages} pages.");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheDemosScrutinyReportWithholdsSmallCountsAsFewerThan5()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.Users.First(u => u.Email == "chris.commissioner@demo.pathway.example"));
        await page.GotoAsync("/performance/scrutiny");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Drug and alcohol treatment: report to scrutiny committee" })).ToBeVisibleAsync();
        // The demo's Stockport has a handful of residential rehab starts and online self-referrals in a quarter: counts of 1 to 4
        // appear as "fewer than 5", never as the number.
        var withheld = page.Locator(".pathway-scrutiny__figures strong").GetByText("fewer than 5");
        Assert.True(await withheld.CountAsync() > 0, "The demo's scrutiny report shows no figure withheld as \"fewer than 5\".");
        Assert.Equal(0, await page.Locator(".pathway-scrutiny__figures strong").GetByText(new Regex(@": [1-4]$")).CountAsync());
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "scrutiny-fewer-than-5");
        await page.Context.CloseAsync();
    }
}
