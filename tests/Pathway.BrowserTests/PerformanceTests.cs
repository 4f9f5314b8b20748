using System.Text;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;

namespace Pathway.BrowserTests;

public class PerformanceTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    [Fact]
    public async Task ACommissionerSeesTheDashboardWithTrendsTargetsAndBenchmarks()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.User("Commissioner"));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Performance" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Treatment performance", Level = 1 })).ToBeVisibleAsync();
        // A commissioner's dashboard opens on their own council (the demo commissioner works for Stockport).
        Assert.Equal("E08000007", await page.GetByLabel("Local authority", new() { Exact = true }).InputValueAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "Successful completions: opiates" }).First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#contract-review")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("#contract-review .nhsuk-tag").First).ToBeVisibleAsync();
        // Every chart was drawn by Chart.js, and each has its table. The page's own scripts draw them while it is parsed.
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        var drawn = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas')].filter(c => Chart.getChart(c)).length");
        Assert.Equal(6, drawn);
        Assert.Equal(5, await page.GetByText(" as a table").CountAsync());

        // Comparator figures for the period shown, loaded from CSV.
        var period = await page.GetByLabel("Period", new() { Exact = true }).InputValueAsync();   // e.g. 2026Q2
        var from = new DateOnly(int.Parse(period[..4]), 4, 1).AddMonths(3 * (period[5] - '1'));
        var to = from.AddMonths(3).AddDays(-1);
        var csv = new StringBuilder("area_code,area_name,indicator_id,period_from,period_to,value\n");
        foreach (var (code, name, value) in new[] { ("E08000001", "Bolton", 3.1m), ("E08000003", "Manchester", 4.2m), ("E08000004", "Oldham", 7.5m), ("E08000005", "Rochdale", 1.0m) })
            csv.Append($"{code},{name},completion.opiate,{from:yyyy-MM-dd},{to:yyyy-MM-dd},{value}\n");
        csv.Append($"E08000001,Bolton,waiting.over_3_weeks,{from:yyyy-MM-dd},{to:yyyy-MM-dd},12.5\n");
        await page.GetByRole(AriaRole.Link, new() { Name = "Load comparator figures" }).ClickAsync();
        await page.GetByLabel("CSV file of published figures").SetInputFilesAsync(new FilePayload
        {
            Name = "comparators.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv.ToString()),
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Load figures" }).ClickAsync();
        await Assertions.Expect(page.GetByText("5 published figures loaded.")).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "performance-benchmarks-loaded");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the dashboard" }).ClickAsync();
        await page.GetByLabel("Period", new() { Exact = true }).SelectOptionAsync(period);
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }));
        await Assertions.Expect(page.Locator("#benchmarks")).ToContainTextAsync("of 5");
        Assert.Equal(8, await page.EvaluateAsync<int>("() => [...document.querySelectorAll('canvas')].filter(c => Chart.getChart(c)).length"));
        await Browser.ScreenshotAsync(page, "performance-dashboard");

        // The selector changes the selection, within the commissioner's own council: no other council is offered.
        Assert.Equal(0, await page.Locator("#la option[value='E08000002']").CountAsync());
        await page.GetByLabel("Provider", new() { Exact = true }).SelectOptionAsync("OLDCO");
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Show figures" }));
        Assert.Contains("provider=OLDCO", page.Url);
        Assert.Equal("E08000007", await page.GetByLabel("Local authority", new() { Exact = true }).InputValueAsync());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Treatment performance", Level = 1 })).ToBeVisibleAsync();
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task TheScrutinyReportPrintsWithoutThePageChrome()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.User("Commissioner"));
        await page.GotoAsync("/performance");

        await page.GetByRole(AriaRole.Link, new() { Name = "Scrutiny report for this period (printable)" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Drug and alcohol treatment: report to scrutiny committee" })).ToBeVisibleAsync();
        foreach (var section in new[] { "Successful completion without re-presentation", "Housing, offending and work", "Online and digital access", "Residential rehabilitation", "Referral sources: GP and pharmacy involvement", "Trends over the last eight quarters" })
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = section })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("completed treatment successfully and did not return within six months").First).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "scrutiny-report");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Assertions.Expect(page.Locator("header.nhsuk-header")).ToBeHiddenAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Print this report" })).ToBeHiddenAsync();
        await Browser.ScreenshotAsync(page, "scrutiny-report-print");
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task ATeamManagerReachesTheDashboardForTheirProvider()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.User("TeamManager"));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" }).GetByRole(AriaRole.Link, new() { Name = "Performance" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Treatment performance", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal("NEWCO", await page.GetByLabel("Provider", new() { Exact = true }).InputValueAsync());
        await Browser.ScreenshotAsync(page, "performance-team-manager");
        await page.Context.CloseAsync();
    }
}
