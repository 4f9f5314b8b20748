using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

/// <summary>
/// A recovery worker's week against `pathway serve --demo`: find a client on the caseload, read and add case notes,
/// book, move and cancel appointments, record the day's booking once (and only once), then the exit review, the
/// confirmed discharge and a post-exit review. Every staff page is checked with axe-core and photographed at desktop
/// and phone width.
/// </summary>
public class WorkersWeekTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private const int PhoneWidth = 390;

    /// <summary>The service's day is England's, whatever the machine's zone.</summary>
    private static readonly DateOnly Today =
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/London")).DateTime);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd");
    private static string Shown(DateOnly day) => day.ToString("d MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture);

    private IPage desktop = null!;
    private IPage phone = null!;

    /// <summary>axe-core on the desktop page as it stands, then a screenshot of it at both widths (the phone opens the same address).</summary>
    private async Task CheckAsync(string name, bool phoneToo = true)
    {
        await Accessibility.AssertNoViolationsAsync(desktop);
        await Browser.ScreenshotAsync(desktop, $"week-{name}-desktop");
        if (!phoneToo) return;
        await phone.GotoAsync(desktop.Url);
        await Browser.ScreenshotAsync(phone, $"week-{name}-phone");
    }

    private static async Task FillReviewAsync(IPage page, DateOnly date, string stage)
    {
        await Browser.FillDateAsync(page, "Date of review", Iso(date));
        await page.GetByRole(AriaRole.Group, new() { Name = "Stage" }).GetByLabel(stage, new() { Exact = true }).CheckAsync();
        foreach (var label in new[] { "Alcohol", "Opiates", "Crack", "Cocaine", "Amphetamines", "Cannabis", "Other drugs", "Days injected", "Shoplifting",
                     "Selling drugs", "Days in paid work in the last 28", "Days in education in the last 28" })
            await page.GetByLabel(label, new() { Exact = true }).FillAsync("0");
        foreach (var label in new[] { "Psychological health", "Physical health", "Overall quality of life" })
            await page.GetByLabel(label, new() { Exact = true }).FillAsync("15");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save review" }).ClickAsync();
    }

    /// <summary>The appointments this test booked, by date: the demo may hold one of its own on the same day.</summary>
    private readonly Dictionary<DateOnly, string> booked = [];

    private ILocator AppointmentLinks(DateOnly date) =>
        desktop.GetByRole(AriaRole.Link, new() { Name = $"Change or cancel the appointment on {Shown(date)}" });

    private async Task<List<string>> AppointmentHrefsAsync(DateOnly date) =>
        [.. await AppointmentLinks(date).EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))")];

    private async Task BookAsync(int id, DateOnly date, string time, string channel)
    {
        await desktop.GotoAsync($"/episodes/{id}");
        var before = await AppointmentHrefsAsync(date);
        await desktop.GotoAsync($"/episodes/{id}/appointments/new");
        await Browser.FillDateAsync(desktop, "Date of appointment", Iso(date));
        await desktop.GetByLabel("Time (optional)").FillAsync(time);
        await desktop.GetByRole(AriaRole.Group, new() { Name = "How" }).GetByLabel(channel, new() { Exact = true }).CheckAsync();
        await desktop.GetByRole(AriaRole.Group, new() { Name = "What for" }).GetByLabel("Keywork", new() { Exact = true }).CheckAsync();
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Book appointment" }).ClickAsync();
        await Expect(AppointmentLinks(date)).ToHaveCountAsync(before.Count + 1);
        booked[date] = Assert.Single((await AppointmentHrefsAsync(date)).Except(before));
    }

    private async Task ChangeAsync(int id, DateOnly date, Func<Task> fill)
    {
        await desktop.GotoAsync($"/episodes/{id}");
        await AppointmentLinks(date).And(desktop.Locator($"a[href='{booked[date]}']")).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Change or cancel an appointment", Level = 1 })).ToBeVisibleAsync();
        await fill();
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
    }

    [Fact]
    public async Task ARecoveryWorkersWeekFromCaseloadToPostExitReview()
    {
        var worker = site.Server.Users.First(u => u.Email == "alex.worker@demo.pathway.example");
        desktop = await site.Browser.NewPageAsync(site.Server);
        phone = await site.Browser.NewPageAsync(site.Server, width: PhoneWidth, height: 844);
        await Browser.SignInAsync(desktop, worker);
        await Browser.SignInAsync(phone, worker);

        // 1–2. The caseload names a client; find them by name and open the case.
        await desktop.GotoAsync("/caseload");
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "My caseload", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("caseload");
        var name = (await desktop.GetByRole(AriaRole.Table).GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link).First.InnerTextAsync()).Trim();
        Assert.Matches(@"^\S+ \S+", name);

        await desktop.GotoAsync("/clients/find");
        await desktop.GetByLabel("Name, date of birth, NHS number or client reference").FillAsync(name);
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { NameRegex = new Regex(@"^\d+ clients? found$") })).ToBeVisibleAsync();
        await Expect(desktop.GetByRole(AriaRole.Cell, new() { Name = name, Exact = true }).First).ToBeVisibleAsync();
        await CheckAsync("find-client", phoneToo: false);
        await Browser.ScreenshotAsync(phone, "week-find-client-phone-form");
        await desktop.GetByRole(AriaRole.Link, new() { Name = $"Open episode of {name}", Exact = true }).First.ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        var id = int.Parse(Regex.Match(desktop.Url, @"/episodes/(\d+)$").Groups[1].Value);
        await CheckAsync("case");

        // 3. Read the notes, add one, see it and find it again by a word in it.
        await desktop.GotoAsync($"/episodes/{id}/notes");
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Case notes", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("notes");
        await desktop.GetByRole(AriaRole.Link, new() { Name = "Add a case note" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Add a case note", Level = 1 })).ToBeVisibleAsync();
        await CheckAsync("add-note");
        var note = "Talked through the relapse prevention plan; agreed to try the Thursday gardening group at the quinceberry allotment.";
        await Browser.FillDateAsync(desktop, "Date", Iso(Today));
        await desktop.GetByRole(AriaRole.Group, new() { Name = "Kind of note" }).GetByLabel("Keywork", new() { Exact = true }).CheckAsync();
        await desktop.GetByLabel("Note", new() { Exact = true }).FillAsync(note);
        await Browser.ClickAndWaitAsync(desktop, desktop.GetByRole(AriaRole.Button, new() { Name = "Save note" }));
        await desktop.GotoAsync($"/episodes/{id}/notes");
        await Expect(desktop.GetByText(note)).ToBeVisibleAsync();
        await desktop.GetByLabel("Search these notes").FillAsync("quinceberry");
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Search notes" }).ClickAsync();
        await Expect(desktop.GetByText(new Regex(@"^1 of \d+ notes contain those words\.$"))).ToBeVisibleAsync();
        await Expect(desktop.GetByText(note)).ToBeVisibleAsync();
        await CheckAsync("notes-search", phoneToo: false);

        // 4. Book three appointments; move one, cancel one with a reason; the diary shows all of it.
        var moveFrom = Today.AddDays(1);
        var moveTo = Today.AddDays(2);
        var cancelOn = Today.AddDays(3);
        await desktop.GotoAsync($"/episodes/{id}/appointments/new");
        await CheckAsync("book");
        await BookAsync(id, Today, "10:00", "Face to face");
        await BookAsync(id, moveFrom, "14:00", "Phone");
        await BookAsync(id, cancelOn, "11:30", "Video");

        await ChangeAsync(id, moveFrom, async () =>
        {
            await CheckAsync("change-appointment");
            await desktop.GetByRole(AriaRole.Group, new() { Name = "What do you want to do?" }).GetByLabel("Reschedule it").CheckAsync();
            await Browser.FillDateAsync(desktop, "New date (if rescheduling)", Iso(moveTo));
            await desktop.GetByLabel("New time (optional)").FillAsync("15:30");
            await desktop.GetByLabel("Reason", new() { Exact = true }).FillAsync("Client asked for later in the week");
        });
        await ChangeAsync(id, cancelOn, async () =>
        {
            await desktop.GetByRole(AriaRole.Group, new() { Name = "What do you want to do?" }).GetByLabel("Cancel it").CheckAsync();
            await desktop.GetByLabel("Reason", new() { Exact = true }).FillAsync("Client has a hospital appointment that day");
        });
        await desktop.GotoAsync($"/episodes/{id}");
        await Expect(desktop.GetByText($"Moved to {Shown(moveTo)}: Client asked for later in the week")).ToBeVisibleAsync();
        await Expect(desktop.GetByText("Cancelled: Client has a hospital appointment that day")).ToBeVisibleAsync();
        // Rescheduling books anew (the old booking stays in the history), so the new one is found by its date.
        await Expect(AppointmentLinks(moveTo).First).ToBeVisibleAsync();

        async Task<ILocator> DiaryRowAsync(DateOnly day, string time)
        {
            await desktop.GotoAsync($"/diary?date={Iso(day)}");
            await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "My diary", Level = 1 })).ToBeVisibleAsync();
            return desktop.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).Filter(new() { HasText = time });
        }
        await Expect(await DiaryRowAsync(moveTo, "15:30")).ToContainTextAsync("Change or cancel");
        await Expect(await DiaryRowAsync(moveFrom, "14:00")).ToContainTextAsync("Cancelled: Client asked for later in the week");
        await Expect(await DiaryRowAsync(cancelOn, "11:30")).ToContainTextAsync("Cancelled: Client has a hospital appointment that day");
        var todayRow = await DiaryRowAsync(Today, "10:00");
        await Expect(todayRow.GetByRole(AriaRole.Link, new() { Name = $"Record contact for {name}" })).ToBeVisibleAsync();
        await CheckAsync("diary-day");
        await desktop.GotoAsync($"/diary?date={Iso(Today)}&view=week");
        await Expect(desktop.GetByRole(AriaRole.Row).Filter(new() { HasText = name }).Filter(new() { HasText = "10:00" })).ToBeVisibleAsync();
        await CheckAsync("diary-week");

        // 5. Record today's contact against the booking the form offers; a second recording of it is refused.
        await desktop.GotoAsync($"/episodes/{id}/contacts/new");
        var offered = desktop.GetByRole(AriaRole.Group, new() { Name = "Is this for a booking today?" })
            .GetByLabel("Booked 10:00 face to face, keywork", new() { Exact = true });
        await offered.CheckAsync();
        var appointment = await offered.GetAttributeAsync("value");
        await Browser.FillDateAsync(desktop, "Date of contact", Iso(Today));
        await desktop.GetByRole(AriaRole.Group, new() { Name = "How" }).GetByLabel("Face to face", new() { Exact = true }).CheckAsync();
        await desktop.GetByRole(AriaRole.Group, new() { Name = "What for" }).GetByLabel("Keywork", new() { Exact = true }).CheckAsync();
        await desktop.GetByRole(AriaRole.Group, new() { Name = "Did they attend?" }).GetByLabel("Attended", new() { Exact = true }).CheckAsync();
        await CheckAsync("record-contact", phoneToo: false);
        await Browser.ClickAndWaitAsync(desktop, desktop.GetByRole(AriaRole.Button, new() { Name = "Save contact" }));
        await desktop.GotoAsync($"/episodes/{id}");
        var contacts = desktop.GetByRole(AriaRole.Table, new() { Name = "Contacts" }).GetByRole(AriaRole.Row).Filter(new() { HasText = Shown(Today) });
        await Expect(contacts).ToHaveCountAsync(1);
        await Expect(desktop.GetByRole(AriaRole.Link, new() { Name = $"Record attendance for {Shown(Today)}" })).ToHaveCountAsync(0);

        await desktop.GotoAsync($"/episodes/{id}/contacts/new?appointment={appointment}");
        const string already = "This appointment has already been recorded: its contact is on the case page";
        await Expect(desktop.GetByRole(AriaRole.Link, new() { Name = already })).ToBeVisibleAsync();
        await desktop.GetByRole(AriaRole.Group, new() { Name = "Did they attend?" }).GetByLabel("Attended", new() { Exact = true }).CheckAsync();
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(desktop.GetByRole(AriaRole.Link, new() { Name = already })).ToBeVisibleAsync();
        await CheckAsync("contact-refused", phoneToo: false);
        await desktop.GotoAsync($"/episodes/{id}");
        await Expect(contacts).ToHaveCountAsync(1);

        // 6. Exit review, discharge checked then confirmed, and the post-exit review the case page offers.
        await desktop.GotoAsync($"/episodes/{id}/reviews/new?stage=Exit");
        await CheckAsync("exit-review");
        await FillReviewAsync(desktop, Today, "Exit");
        await desktop.GotoAsync($"/episodes/{id}/discharge");
        await CheckAsync("discharge");
        await Browser.FillDateAsync(desktop, "Discharge date", Iso(Today));
        await desktop.GetByRole(AriaRole.Group, new() { Name = "Reason" }).GetByLabel("Completed drug free", new() { Exact = true }).CheckAsync();
        await desktop.GetByLabel("Recovery hub").CheckAsync();
        await desktop.GetByLabel("Mutual aid (for example AA, NA, SMART Recovery)").CheckAsync();
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = "Check before you discharge", Level = 1 })).ToBeVisibleAsync();
        // The booking moved to later in the week is still open: discharge says it will cancel it.
        await Expect(desktop.GetByText($"{Shown(moveTo)} 15:30 · Phone · Keywork")).ToBeVisibleAsync();
        await CheckAsync("discharge-check", phoneToo: false);
        await desktop.GetByRole(AriaRole.Button, new() { Name = "Confirm discharge" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Heading, new() { Name = name, Level = 1 })).ToBeVisibleAsync();
        await Expect(desktop.GetByText($"{Shown(Today)}, Completed drug free")).ToBeVisibleAsync();
        await CheckAsync("case-discharged");

        await desktop.GetByRole(AriaRole.Link, new() { Name = "Record a post-exit outcome review" }).ClickAsync();
        await Expect(desktop.GetByRole(AriaRole.Group, new() { Name = "Stage" }).GetByLabel("Post-exit", new() { Exact = true })).ToBeCheckedAsync();
        await CheckAsync("post-exit-review");
        await FillReviewAsync(desktop, Today, "Post-exit");
        await desktop.GotoAsync($"/episodes/{id}");
        var reviews = desktop.GetByRole(AriaRole.Table, new() { Name = "Outcome reviews" });
        await Expect(reviews.GetByRole(AriaRole.Row).Filter(new() { HasText = "Post-exit" })).ToHaveCountAsync(1);
        await Expect(reviews.GetByRole(AriaRole.Row).Filter(new() { HasText = "Exit" }).Filter(new() { HasText = Shown(Today) })).ToHaveCountAsync(2);

        await desktop.Context.CloseAsync();
        await phone.Context.CloseAsync();
        Assert.Empty(site.Browser.CspViolations);
    }
}
