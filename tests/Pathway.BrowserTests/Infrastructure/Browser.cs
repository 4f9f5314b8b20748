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

    public async Task<IPage> NewPageAsync(PathwayServer server, int width = 1280, int height = 900)
    {
        var context = await Chromium.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.Address.ToString(),
            ViewportSize = new ViewportSize { Width = width, Height = height },
        });
        return await context.NewPageAsync();
    }

    public static async Task SignInAsync(IPage page, DemoUser user)
    {
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("Email address").FillAsync(user.Email);
        await page.GetByLabel("Password").FillAsync(user.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
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
