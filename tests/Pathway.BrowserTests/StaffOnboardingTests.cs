using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using Pathway.Data;
using Pathway.Organisations;
using Pathway.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>A new deployment, from an empty PostgreSQL database to a second member of staff, with nothing of the demonstration.</summary>
public class StaffOnboardingTests
{
    private const string AdminPassword = "first administrator's long passphrase";

    [Fact]
    public async Task TheFirstAdministratorSetsUpTwoFactorThenAddsARecoveryWorkerWhoAppearsInTheList()
    {
        await using var database = await PostgresDatabase.CreateAsync();
        var migrate = await PathwayServer.RunAsync(database.ConnectionString, null, "migrate");
        Assert.True(migrate.ExitCode == 0, migrate.Error);
        // As the README's new deployment does it: echo "$PW" | pathway users add …
        var add = await PathwayServer.RunAsync(database.ConnectionString, AdminPassword + "\n",
            "users", "add", "--email", "a@x.example", "--name", "A Admin", "--role", "Administrator");
        Assert.True(add.ExitCode == 0, add.Error);
        Assert.Matches("^[0-9a-f-]{36}$", add.Out.Trim());
        // Providers are rows: a bundle load carries only client records, and no page adds an organisation yet.
        await using (var db = DatabaseTarget.Parse(database.ConnectionString).CreateDb())
        {
            db.Providers.Add(new Provider { Code = "NEWCO", Name = "Harbour Recovery Partnership" });
            db.Teams.Add(new Team { Name = "Stockport community team", ProviderCode = "NEWCO" });
            await db.SaveChangesAsync();
        }
        await using var server = await PathwayServer.StartRealAsync(database.ConnectionString);
        await using var browser = await Browser.LaunchAsync();
        var page = await browser.NewPageAsync(server);

        // Outside a demonstration the administrator must set up an authenticator before anything else.
        await Browser.SignInAsync(page, new DemoUser("a@x.example", AdminPassword, "Administrator"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor authentication" })).ToBeVisibleAsync();
        await Expect(page.GetByText("This is demonstration data")).Not.ToBeVisibleAsync();
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Start set-up" }));
        await Browser.ScreenshotAsync(page, "onboarding-two-factor-set-up");
        var key = await page.Locator("code.pathway-key").InnerTextAsync();
        await page.GetByLabel("Security code").FillAsync(Totp.Code(key));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor authentication" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users and access", Level = 1 })).ToBeVisibleAsync();

        // The administrator adds a recovery worker; a form sent incomplete shows the NHS.UK error summary first.
        await page.GotoAsync("/admin/users");
        await page.GetByRole(AriaRole.Link, new() { Name = "Add a member of staff" }).ClickAsync();
        await page.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Recovery worker" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member of staff" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Enter the person's name" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Choose the provider a recovery worker works for: one of NEWCO" })).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "onboarding-add-staff-errors");

        await page.GetByLabel("Full name").FillAsync("Wren Ashby");
        await page.GetByLabel("Work email address").FillAsync("wren.ashby@harbour.example");
        await page.GetByLabel("Provider").SelectOptionAsync(new SelectOptionValue { Label = "Harbour Recovery Partnership (NEWCO)" });
        await page.GetByLabel("Team (optional)").SelectOptionAsync(new SelectOptionValue { Label = "Stockport community team (NEWCO)" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Add member of staff" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Account created" })).ToBeVisibleAsync();
        var password = await page.Locator("#initial-password").InnerTextAsync();
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, "onboarding-account-created");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to users" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Level = 1 })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "onboarding-users-list");
        var row = page.Locator("tr").Filter(new() { HasText = "wren.ashby@harbour.example" });
        await Expect(row).ToContainTextAsync("Wren Ashby");
        await Expect(row).ToContainTextAsync("Recovery worker");
        await Expect(row).ToContainTextAsync("NEWCO");

        // The new worker's first sign-in, with the password handed over, leads to the same authenticator set-up.
        var worker = await browser.NewPageAsync(server);
        await Browser.SignInAsync(worker, new DemoUser("wren.ashby@harbour.example", password, "RecoveryWorker"));
        await Expect(worker.GetByRole(AriaRole.Heading, new() { Name = "Set up two-factor authentication" })).ToBeVisibleAsync();
        Assert.True(browser.CspViolations.Count == 0, string.Join("\n", browser.CspViolations));
        await worker.Context.CloseAsync();
        await page.Context.CloseAsync();
    }
}
