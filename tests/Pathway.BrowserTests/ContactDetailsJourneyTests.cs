using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// A new client's contact details, from an empty page through its error messages to a completed record shown on the
/// case: axe-core in each state, and a screenshot of each at desktop and phone width.
/// </summary>
public class ContactDetailsJourneyTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int PhoneWidth = 390;

    private static readonly DateOnly Today =
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    /// <summary>axe-core on the page as it stands, then screenshots at desktop and phone width of that same state.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, $"contact-{name}-desktop");
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, $"contact-{name}-phone");
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task AWorkerRecordsANewClientsContactDetailsPuttingRightWhatWasWrong()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.User("RecoveryWorker"));

        // A referral with only a council chosen by name: the contact record starts empty.
        await page.GotoAsync("/referrals/new");
        await Expect(page.GetByLabel("Council")).ToHaveValueAsync("");
        await page.GetByLabel("Given name").FillAsync("Marlowe");
        await page.GetByLabel("Family name").FillAsync("Quennell");
        await Browser.FillDateAsync(page, "Date of birth", "1988-05-17", nth: 1);
        await page.GetByRole(AriaRole.Group, new() { Name = "Sex" }).GetByLabel("Male", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Council").SelectOptionAsync(new SelectOptionValue { Label = "Bury" });
        await Browser.FillDateAsync(page, "Referral date", Today.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Referred by").SelectOptionAsync(new SelectOptionValue { Label = "GP" });
        await page.GetByLabel("Main problem substance").SelectOptionAsync(new SelectOptionValue { Label = "Alcohol" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Marlowe Quennell", Level = 1 })).ToBeVisibleAsync();
        var id = int.Parse(Regex.Match(page.Url, @"/episodes/(\d+)").Groups[1].Value);

        // Empty.
        await page.GetByRole(AriaRole.Link, new() { Name = "Change contact details of Marlowe Quennell" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Contact details", Level = 1 })).ToBeVisibleAsync();
        Assert.EndsWith($"/episodes/{id}/contact", page.Url);
        await Expect(page.GetByLabel("Phone number", new() { Exact = true })).ToHaveValueAsync("");
        await CheckAsync(page, "empty");

        // With errors: each named in the summary, beside its field, and what was typed kept.
        await page.GetByLabel("Postcode").FillAsync("BL9");
        await page.GetByLabel("Email address").FillAsync("marlowe.example.com");
        await page.GetByRole(AriaRole.Group, new() { Name = "How to contact them" }).GetByLabel("Text message", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Children living with them: how many under 18").FillAsync("lots");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact details" }).ClickAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: Contact details"));
        var summary = page.GetByRole(AriaRole.Alert);
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Postcode must be a full UK postcode, like SK1 3XE" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Phone number must be given to contact them by phone or text" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Email address must be an email address, like name@example.com" })).ToBeVisibleAsync();
        await Expect(summary.GetByRole(AriaRole.Link, new() { Name = "Children living with them must be a whole number from 0 to 20" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email address")).ToHaveValueAsync("marlowe.example.com");
        await CheckAsync(page, "errors");

        // Completed.
        await page.GetByLabel("Address line 1").FillAsync("Flat 2, 10 Example Street");
        await page.GetByLabel("Town or city").FillAsync("Bury");
        await page.GetByLabel("Postcode").FillAsync("bl9 0aa");
        await page.GetByLabel("Phone number", new() { Exact = true }).FillAsync("07700 900555");
        await page.GetByLabel("Email address").FillAsync("marlowe@example.com");
        await page.GetByRole(AriaRole.Group, new() { Name = "Voicemail: may we leave one?" }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Text messages: may we send them?" }).GetByLabel("Yes", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Safe times to contact").FillAsync("Weekdays after 6pm");
        await page.GetByLabel("GP practice", new() { Exact = true }).FillAsync("Example Street Surgery");
        await page.GetByLabel("Next of kin's name").FillAsync("Example Person");
        await page.GetByLabel("Ethnic group").SelectOptionAsync(new SelectOptionValue { Label = "White: Irish" });
        await page.GetByRole(AriaRole.Group, new() { Name = "Sexual orientation" }).GetByLabel("Not stated", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Pregnant" }).GetByLabel("Not applicable", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Children living with them: how many under 18").FillAsync("1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact details" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Marlowe Quennell", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.GetByText("Safe contact: Contact by text message; do not leave voicemail; texts are OK; best times: Weekdays after 6pm")).ToBeVisibleAsync();
        await Expect(page.GetByText("07700 900555")).ToBeVisibleAsync();
        await CheckAsync(page, "case");
        await page.GotoAsync($"/episodes/{id}/contact");
        await Expect(page.GetByLabel("Postcode")).ToHaveValueAsync("BL9 0AA");
        await CheckAsync(page, "completed");
    }
}
