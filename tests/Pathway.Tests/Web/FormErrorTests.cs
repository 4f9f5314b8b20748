using System.Net;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Assessments;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;
using Pathway.Web;
using Pathway.Worklists;

namespace Pathway.Tests.Web;

/// <summary>
/// The NHS.UK error summary on every case form: one entry a field, in the order of the fields, each linking to an
/// id on the page, and "Error: " in the title; the date input's messages; and the small things staff check first.
/// </summary>
public partial class FormErrorTests
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);

    [Theory]
    [InlineData("", "", "", null)]
    [InlineData("15", "", "1984", "Date of review must include a month")]
    [InlineData("", "", "1984", "Date of review must include a day and month")]
    [InlineData("31", "2", "2025", "Date of review must be a real date")]
    [InlineData("1", "13", "2025", "Date of review must be a real date")]
    [InlineData("1", "3", "84", "Date of review must include a year with 4 numbers")]
    [InlineData("x", "3", "1984", "Date of review must be a real date")]
    public void TheDateInputNamesItsFieldAndWhatIsWrong(string day, string month, string year, string? problem)
    {
        var reading = DateInput.Read("Date of review", day, month, year);
        Assert.Equal(problem, reading.Problem);
        Assert.Null(reading.Date);
    }

    [Fact]
    public void TheDateInputReadsARealDateAndMarksTheWrongPart()
    {
        Assert.Equal(new DateOnly(1984, 3, 15), DateInput.Read("Date", " 15", "3 ", "1984").Date);
        Assert.Equal(DateParts.Day, DateInput.Read("Date", "30", "2", "2024").Wrong);
        Assert.Equal(DateParts.Month, DateInput.Read("Date", "3", "", "2024").Wrong);
    }

    [Fact]
    public void TimesReadTheUkWayInEngland()
    {
        Assert.Equal("1 December 2026 at 2:05pm", Words.Time(new DateTimeOffset(2026, 12, 1, 14, 5, 0, TimeSpan.Zero)));
        // Summer time: 11:00 UTC is noon in England.
        Assert.Equal("1 July 2026 at 12pm", Words.Time(new DateTimeOffset(2026, 7, 1, 11, 0, 0, TimeSpan.Zero)));
    }

    [Fact]
    public void TheDashboardOffersTheCurrentQuarterButDefaultsToTheLastFullOne()
    {
        var today = new DateOnly(2026, 11, 20);
        var options = ReportPeriod.Options(today);
        Assert.Equal("2026Q3", options[0].Key);
        Assert.Contains("so far", options[0].Label);
        Assert.Equal("2026Q2", ReportPeriod.Default(today).Key);
    }

    [Fact]
    public void AReviewFallingDueWithinThirtyDaysIsDueSoonNotOverdue()
    {
        var today = new DateOnly(2026, 11, 20);
        Assert.True(Worklist.IsReviewDueSoon(today.AddMonths(-6).AddDays(10), today.AddYears(-1), today));
        Assert.False(Worklist.IsReviewDueSoon(today.AddMonths(-6).AddDays(-1), today.AddYears(-1), today));
        Assert.False(Worklist.IsReviewDueSoon(today.AddMonths(-4), today.AddYears(-1), today));
    }

    [Fact]
    public void TheSadqCarriesItsTimeFrame() =>
        Assert.StartsWith("Please recall a typical period of heavy drinking in the last 6 months", ScreeningTools.For(ScreeningTool.Sadq).Instruction);

    private static async Task<(TestSite Site, HttpClient Client, int Episode)> WorkerAsync(TestDatabase database)
    {
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 5), Today);
        var site = await TestSite.StartAsync(database.Target);
        var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.First(s => s.Role == Roles.RecoveryWorker).Email, DemoArea.Password);
        await using var db = database.Open();
        var episode = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.TriageDate != null)
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();
        return (site, client, episode);
    }

    [GeneratedRegex("<div class=\"nhsuk-error-summary\"[\\s\\S]*?</ul>")]
    private static partial Regex Summary();
    [GeneratedRegex("<li><a href=\"#([^\"]+)\">([^<]*)</a></li>")]
    private static partial Regex Entry();
    [GeneratedRegex("<(?:input|textarea|select)[^>]* name=\"([^\"]+)\"(?![^>]*type=\"(?:radio|checkbox|hidden)\")")]
    private static partial Regex FieldNames();
    [GeneratedRegex(" id=\"([^\"]+)\"")]
    private static partial Regex Ids();

    [Theory, DatabaseData]
    public async Task EveryCaseFormPostedEmptyListsItsErrorsInFieldOrderLinkingToItsFields(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client, id) = await WorkerAsync(database);
        await using var _ = site;
        string[] forms =
        [
            $"/episodes/{id}/reviews/new", $"/episodes/{id}/appointments/new", $"/episodes/{id}/contacts/new", $"/episodes/{id}/notes/new",
            $"/episodes/{id}/interventions", $"/episodes/{id}/goals", $"/episodes/{id}/screening/sadq", $"/episodes/{id}/discharge",
        ];
        foreach (var form in forms)
        {
            // As a browser posts it: every box, empty (radios unticked send nothing).
            var blank = FieldNames().Matches(await client.GetStringAsync(form)).Select(m => m.Groups[1].Value)
                .Where(n => n is not "Version" and not "__RequestVerificationToken").Distinct().ToDictionary(n => n, _ => "");
            var response = await TestSite.PostCaseFormAsync(client, form, blank);
            var html = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{form}: {response.StatusCode}");
            Assert.Contains("<title>Error: ", html);
            var summary = Summary().Match(html);
            Assert.True(summary.Success, $"{form} shows no error summary");
            Assert.Contains("There is a problem", summary.Value);
            var entries = Entry().Matches(summary.Value).Select(m => (Anchor: m.Groups[1].Value, Message: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
            Assert.NotEmpty(entries);
            var afterSummary = html[(summary.Index + summary.Length)..];
            var ids = Ids().Matches(afterSummary).Select(m => m.Groups[1].Value).ToList();
            foreach (var (anchor, message) in entries)
                Assert.True(ids.Contains(anchor), $"{form}: \"{message}\" links to #{anchor}, which is not on the page");
            var positions = entries.Select(e => ids.IndexOf(e.Anchor)).ToList();
            Assert.True(positions.SequenceEqual(positions.Order()), $"{form}: summary out of field order: {string.Join(", ", entries.Select(e => e.Anchor))}");
            Assert.Equal(entries.Count, entries.Select(e => e.Anchor).Distinct().Count());
        }
    }

    [Theory, DatabaseData]
    public async Task TheOutcomeReviewNamesEveryFieldInItsMessages(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client, id) = await WorkerAsync(database);
        await using var _ = site;

        var response = await TestSite.PostCaseFormAsync(client, $"/episodes/{id}/reviews/new", new()
        {
            ["Input.Date.Day"] = "12", ["Input.Date.Month"] = "", ["Input.Date.Year"] = "2025", ["Input.CrackDays"] = "2.5", ["Input.PhysicalHealth"] = "21",
        });
        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        var messages = Entry().Matches(Summary().Match(html).Value).Select(m => m.Groups[2].Value).ToList();

        Assert.Equal(messages.Count, messages.Distinct().Count());
        Assert.Equal("Date of review must include a month", messages[0]);
        Assert.Contains("Enter the number of days of alcohol use", messages);
        Assert.Contains("Enter the number of days injected", messages);
        Assert.Contains("Enter the number of days shoplifting", messages);
        Assert.Contains("Enter a score for psychological health", messages);
        Assert.Contains("Days of crack use must be a whole number from 0 to 28", messages);
        Assert.Contains("Physical health score must be a whole number from 0 to 20", messages);
        // The typed parts come back, and only the missing one is marked.
        Assert.Contains("id=\"Input_Date-year\" name=\"Input.Date.Year\" type=\"text\" inputmode=\"numeric\" value=\"2025\"", html);
        Assert.Contains("nhsuk-input--width-2 nhsuk-input--error\" id=\"Input_Date-month\"", html);
        Assert.DoesNotContain("nhsuk-input--width-2 nhsuk-input--error\" id=\"Input_Date-day\"", html);
    }

    [Theory, DatabaseData]
    public async Task WorklistsOfferFollowUpsReviewsDueSoonAndTheSadqItsInstruction(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var (site, client, id) = await WorkerAsync(database);
        await using var _ = site;

        // A manager sees the whole service's list, so it is never empty in the demo.
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, DemoArea.SignIns.First(s => s.Role == Roles.TeamManager).Email, DemoArea.Password);
        var missed = await manager.GetStringAsync("/did-not-attend");
        Assert.Matches("<a href=\"/episodes/\\d+/appointments/new\">Book again", missed);
        Assert.Matches("<a href=\"/episodes/\\d+/contacts/new\">Record a contact", missed);
        Assert.Matches("<a href=\"/episodes/\\d+/notes/new\">Add a note", missed);

        var due = await client.GetStringAsync("/caseload?due=true");
        Assert.Contains("due within 30 days", due);

        var sadq = await client.GetStringAsync($"/episodes/{id}/screening/sadq");
        Assert.Contains("Please recall a typical period of heavy drinking in the last 6 months", sadq);
        Assert.Contains("For example, 15 3 1984", sadq);
    }
}
