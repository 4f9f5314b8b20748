using System.IO.Compression;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// The staff pages the working-week issue changed outside the case forms — find a client, the transition check, the
/// records page's load preview, the diary and the commissioner's contract review — each checked with axe-core in its
/// empty, error and completed states, and photographed at desktop and phone width.
/// </summary>
public class DataAndSearchPagesTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int PhoneWidth = 390;

    private async Task<(IPage Desktop, IPage Phone)> SignInAsync(string role)
    {
        var user = site.Server.User(role);
        var desktop = await site.Browser.NewPageAsync(site.Server);
        var phone = await site.Browser.NewPageAsync(site.Server, width: PhoneWidth, height: 844);
        await Browser.SignInAsync(desktop, user);
        await Browser.SignInAsync(phone, user);
        return (desktop, phone);
    }

    /// <summary>axe-core on the page as it stands, and a screenshot; the phone takes its own copy of the same state.</summary>
    private static async Task CheckAsync(IPage page, string name, string width)
    {
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, $"states-{name}-{width}");
    }

    private static async Task ExpectProblemAsync(IPage page)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        Assert.StartsWith("Error: ", await page.TitleAsync());
    }

    [Fact]
    public async Task FindAClientIsAccessibleEmptyWithAnErrorWithNobodyFoundAndWithResults()
    {
        var (desktop, phone) = await SignInAsync("RecoveryWorker");
        foreach (var (page, width) in new[] { (desktop, "desktop"), (phone, "phone") })
        {
            await page.GotoAsync("/clients/find");
            await CheckAsync(page, "find-empty", width);
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await ExpectProblemAsync(page);
            await CheckAsync(page, "find-error", width);
            await page.GetByLabel("Name, date of birth, NHS number or client reference").FillAsync("Zzyzx Qwertyuiop");
            await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Nobody found" })).ToBeVisibleAsync();
            await CheckAsync(page, "find-nobody", width);
        }
        await desktop.GotoAsync("/caseload");
        var name = (await desktop.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link).First.InnerTextAsync()).Trim();
        await desktop.GotoAsync("/clients/find");
        await desktop.GetByLabel("Name, date of birth, NHS number or client reference").FillAsync(name);
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^\d+ clients? found$") })).ToBeVisibleAsync();
        await CheckAsync(desktop, "find-results", "desktop");

        // The diary on a day with nothing booked, and this week's.
        await desktop.GotoAsync("/diary?date=2099-06-01");
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "My diary", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(desktop, "diary-empty-day", "desktop");
        await phone.GotoAsync("/diary?view=week");
        await CheckAsync(phone, "diary-week", "phone");
    }

    [Fact]
    public async Task TheTransitionCheckAndTheLoadPreviewAreAccessibleEmptyWithErrorsAndCompleted()
    {
        var (desktop, phone) = await SignInAsync("DataOfficer");
        foreach (var (page, width) in new[] { (desktop, "desktop"), (phone, "phone") })
        {
            await page.GotoAsync("/transition");
            await CheckAsync(page, "transition-empty", width);
            await page.GetByRole(AriaRole.Button, new() { Name = "Check transition" }).ClickAsync();
            await ExpectProblemAsync(page);
            await CheckAsync(page, "transition-error", width);
            await page.GetByLabel("Outgoing source").SelectOptionAsync("OLDCO");
            await page.GetByLabel("Incoming source").SelectOptionAsync("NEWCO");
            await Browser.FillDateAsync(page, "Transition date", DateTime.Today.AddYears(-1).ToString("yyyy-MM-dd"));
            await page.GetByRole(AriaRole.Button, new() { Name = "Check transition" }).ClickAsync();
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToHaveCountAsync(0);
            await CheckAsync(page, "transition-done", width);

            await page.GotoAsync("/records");
            await CheckAsync(page, "records-empty", width);
            await page.GetByRole(AriaRole.Button, new() { Name = "Check bundle" }).ClickAsync();
            await ExpectProblemAsync(page);
            await CheckAsync(page, "records-error", width);
        }

        // A bundle checked under a source the database has never held: the preview warns before anything loads.
        var zip = Path.Combine(Directory.CreateTempSubdirectory("pathway-bundle-").FullName, "bundle.zip");
        ZipFile.CreateFromDirectory(Path.Combine(Paths.RepositoryRoot, "tests", "Pathway.Tests", "Exchange", "Examples", "small-new-provider"), zip);
        await desktop.GotoAsync("/records");
        await desktop.GetByLabel("Source system").FillAsync("NEWCO-TRIAL");
        await desktop.Locator("#bundle").SetInputFilesAsync(zip);
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Check bundle" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "What loading it will do" })).ToBeVisibleAsync();
        await Expect(desktop.GetByText("NEWCO-TRIAL").First).ToBeVisibleAsync();
        await CheckAsync(desktop, "records-preview", "desktop");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Cancel and delete the upload" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "What loading it will do" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task TheCommissionersDashboardWithItsContractReviewIsAccessible()
    {
        var (desktop, phone) = await SignInAsync("Commissioner");
        foreach (var (page, width) in new[] { (desktop, "desktop"), (phone, "phone") })
        {
            await page.GotoAsync("/performance");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contract review" })).ToBeVisibleAsync();
            await CheckAsync(page, "dashboard", width);
        }
    }
}
