using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;

namespace Pathway.BrowserTests;

public class PublicPagesTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    public static TheoryData<string, string> Pages => new()
    {
        { "/help", "Get help with drugs or alcohol" },
        { "/services", "Where to get help" },
        { "/sign-in", "Sign in to Pathway" },
    };

    [Theory, MemberData(nameof(Pages))]
    public async Task PublicPagesAreAccessibleAtPhoneAndDesktopWidth(string path, string heading)
    {
        foreach (var width in new[] { Browser.PhoneWidth, 1280 })
        {
            var page = await site.Browser.NewPageAsync(site.Server, width, 800);
            await page.GotoAsync(path);

            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
            await Accessibility.AssertNoViolationsAsync(page);
            await Browser.ScreenshotAsync(page, $"public{path.Replace('/', '-')}-{width}");
            await page.Context.CloseAsync();
        }
        Assert.True(site.Browser.CspViolations.Count == 0, string.Join("\n", site.Browser.CspViolations));
    }

    [Fact]
    public async Task TheServiceFinderWorksWithoutJavaScript()
    {
        var context = await site.Browser.Chromium.NewContextAsync(new() { BaseURL = site.Server.Address.ToString(), JavaScriptEnabled = false });
        var page = await context.NewPageAsync();

        await page.GotoAsync("/help");
        await page.GetByRole(AriaRole.Link, new() { Name = "Where to get help" }).First.ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Harbour Recovery Hub, Stockport" })).ToBeVisibleAsync();
        await context.CloseAsync();
    }
}
