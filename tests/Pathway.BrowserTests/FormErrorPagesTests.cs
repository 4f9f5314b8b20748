using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// The case forms converted to the shared error summary and the NHS.UK date input: axe-core finds nothing on them
/// empty or showing errors, at desktop and phone width; and pages with wide tables never scroll sideways at 390 px.
/// </summary>
public class FormErrorPagesTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int PhoneWidth = 390;

    private async Task<int> OpenEpisodeAsync(IPage page)
    {
        await page.GotoAsync("/caseload");
        await Browser.ClickAndWaitAsync(page, page.Locator("table a[href^='/episodes/']").First);
        return int.Parse(Regex.Match(page.Url, @"/episodes/(\d+)").Groups[1].Value);
    }

    [Fact]
    public async Task CaseFormsHaveNoAccessibilityViolationsEmptyOrWithErrorsAtBothWidths()
    {
        var worker = site.Server.User("RecoveryWorker");
        foreach (var (width, label) in new[] { (1280, "desktop"), (PhoneWidth, "phone") })
        {
            var page = await site.Browser.NewPageAsync(site.Server, width: width, height: 900);
            await Browser.SignInAsync(page, worker);
            var id = await OpenEpisodeAsync(page);
            foreach (var (path, name, button) in new[]
                     {
                         ("reviews/new", "review", "Save review"), ("appointments/new", "book", "Book appointment"),
                         ("contacts/new", "contact", "Save contact"), ("notes/new", "note", null), ("screening/sadq", "sadq", "Save and score"),
                         ("interventions", "intervention", null), ("discharge", "discharge", null),
                     })
            {
                await page.GotoAsync($"/episodes/{id}/{path}");
                await Accessibility.AssertNoViolationsAsync(page);
                await Browser.ScreenshotAsync(page, $"forms-{name}-empty-{label}");
                var submit = button is null ? page.Locator("main form[method='post'] button[type='submit'], main form[method='post'] button:not([type])").Last
                    : page.GetByRole(AriaRole.Button, new() { Name = button });
                // Clear today's date a form fills in, so the summary has a date error too.
                foreach (var box in await page.Locator(".nhsuk-date-input__input").AllAsync()) await box.FillAsync("");
                await submit.ClickAsync();
                await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
                Assert.StartsWith("Error: ", await page.TitleAsync());
                await Accessibility.AssertNoViolationsAsync(page);
                await Browser.ScreenshotAsync(page, $"forms-{name}-errors-{label}");
                // Every link of the summary reaches a field on the page.
                foreach (var href in await page.Locator(".nhsuk-error-summary__list a").EvaluateAllAsync<string[]>("as => as.map(a => a.getAttribute('href'))"))
                    Assert.Equal(1, await page.Locator(href).CountAsync());
            }
        }
    }

    [Fact]
    public async Task PagesWithWideTablesDoNotScrollSidewaysOnAPhone()
    {
        var manager = site.Server.User("TeamManager");
        var page = await site.Browser.NewPageAsync(site.Server, width: PhoneWidth, height: 844);
        await Browser.SignInAsync(page, manager);
        foreach (var path in new[] { "/caseload", "/caseload?due=true", "/did-not-attend", "/referrals", "/team", "/performance", "/diary" })
        {
            await page.GotoAsync(path);
            var widths = await page.EvaluateAsync<int[]>("() => [document.scrollingElement.scrollWidth, document.scrollingElement.clientWidth]");
            var (scroll, client) = (widths[0], widths[1]);
            var wide = scroll <= client ? "" : await page.EvaluateAsync<string>(
                "w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w).slice(0, 5).map(e => e.tagName + '.' + e.className + '#' + e.id).join(', ')", client);
            Assert.True(scroll <= client, $"{path} scrolls sideways at {PhoneWidth}px: {scroll} > {client}: {wide}");
            await Browser.ScreenshotAsync(page, $"tables{path.Replace('/', '-').Replace('?', '-').Replace('=', '-')}-phone");
        }
    }
}
