using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// The clinic against `pathway serve --demo`: a prescriber starts methadone at 30 mg for one of the key worker's opiate
/// clients and titrates to 60 mg over two weeks, issues and prints the form; the demo pharmacist records two collections and
/// three misses; the next dose is stopped at the pharmacy and the key worker's caseload shows the alert. Each page is checked
/// with axe-core and photographed.
/// </summary>
public class ClinicTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly DateOnly Today =
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static string Shown(DateOnly day) => day.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    private static readonly string[] Opiates = ["Heroin", "Illicit methadone", "Illicit buprenorphine", "Other opiate"];

    private static async Task CheckAsync(IPage page, string name)
    {
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, $"clinic-{name}");
    }

    private static async Task FillStepAsync(IPage page, string dose, DateOnly from, string dateLabel)
    {
        await page.GetByLabel("Dose in mg").FillAsync(dose);
        await Browser.FillDateAsync(page, dateLabel, Iso(from));
    }

    [Fact]
    public async Task APrescriberTitratesMethadoneThePharmacistRecordsThreeMissesAndTheDoseStops()
    {
        // The key worker's opiate client who waits for a first prescription.
        var worker = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(worker, site.Server.User("RecoveryWorker"));
        await worker.GotoAsync("/caseload");
        var cases = await worker.Locator("table a[href^='/episodes/']").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        int? id = null;
        foreach (var href in cases)
        {
            await worker.GotoAsync(href);
            var text = await worker.Locator("main").InnerTextAsync();
            if (text.Contains("No prescriptions recorded.") && Opiates.Any(text.Contains))
            {
                id = int.Parse(Regex.Match(href, @"\d+").Value, CultureInfo.InvariantCulture);
                break;
            }
        }
        Assert.True(id is not null, "The demo worker's caseload has an opiate client without a prescription");
        var name = (await worker.GetByRole(AriaRole.Heading, new() { Level = 1 }).InnerTextAsync()).Trim();
        var firstName = name.Split(' ')[0];

        // Methadone from 30 mg two weeks ago, up 10 mg every four days to 60 mg.
        var prescriber = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(prescriber, site.Server.User("Prescriber"));
        await prescriber.GotoAsync($"/episodes/{id}");
        await prescriber.GetByRole(AriaRole.Link, new() { Name = "Start a prescription" }).ClickAsync();
        await prescriber.GetByLabel("Medicine").SelectOptionAsync(new SelectOptionValue { Label = "Methadone oral solution" });
        await FillStepAsync(prescriber, "30", Today.AddDays(-14), "Start date");
        await prescriber.GetByLabel("Dispensing pharmacy").SelectOptionAsync(new SelectOptionValue { Label = "Harbour Street Pharmacy (FX001)" });
        await CheckAsync(prescriber, "start");
        await prescriber.GetByRole(AriaRole.Button, new() { Name = "Start prescription" }).ClickAsync();
        await Expect(prescriber.GetByText("Current dose:")).ToBeVisibleAsync();
        foreach (var (from, to, daysAgo) in new[] { ("30", "40", 10), ("40", "50", 6), ("50", "60", 2) })
        {
            await prescriber.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Change dose of {from} mg ") }).ClickAsync();
            await FillStepAsync(prescriber, to, Today.AddDays(-daysAgo), "New dose from");
            await prescriber.GetByRole(AriaRole.Button, new() { Name = "Change dose" }).ClickAsync();
            await Expect(prescriber.GetByRole(AriaRole.Link, new() { NameRegex = new Regex($"^Change dose of {to} mg ") })).ToBeVisibleAsync();
        }
        var section = await prescriber.Locator("main").InnerTextAsync();
        Assert.Contains("60 mg daily", section);
        Assert.Contains($"30 mg from {Shown(Today.AddDays(-14))}; 40 mg from {Shown(Today.AddDays(-10))}; 50 mg from {Shown(Today.AddDays(-6))}; 60 mg from {Shown(Today.AddDays(-2))}",
            await prescriber.Locator("svg desc").TextContentAsync());
        await CheckAsync(prescriber, "case-titration");

        // The form for the next 14 days, under the pad's serial number; a second use of the serial is refused.
        var serial = $"{Random.Shared.NextInt64(1_000_000_000, 9_999_999_999)}";
        await prescriber.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Prescription forms for 60 mg ") }).ClickAsync();
        await prescriber.GetByLabel("Serial number").FillAsync(serial);
        await prescriber.GetByRole(AriaRole.Button, new() { Name = "Issue and print" }).ClickAsync();
        await Expect(prescriber.GetByText("eight hundred and forty ml")).ToBeVisibleAsync();
        var print = await prescriber.Locator("main").InnerTextAsync();
        foreach (var item in new[] { name, "Methadone hydrochloride oral solution 1 mg/ml", "840 ml", "Signature of prescriber", "Dr Max Adeyemi", serial,
                     "Every day: consumption supervised by the pharmacist", "Daily instalments of 60 ml" })
            Assert.Contains(item, print);
        await CheckAsync(prescriber, "print-form");
        await prescriber.EmulateMediaAsync(new() { Media = Media.Print });
        await Browser.ScreenshotAsync(prescriber, "clinic-print-form-as-printed");
        await prescriber.EmulateMediaAsync(new() { Media = Media.Screen });
        await prescriber.GotoAsync($"/episodes/{id}");
        await prescriber.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Prescription forms for 60 mg ") }).ClickAsync();
        await prescriber.GetByLabel("Serial number").FillAsync(serial);
        await prescriber.GetByRole(AriaRole.Button, new() { Name = "Issue and print" }).ClickAsync();
        await Expect(prescriber.Locator(".nhsuk-error-summary")).ToContainTextAsync("has already been issued");

        // The pharmacist: two collections, then three misses in a row.
        var pharmacist = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(pharmacist, site.Server.User("Pharmacist"));
        await pharmacist.GotoAsync("/pharmacy");
        foreach (var (daysAgo, outcome) in new[] { (4, "Collected"), (3, "Collected"), (2, "Missed"), (1, "Missed"), (0, "Missed") })
        {
            var row = pharmacist.GetByRole(AriaRole.Row).Filter(new() { HasText = Shown(Today.AddDays(-daysAgo)) })
                .Filter(new() { HasText = $"{firstName} (" }).Filter(new() { HasText = "Methadone oral solution" });
            await row.GetByRole(AriaRole.Button, new() { NameRegex = new Regex($"^{outcome}") }).First.ClickAsync();
            await Expect(pharmacist).ToHaveURLAsync(new Regex("/pharmacy$"));
        }
        var tomorrow = pharmacist.GetByRole(AriaRole.Row).Filter(new() { HasText = Shown(Today.AddDays(1)) }).Filter(new() { HasText = $"{firstName} (" });
        await Expect(tomorrow.First).ToContainTextAsync("Do not dispense – contact the service");
        // First name and initials only: never the full name.
        Assert.DoesNotContain(name, await pharmacist.Locator("main").InnerTextAsync());
        await CheckAsync(pharmacist, "pharmacy-stopped");
        // Nothing else is open to the pharmacist.
        var refused = await pharmacist.GotoAsync($"/episodes/{id}");
        Assert.NotEqual(200, refused!.Status);

        // The key worker's caseload shows the stop.
        await worker.GotoAsync("/caseload");
        var alert = worker.Locator(".nhsuk-warning-callout").Filter(new() { HasText = "Dispensing stopped" });
        await Expect(alert.GetByRole(AriaRole.Link, new() { Name = name })).ToBeVisibleAsync();
        await CheckAsync(worker, "caseload-alert");
    }
}
