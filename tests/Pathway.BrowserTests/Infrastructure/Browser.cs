using Microsoft.Playwright;

namespace Pathway.BrowserTests.Infrastructure;

/// <summary>Debian's Chromium, headless, driven by Playwright. Never a downloaded browser.</summary>
public sealed class Browser : IAsyncDisposable
{
    private readonly IPlaywright playwright;

    private Browser(IPlaywright playwright, IBrowser chromium)
    {
        this.playwright = playwright;
        Chromium = chromium;
    }

    public IBrowser Chromium { get; }

    public static async Task<Browser> LaunchAsync()
    {
        // Expect's 5 s default is short for a page that computes figures on a 2-core machine also running the unit tests;
        // a passing check returns as soon as it holds, so only a failure waits longer.
        Assertions.SetDefaultExpectTimeout(15_000);
        var playwright = await Playwright.CreateAsync();
        var chromium = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // The machine's network is closed: without these Chromium keeps trying to reach Google.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                    "--disable-sync", "--no-first-run", "--disable-quic"],
        });
        return new Browser(playwright, chromium);
    }

    public const int PhoneWidth = 375;

    /// <summary>A fresh browser context; any Content-Security-Policy violation on its pages fails the test at the end.</summary>
    public async Task<IPage> NewPageAsync(PathwayServer server, int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error" && message.Text.Contains("Content Security Policy")) CspViolations.Add($"{page.Url}: {message.Text}");
        };
        return page;
    }

    /// <summary>Console reports of blocked scripts or styles: a page that breaks the strict CSP is broken for users too.</summary>
    public List<string> CspViolations { get; } = [];

    public static async Task SignInAsync(IPage page, DemoUser user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }));
    }

    /// <summary>
    /// Clicks a link or button that loads a page, and waits until that page is there to read. A click does not wait for the
    /// navigation it starts: without this, a GotoAsync straight after a save could cancel the save, and a check of
    /// the page (axe, a screenshot, its address) could read the old page or die with it. Either can make a test fail under load.
    /// </summary>
    public static Task ClickAndWaitAsync(IPage page, ILocator target) => ActAndWaitForPageAsync(page, () => target.ClickAsync(), $"clicking {target}");

    /// <summary>Does something that loads a page (a click, Enter on a focused button) and waits until that page is there to read.</summary>
    public static async Task ActAndWaitForPageAsync(IPage page, Func<Task> act, string what)
    {
        // Listening before acting, so a quick navigation is not missed; a page re-shown at the same address counts.
        var navigated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnNavigated(object? sender, IFrame frame)
        {
            if (frame == page.MainFrame) navigated.TrySetResult();
        }
        page.FrameNavigated += OnNavigated;
        try
        {
            await act();
            await navigated.Task.WaitAsync(TimeSpan.FromSeconds(30));
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"No page loaded within 30 s of {what} on {page.Url}.");
        }
        finally
        {
            page.FrameNavigated -= OnNavigated;
        }
        // The new document parsed and its deferred scripts run: enough to read it. Not the load event, which a busy machine
        // held back past 30 s on the commissioner's dashboard (a stress run of the browser tests beside two busy loops).
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
    }

    /// <summary>Fills an NHS.UK date input; <paramref name="nth"/> picks one of several groups with the same legend.</summary>
    public static async Task FillDateAsync(IPage page, string legend, string iso, int nth = 0)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = legend, Exact = true }).Nth(nth);
        var parts = iso.Split('-');
        await group.GetByLabel("Day", new() { Exact = true }).FillAsync(int.Parse(parts[2]).ToString());
        await group.GetByLabel("Month", new() { Exact = true }).FillAsync(int.Parse(parts[1]).ToString());
        await group.GetByLabel("Year", new() { Exact = true }).FillAsync(parts[0]);
    }

    public static Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Paths.Screenshots, name + ".png"), FullPage = true });

    public async ValueTask DisposeAsync()
    {
        await Chromium.DisposeAsync();
        playwright.Dispose();
    }
}

/// <summary>One demo server and one browser shared by a test class: starting them is the slow part.</summary>
public sealed class DemoSiteFixture : IAsyncLifetime
{
    public PathwayServer Server { get; private set; } = null!;
    public Browser Browser { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Server = await PathwayServer.StartDemoAsync();
        Browser = await Browser.LaunchAsync();
    }

    public async Task DisposeAsync()
    {
        await Browser.DisposeAsync();
        await Server.DisposeAsync();
    }
}
