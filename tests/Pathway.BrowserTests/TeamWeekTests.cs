using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// The team around a case against `pathway serve --demo`: the team manager filters the case table and moves two cases
/// after a check; a recovery worker adds a group session and marks its register; the peer mentor records a contact and
/// flags a concern, which the key worker sees on the caseload and marks seen. Each page is checked with axe-core in its
/// empty, error and completed states and photographed at desktop and phone width.
/// </summary>
public class TeamWeekTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int PhoneWidth = 390;

    private static readonly DateOnly Today =
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    private IPage desktop = null!;
    private IPage phone = null!;

    /// <summary>axe-core on the page as it stands, then screenshots at both widths. A state reached by posting (an error) is photographed
    /// on the phone by posting there too, through <paramref name="onPhone"/>.</summary>
    private async Task CheckAsync(string name, Func<IPage, Task>? onPhone = null)
    {
        await Accessibility.AssertNoViolationsAsync(desktop);
        await Browser.ScreenshotAsync(desktop, $"team-{name}-desktop");
        if (onPhone is null) await phone.GotoAsync(desktop.Url);
        else await onPhone(phone);
        await Accessibility.AssertNoViolationsAsync(phone);
        await Browser.ScreenshotAsync(phone, $"team-{name}-phone");
    }

    private async Task SignInBothAsync(string email)
    {
        await desktop.Context.CloseAsync();
        await phone.Context.CloseAsync();
        var who = site.Server.Users.First(u => u.Email == email);
        desktop = await site.Browser.NewPageAsync(site.Server);
        phone = await site.Browser.NewPageAsync(site.Server, width: PhoneWidth, height: 844);
        await Browser.SignInAsync(desktop, who);
        await Browser.SignInAsync(phone, who);
    }

    /// <summary>A date field, whether it is one date box or the NHS.UK day, month and year boxes.</summary>
    private static async Task FillDateAsync(IPage page, string label, DateOnly day)
    {
        var group = page.GetByRole(AriaRole.Group, new() { Name = label, Exact = true });
        if (await group.CountAsync() == 1 && await group.GetByLabel("Day", new() { Exact = true }).CountAsync() == 1)
        {
            await group.GetByLabel("Day", new() { Exact = true }).FillAsync(day.Day.ToString());
            await group.GetByLabel("Month", new() { Exact = true }).FillAsync(day.Month.ToString());
            await group.GetByLabel("Year", new() { Exact = true }).FillAsync(day.Year.ToString());
        }
        else await page.GetByLabel(label, new() { Exact = true }).FillAsync(day.ToString("yyyy-MM-dd"));
    }

    private static async Task<List<int>> LinkedIdsAsync(IPage page, string pattern)
    {
        var hrefs = await page.Locator("a[href]").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        return hrefs.Select(h => Regex.Match(h, pattern)).Where(m => m.Success).Select(m => int.Parse(m.Groups[1].Value)).Distinct().ToList();
    }

    private static async Task ExpectErrorAsync(IPage page, string message)
    {
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = message })).ToBeVisibleAsync();
        await Expect(page).ToHaveTitleAsync(new Regex("^Error: "));
    }

    [Fact]
    public async Task AManagerWorkerAndPeerMentorWorkTheTeamsCases()
    {
        desktop = await site.Browser.NewPageAsync(site.Server);
        phone = await site.Browser.NewPageAsync(site.Server, width: PhoneWidth, height: 844);

        // 1. The team manager: the case table, filtered by a key worker; an empty choice is refused; two cases moved after the check.
        await SignInBothAsync("sam.manager@demo.pathway.example");
        await desktop.GotoAsync("/team");
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Caseloads", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("caseloads");
        var filter = desktop.GetByLabel("Key worker", new() { Exact = true });
        var workers = (await filter.Locator("option").AllInnerTextsAsync()).Select(t => t.Trim())
            .Where(t => t is not "Everyone" and not "No key worker" and not "Alex Morgan").ToList();
        var (from, to) = (workers[0], workers[1]);
        await filter.SelectOptionAsync(new SelectOptionValue { Label = from });
        var fromId = await filter.InputValueAsync();
        await Browser.ClickAndWaitAsync(desktop, desktop.GetByRole(AriaRole.Button, new() { Name = "Show cases" }));
        var cases = desktop.Locator("#cases tbody tr");
        Assert.True(await cases.CountAsync() >= 2, $"{from} holds at least two cases in the demo");
        await Expect(cases.Locator("td:nth-child(3)")).ToHaveTextAsync(Enumerable.Repeat(from, await cases.CountAsync()).ToArray());
        await CheckAsync("caseloads-filtered");

        await desktop.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await ExpectErrorAsync(desktop, "Select at least one case to move");
        await CheckAsync("caseloads-error", async p =>
        {
            await p.GotoAsync("/team");
            await p.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
            await ExpectErrorAsync(p, "Select at least one case to move");
        });

        await desktop.GotoAsync($"/team?keyWorkerId={Uri.EscapeDataString(fromId)}#cases");
        var boxes = desktop.Locator("#cases").GetByRole(AriaRole.Checkbox);
        var moving = new List<string>();
        for (var i = 0; i < 2; i++)
        {
            await boxes.Nth(i).CheckAsync();
            moving.Add((await desktop.Locator("#cases tbody tr").Nth(i).Locator("td:nth-child(2) a").InnerTextAsync()).Trim());
        }
        await desktop.GetByLabel("Move the selected cases to").SelectOptionAsync(new SelectOptionValue { Label = to });
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Check the cases you are moving", Level = 1 })).ToBeVisibleAsync();
        await Expect(desktop.GetByText($"You are moving 2 cases from {from} to {to}.")).ToBeVisibleAsync();
        await Accessibility.AssertNoViolationsAsync(desktop);
        await Browser.ScreenshotAsync(desktop, "team-move-check-desktop");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Move 2 cases" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Status)).ToContainTextAsync($"2 cases moved to {to}.");
        await CheckAsync("caseloads-moved");
        await desktop.GotoAsync("/team?sort=keyworker");
        foreach (var client in moving)
            await Expect(desktop.Locator("#cases tbody tr").Filter(new() { HasText = client }).Locator("td:nth-child(3)")).ToHaveTextAsync(to);

        // 2. Another provider's worker has no group sessions: the empty list.
        await SignInBothAsync("lee.worker@northway.demo.pathway.example");
        await desktop.GotoAsync("/groups");
        await Expect(desktop.GetByText("No group sessions have been added yet.")).ToBeVisibleAsync();
        await CheckAsync("groups-empty");

        // 3. A recovery worker: the demo's sessions, a new one refused empty and then added, its register marked.
        await SignInBothAsync("alex.worker@demo.pathway.example");
        await desktop.GotoAsync("/groups");
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Group sessions", Level = 1 })).ToBeVisibleAsync();
        await Expect(desktop.Locator("#sessions tbody tr").First).ToBeVisibleAsync();
        await CheckAsync("groups");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();
        await ExpectErrorAsync(desktop, "Select the type of group");
        await CheckAsync("groups-error", async p =>
        {
            await p.GotoAsync("/groups");
            await p.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();
            await ExpectErrorAsync(p, "Select the type of group");
        });
        const string title = "Thursday relapse prevention (browser test)";
        await desktop.GetByRole(AriaRole.Group, new() { Name = "Type of group" }).GetByLabel("Psychosocial group", new() { Exact = true }).CheckAsync();
        await desktop.GetByLabel("Title", new() { Exact = true }).FillAsync(title);
        await FillDateAsync(desktop, "Date", Today);
        await desktop.GetByLabel("Start time (optional)").FillAsync("10:00");
        await desktop.GetByLabel("Facilitator", new() { Exact = true }).FillAsync("Alex Morgan");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Add session" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = title, Level = 1 })).ToBeVisibleAsync();
        await Expect(desktop.GetByText("Nobody is on this session's register yet.")).ToBeVisibleAsync();
        await CheckAsync("register-empty");

        var clientSelect = desktop.GetByLabel("Client", new() { Exact = true });
        var added = new List<string>();
        foreach (var attended in new[] { "Attended", "Did not attend" })
        {
            var option = (await clientSelect.Locator("option").Nth(1).InnerTextAsync()).Trim();
            await clientSelect.SelectOptionAsync(new SelectOptionValue { Index = 1 });
            await desktop.GetByRole(AriaRole.Group, new() { Name = "Did they attend?" }).GetByLabel(attended, new() { Exact = true }).CheckAsync();
            await desktop.GetByRole(AriaRole.Button, new() { Name = "Add to register" }).ClickAsync();
            added.Add(Regex.Replace(option, @" \([^)]*\)$", ""));
            await Expect(desktop.Locator("#register tbody tr").Filter(new() { HasText = added[^1] })).ToContainTextAsync(attended);
        }
        await Expect(desktop.Locator("#register-count")).ToContainTextAsync("1 attended, 1 did not attend");
        var absent = desktop.Locator("#register tbody tr").Filter(new() { HasText = added[1] });
        await absent.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Mark as attended") }).ClickAsync();
        await Expect(desktop.Locator("#register-count")).ToContainTextAsync("2 attended, 0 did not attend");
        await CheckAsync("register");

        // 4. The peer mentor: a mentee the worker holds; an empty contact refused, then a contact and a concern.
        var workersCases = await CaseloadIdsAsync();
        await SignInBothAsync("jo.mentor@demo.pathway.example");
        await desktop.GotoAsync("/mentees");
        await CheckAsync("mentees");
        var mentee = (await LinkedIdsAsync(desktop, @"^/mentees/(\d+)$")).First(workersCases.Contains);
        await desktop.GotoAsync($"/mentees/{mentee}");
        await CheckAsync("mentee");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await ExpectErrorAsync(desktop, "Select the type of contact");
        await CheckAsync("mentee-error", async p =>
        {
            await p.GotoAsync($"/mentees/{mentee}");
            await p.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
            await ExpectErrorAsync(p, "Select the type of contact");
        });
        await FillDateAsync(desktop, "Date", Today);
        await desktop.GetByRole(AriaRole.Group, new() { Name = "Type of contact" }).GetByLabel("Phone call", new() { Exact = true }).CheckAsync();
        await desktop.GetByLabel("How long, in minutes").FillAsync("25");
        await desktop.GetByLabel("Short note (optional)").FillAsync("Talked through the plan for the weekend.");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Status)).ToContainTextAsync("Contact recorded.");
        const string concern = "Sounded low on the phone and said the new flat is not safe to go back to (browser test).";
        await desktop.GetByLabel("What are you concerned about?").FillAsync(concern);
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Send concern" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Status)).ToContainTextAsync("Concern sent to the key worker.");
        await CheckAsync("mentee-done");

        // 5. The key worker sees the concern on the caseload and marks it seen.
        await SignInBothAsync("alex.worker@demo.pathway.example");
        await desktop.GotoAsync("/caseload");
        var item = desktop.Locator("#concerns li").Filter(new() { HasText = concern });
        await Expect(item).ToContainTextAsync("Jo Fletcher");
        await CheckAsync("caseload-concern");
        await item.GetByRole(AriaRole.Button).ClickAsync();
        await Expect(desktop.GetByText(concern)).ToHaveCountAsync(0);
        await CheckAsync("caseload-seen");

        await desktop.Context.CloseAsync();
        await phone.Context.CloseAsync();
        Assert.Empty(site.Browser.CspViolations);
    }

    /// <summary>The episodes on the signed-in worker's caseload.</summary>
    private async Task<List<int>> CaseloadIdsAsync()
    {
        await desktop.GotoAsync("/caseload");
        return await LinkedIdsAsync(desktop, @"^/episodes/(\d+)$");
    }
}
