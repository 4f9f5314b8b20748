using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// An administrator against `pathway serve --demo`: a member of staff's page with its error and completed states, the
/// disable confirmation with its open-cases warning, a password reset link the staff member then uses once, "change my
/// password", the service place removal confirmation, and the three public information pages. Every state is checked
/// with axe-core and photographed at desktop and phone width.
/// </summary>
public class AccountAdministrationTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int PhoneWidth = 390;
    private const string NewPassword = "kettle orchard lantern seventeen";

    /// <summary>axe-core on the page as it stands, then the same state photographed at desktop and at phone width.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, $"admin-{name}-desktop");
        await page.SetViewportSizeAsync(PhoneWidth, 844);
        await Accessibility.AssertNoViolationsAsync(page);
        await Browser.ScreenshotAsync(page, $"admin-{name}-phone");
        await page.SetViewportSizeAsync(1280, 900);
    }

    [Fact]
    public async Task AnAdministratorMakesAResetLinkThatTheStaffMemberUsesOnce()
    {
        var admin = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(admin, site.Server.User("Administrator"));

        // The member of staff's page: empty, then a change that breaks a rule.
        await admin.GotoAsync("/admin/users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Jo Fletcher", Exact = true }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Jo Fletcher", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync(admin, "user");
        await admin.GetByLabel("Role").SelectOptionAsync(new SelectOptionValue { Label = "Commissioner" });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Save role and team" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(admin.GetByRole(AriaRole.Link, new() { Name = "A commissioner works for no provider: leave the provider out" })).ToBeVisibleAsync();
        await CheckAsync(admin, "user-error");

        // The reset link, shown once.
        await admin.GetByRole(AriaRole.Button, new() { Name = "Create a password reset link" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Password reset link" })).ToBeVisibleAsync();
        var link = await admin.Locator("#reset-link-value").InnerTextAsync();
        await CheckAsync(admin, "user-reset-link");

        // Disabling a worker who holds cases asks first and says how many.
        await admin.GotoAsync("/admin/users");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Disable Alex Morgan" }).ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Heading, new() { Name = "Disable Alex Morgan's account?" })).ToBeVisibleAsync();
        await Expect(admin.Locator("#open-cases")).ToContainTextAsync("open case");
        await CheckAsync(admin, "disable-confirm");
        await Browser.ClickAndWaitAsync(admin, admin.GetByRole(AriaRole.Link, new() { Name = "Cancel" }));

        // Removing a service place asks first too.
        await admin.GotoAsync("/services/manage");
        await admin.GetByRole(AriaRole.Button, new() { Name = "Remove" }).First.ClickAsync();
        await Expect(admin.GetByRole(AriaRole.Button, new() { Name = "Remove place" })).ToBeVisibleAsync();
        await CheckAsync(admin, "remove-place-confirm");
        await admin.GetByRole(AriaRole.Link, new() { Name = "Cancel" }).ClickAsync();

        // The member of staff opens the link, is told a weak password will not do, then sets one.
        var staff = await site.Browser.NewPageAsync(site.Server);
        await staff.GotoAsync(link);
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Set a new password" })).ToBeVisibleAsync();
        await CheckAsync(staff, "reset");
        await staff.GetByLabel("New password", new() { Exact = true }).FillAsync("short");
        await staff.GetByLabel("Type the new password again").FillAsync("short");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Link, new() { Name = "Password must be at least 12 characters" })).ToBeVisibleAsync();
        await CheckAsync(staff, "reset-error");
        await staff.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword);
        await staff.GetByLabel("Type the new password again").FillAsync(NewPassword);
        await staff.GetByRole(AriaRole.Button, new() { Name = "Set password" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Your password is set" })).ToBeVisibleAsync();
        await CheckAsync(staff, "reset-done");
        await staff.GotoAsync(link);
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "This link cannot be used" })).ToBeVisibleAsync();
        await CheckAsync(staff, "reset-used");

        // Signed in with the new password, they change it again: a wrong current password first.
        await Browser.SignInAsync(staff, new DemoUser("jo.mentor@demo.pathway.example", NewPassword, "PeerMentor"));
        await staff.GetByRole(AriaRole.Link, new() { Name = "Change password" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await CheckAsync(staff, "change-password");
        await staff.GetByLabel("Current password").FillAsync("not the password");
        await staff.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword + " again");
        await staff.GetByLabel("Type the new password again").FillAsync(NewPassword + " again");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Link, new() { Name = "Your current password is not right" })).ToBeVisibleAsync();
        await CheckAsync(staff, "change-password-error");
        await staff.GetByLabel("Current password").FillAsync(NewPassword);
        await staff.GetByLabel("New password", new() { Exact = true }).FillAsync(NewPassword + " again");
        await staff.GetByLabel("Type the new password again").FillAsync(NewPassword + " again");
        await staff.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(staff.GetByRole(AriaRole.Heading, new() { Name = "Your password has changed" })).ToBeVisibleAsync();
        await CheckAsync(staff, "change-password-done");

        Assert.True(site.Browser.CspViolations.Count == 0, string.Join("\n", site.Browser.CspViolations));
        await staff.Context.CloseAsync();
        await admin.Context.CloseAsync();
    }

    [Theory]
    [InlineData("/privacy", "Privacy notice")]
    [InlineData("/accessibility", "Accessibility statement for Pathway")]
    [InlineData("/cookies", "Cookies")]
    public async Task ThePublicInformationPagesPassAxeAtBothWidths(string path, string heading)
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await page.GotoAsync(path);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = heading, Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator("footer").GetByRole(AriaRole.Link, new() { Name = heading == "Cookies" ? "Cookies" : heading.Split(" for")[0] })).ToBeVisibleAsync();
        await CheckAsync(page, path.Trim('/'));
        Assert.True(site.Browser.CspViolations.Count == 0, string.Join("\n", site.Browser.CspViolations));
        await page.Context.CloseAsync();
    }
}
