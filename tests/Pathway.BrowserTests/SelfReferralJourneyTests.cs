using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;

namespace Pathway.BrowserTests;

/// <summary>The public front door in a real browser: keyboard only, axe-core on every page and state, phone and desktop.</summary>
public class SelfReferralJourneyTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly string BirthYear = (DateTime.Today.Year - 35).ToString();

    /// <summary>Presses Tab until the element has focus, as a keyboard user would move through the page.</summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var i = 0; i < 80; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab never reached {target}");
    }

    private static async Task TypeAsync(IPage page, string label, string text)
    {
        await TabToAsync(page, page.GetByLabel(label, new() { Exact = true }));
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>Tab into a radio group, Space to choose the first, arrows down to the one wanted.</summary>
    private static async Task ChooseAsync(IPage page, string legend, string option)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend });
        var radios = group.GetByRole(AriaRole.Radio);
        var labels = await radios.EvaluateAllAsync<string[]>("rs => rs.map(r => r.labels[0].textContent.trim())");
        await TabToAsync(page, radios.First);
        await page.Keyboard.PressAsync("Space");
        for (var i = 0; i < Array.IndexOf(labels, option); i++) await page.Keyboard.PressAsync("ArrowDown");
        await Assertions.Expect(group.GetByRole(AriaRole.Radio, new() { Name = option, Exact = true })).ToBeCheckedAsync();
    }

    /// <summary>Enter on the focused link or button, then wait for the next page, so nothing reads the old one; it has an address of its own.</summary>
    private static async Task EnterAndWaitAsync(IPage page)
    {
        var before = page.Url;
        await Browser.ActAndWaitForPageAsync(page, () => page.Keyboard.PressAsync("Enter"), "pressing Enter");
        Assert.NotEqual(before, page.Url);
    }

    private static async Task PressAsync(IPage page, string button)
    {
        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = button }));
        await EnterAndWaitAsync(page);
    }

    [Fact]
    public async Task AMemberOfThePublicRefersThemselvesByKeyboardAndAWorkerFindsItWithItsSafeContactNote()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await page.GotoAsync("/help");
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Refer yourself" }).Last);
        await EnterAndWaitAsync(page);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Refer yourself for help with drugs or alcohol" })).ToBeVisibleAsync();
        await PressAsync(page, "Start now");

        await TypeAsync(page, "First name", "Kit");
        await TypeAsync(page, "Last name", "Marlowe");
        await TypeAsync(page, "Day", "9");
        await TypeAsync(page, "Month", "4");
        await TypeAsync(page, "Year", BirthYear);
        await ChooseAsync(page, "What is your sex?", "Male");
        await TypeAsync(page, "Postcode", "SK2 6PL");
        await PressAsync(page, "Continue");

        await ChooseAsync(page, "What would you like help with?", "Crack or cocaine");
        await PressAsync(page, "Continue");

        await TypeAsync(page, "Phone number (optional)", "07700 900123");
        await ChooseAsync(page, "How would you like us to contact you?", "Text message");
        await ChooseAsync(page, "If we call and you do not answer, can we leave a voicemail?", "No");
        await ChooseAsync(page, "Can we send you text messages?", "Yes");
        await TypeAsync(page, "Anything else we should know to contact you safely? (optional)", "Shared phone: text only, sign off as Sam");
        await PressAsync(page, "Continue");

        await TabToAsync(page, page.GetByLabel("I agree that the service can contact me in the ways I chose"));
        await page.Keyboard.PressAsync("Space");
        await PressAsync(page, "Continue");

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check your answers before sending your referral" })).ToBeVisibleAsync();
        await PressAsync(page, "Send referral");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Referral sent" })).ToBeVisibleAsync();
        var reference = (await page.Locator(".pathway-confirmation strong").TextContentAsync())!.Trim();
        Assert.StartsWith("SR-", reference);
        await page.Context.CloseAsync();

        var staff = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(staff, site.Server.User("RecoveryWorker"));
        await staff.GotoAsync("/referrals");
        var row = staff.GetByRole(AriaRole.Row).Filter(new() { HasText = "Kit Marlowe" });
        await Assertions.Expect(row).ToContainTextAsync("Online self-referral");
        await Assertions.Expect(row).ToContainTextAsync("do not leave voicemail");
        await Assertions.Expect(row).ToContainTextAsync("Shared phone: text only, sign off as Sam");
        await Browser.ScreenshotAsync(staff, "public-self-referral-in-queue");
        await row.GetByRole(AriaRole.Link, new() { Name = "Kit Marlowe" }).ClickAsync();
        await Assertions.Expect(staff.GetByText(reference)).ToBeVisibleAsync();
        await Assertions.Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Safe contact" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(staff, "public-self-referral-case");
        await staff.Context.CloseAsync();
        Assert.True(site.Browser.CspViolations.Count == 0, string.Join("\n", site.Browser.CspViolations));
    }

    private static async Task CheckAsync(IPage page, string name, int width)
    {
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, $"public-{name}-{width}");
    }

    [Theory, InlineData(Browser.PhoneWidth), InlineData(1280)]
    public async Task EveryStateOfTheSelfReferralIsAccessible(int width)
    {
        var page = await site.Browser.NewPageAsync(site.Server, width, 800);
        await page.GotoAsync("/self-referral");
        await CheckAsync(page, "self-referral-start", width);
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start now" }));
        await CheckAsync(page, "self-referral-about-you", width);
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByText("There is a problem")).ToBeVisibleAsync();
        await CheckAsync(page, "self-referral-about-you-errors", width);

        await page.GetByLabel("First name").FillAsync("Ash");
        await page.GetByLabel("Last name").FillAsync("Ferris");
        await page.GetByLabel("Day").FillAsync("2");
        await page.GetByLabel("Month").FillAsync("11");
        await page.GetByLabel("Year").FillAsync((DateTime.Today.Year - 21).ToString());
        await page.GetByLabel("Female").CheckAsync();
        await page.GetByLabel("Postcode").FillAsync("BL9 0AA");
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await CheckAsync(page, "self-referral-help", width);
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await CheckAsync(page, "self-referral-help-errors", width);
        await page.GetByLabel("Alcohol").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Would you like to be seen by the young people's service?" }).GetByLabel("No").CheckAsync();
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await CheckAsync(page, "self-referral-contact", width);
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await CheckAsync(page, "self-referral-contact-errors", width);
        await page.GetByLabel("Email address (optional)").FillAsync("ash@example.com");
        await page.GetByLabel("Email", new() { Exact = true }).CheckAsync();
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await CheckAsync(page, "self-referral-consent", width);
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await CheckAsync(page, "self-referral-consent-errors", width);
        await page.GetByLabel("I agree that the service can contact me in the ways I chose").CheckAsync();
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Continue" }));
        await CheckAsync(page, "self-referral-check", width);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send referral" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Referral sent" })).ToBeVisibleAsync();
        await CheckAsync(page, "self-referral-sent", width);
        await page.GotoAsync("/self-referral/someone-else");
        await CheckAsync(page, "self-referral-someone-else", width);
        await page.Context.CloseAsync();
        Assert.True(site.Browser.CspViolations.Count == 0, string.Join("\n", site.Browser.CspViolations));
    }

    [Theory, InlineData(Browser.PhoneWidth), InlineData(1280)]
    public async Task EveryStateOfTheAlcoholCheckAndCarersPageIsAccessible(int width)
    {
        var page = await site.Browser.NewPageAsync(site.Server, width, 800);
        await page.GotoAsync("/alcohol-check");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your drinks diary" })).ToBeVisibleAsync();
        await CheckAsync(page, "alcohol-check", width);
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "See my result" }));
        await CheckAsync(page, "alcohol-check-errors", width);
        await page.GetByLabel("4 or more times a week").CheckAsync();
        await page.GetByLabel("7 to 9").CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "3. How often" }).GetByLabel("Weekly").CheckAsync();
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "See my result" }));
        await CheckAsync(page, "alcohol-check-more", width);
        for (var q = 4; q <= 8; q++)
            await page.GetByRole(AriaRole.Group, new() { Name = $"{q}. " }).GetByLabel("Monthly", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "9. " }).GetByLabel("No", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "10. " }).GetByLabel("Yes, during the last year").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "See my result" }).ClickAsync();
        await Assertions.Expect(page.GetByText("out of 40")).ToBeVisibleAsync();
        // The diary stays in this browser: add a day and see the week's total.
        await page.GetByLabel("Day", new() { Exact = true }).FillAsync(DateTime.Today.ToString("yyyy-MM-dd"));
        await page.GetByLabel("Units").FillAsync("6");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to diary" }).ClickAsync();
        await Assertions.Expect(page.Locator("#diary-total")).ToHaveTextAsync("6");
        await CheckAsync(page, "alcohol-check-result", width);

        await page.GotoAsync("/carers");
        await CheckAsync(page, "carers", width);
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send request" }));
        await CheckAsync(page, "carers-errors", width);
        await page.GetByLabel("Your name").FillAsync("Lee Carter");
        await page.GetByLabel("Email address").FillAsync("lee@example.com");
        await page.GetByLabel("Your postcode").FillAsync("SK1 1AA");
        await page.GetByRole(AriaRole.Button, new() { Name = "Send request" }).ClickAsync();
        await Assertions.Expect(page.GetByText("Request sent")).ToBeVisibleAsync();
        await CheckAsync(page, "carers-sent", width);
        await page.Context.CloseAsync();
        Assert.True(site.Browser.CspViolations.Count == 0, string.Join("\n", site.Browser.CspViolations));
    }

    [Fact]
    public async Task TheSelfReferralWorksWithoutJavaScript()
    {
        var context = await site.Browser.Chromium.NewContextAsync(new() { BaseURL = site.Server.Address.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/self-referral");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start now" }).ClickAsync();
        await page.GetByLabel("First name").FillAsync("Noel");
        await page.GetByLabel("Last name").FillAsync("Script");
        await page.GetByLabel("Day").FillAsync("5");
        await page.GetByLabel("Month").FillAsync("5");
        await page.GetByLabel("Year").FillAsync(BirthYear);
        await page.GetByLabel("I would prefer not to say").CheckAsync();
        await page.GetByLabel("Postcode").FillAsync("SK1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "What you would like help with" })).ToBeVisibleAsync();
        await page.GotoAsync("/alcohol-check");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Your drinks diary" })).ToBeHiddenAsync();
        await context.CloseAsync();
    }
}
