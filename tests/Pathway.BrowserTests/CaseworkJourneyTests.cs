using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Pathway.BrowserTests.Infrastructure;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.OutcomeReviews;
using static Microsoft.Playwright.Assertions;

namespace Pathway.BrowserTests;

public class CaseworkJourneyTests(DemoSiteFixture site) : IClassFixture<DemoSiteFixture>
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.Now);
    private static string Day(int daysAgo) => Today.AddDays(-daysAgo).ToString("yyyy-MM-dd");

    private static async Task FillReviewAsync(IPage page, string date, string stage, int alcoholDays, int wellbeing)
    {
        await Browser.FillDateAsync(page, "Date of review", date);
        await page.GetByRole(AriaRole.Group, new() { Name = "Stage" }).GetByLabel(stage, new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Alcohol", new() { Exact = true }).FillAsync(alcoholDays.ToString());
        foreach (var label in new[] { "Opiates", "Crack", "Cocaine", "Amphetamines", "Cannabis", "Other drugs", "Days injected", "Shoplifting", "Selling drugs",
                     "Days in paid work in the last 28", "Days in education in the last 28" })
            await page.GetByLabel(label, new() { Exact = true }).FillAsync("0");
        foreach (var label in new[] { "Psychological health", "Physical health", "Overall quality of life" })
            await page.GetByLabel(label, new() { Exact = true }).FillAsync(wellbeing.ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Save review" }).ClickAsync();
    }

    private static async Task RecordContactAsync(IPage page, int id, string date, string channel)
    {
        await page.GotoAsync($"/episodes/{id}/contacts/new");
        await Browser.FillDateAsync(page, "Date of contact", date);
        await page.GetByRole(AriaRole.Group, new() { Name = "How" }).GetByLabel(channel, new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "What for" }).GetByLabel("Keywork", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Attended", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
    }

    [Fact]
    public async Task OnePersonGoesFromSelfReferralToSuccessfulDischargeAndComesBackAsARepresentation()
    {
        var page = await site.Browser.NewPageAsync(site.Server);
        await Browser.SignInAsync(page, site.Server.User("RecoveryWorker"));

        // Single point of entry: search first, nobody found, then refer.
        await page.GotoAsync("/referrals/new");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Quinn Zephyrine");
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await Expect(page.GetByText("Nobody matching was found")).ToBeVisibleAsync();
        await Browser.FillDateAsync(page, "Date of birth", "1979-02-11", nth: 1);
        await page.GetByRole(AriaRole.Group, new() { Name = "Sex" }).GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await Browser.FillDateAsync(page, "Referral date", Day(240));
        await page.GetByLabel("Council").SelectOptionAsync(new SelectOptionValue { Label = "Stockport" });
        await page.GetByLabel("Referred by").SelectOptionAsync(new SelectOptionValue { Label = "Self-referral" });
        await page.GetByLabel("Main problem substance").SelectOptionAsync(new SelectOptionValue { Label = "Alcohol" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Quinn Zephyrine", Level = 1 })).ToBeVisibleAsync();
        var id = int.Parse(Regex.Match(page.Url, @"/episodes/(\d+)").Groups[1].Value);

        // Bad input is refused the NHS.UK way: a discharge before the referral.
        await page.GotoAsync($"/episodes/{id}/discharge");
        await Browser.FillDateAsync(page, "Discharge date", Day(300));
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "There is a problem" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Select the reason for discharge" })).ToBeVisibleAsync();

        // Triage and allocation.
        await page.GotoAsync($"/episodes/{id}/triage");
        await Browser.FillDateAsync(page, "Triage date", Day(235));
        await page.GetByRole(AriaRole.Group, new() { Name = "Injecting" }).GetByLabel("Never", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Housing" }).GetByLabel("Settled", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Employment" }).GetByLabel("Unemployed", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Risk of overdose").CheckAsync();
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save triage" }));
        await page.GotoAsync($"/episodes/{id}/allocation");
        await page.GetByLabel("Key worker").SelectOptionAsync(new SelectOptionValue { Label = "Alex Morgan" });
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save" }));

        // AUDIT: 4+4+4+4+0+0+0+0+2+2 = 20, possible dependence.
        await page.GotoAsync($"/episodes/{id}/screening/audit");
        await Browser.FillDateAsync(page, "Date of screening", Day(235));
        string[] choices = ["4 or more times a week", "10 or more", "Daily or almost daily", "Daily or almost daily", "Never", "Never", "Never", "Never",
            "Yes, but not in the last year", "Yes, but not in the last year"];
        for (var i = 0; i < choices.Length; i++)
            await page.GetByRole(AriaRole.Group, new() { NameRegex = new Regex($"^{i + 1}\\. ") }).GetByLabel(choices[i], new() { Exact = true }).CheckAsync();
        await Browser.ScreenshotAsync(page, "casework-assessment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save and score" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Cell, new() { Name = "Possible dependence" })).ToBeVisibleAsync();

        // Care plan: a goal and an intervention; the start review.
        await page.GotoAsync($"/episodes/{id}/goals");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Goal" }).FillAsync("Stay alcohol free and get back to work");
        await page.GetByLabel("In progress", new() { Exact = true }).CheckAsync();
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save goal" }));
        await page.GotoAsync($"/episodes/{id}/interventions");
        await page.GetByRole(AriaRole.Group, new() { Name = "Type" }).GetByLabel("Psychosocial", new() { Exact = true }).CheckAsync();
        await page.GetByRole(AriaRole.Group, new() { Name = "Setting" }).GetByLabel("Community", new() { Exact = true }).CheckAsync();
        await Browser.FillDateAsync(page, "Start date", Day(230));
        await Browser.ClickAndWaitAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Save intervention" }));
        await page.GotoAsync($"/episodes/{id}/reviews/new");
        await FillReviewAsync(page, Day(235), "Start of treatment", 24, 6);

        // Two appointments, one online.
        await RecordContactAsync(page, id, Day(200), "Face to face");
        await RecordContactAsync(page, id, Day(150), "Online");

        await page.GotoAsync("/caseload");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Quinn Zephyrine" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "casework-caseload");

        // The six-month review, the exit review and a successful discharge with aftercare.
        await page.GotoAsync($"/episodes/{id}/reviews/new");
        await FillReviewAsync(page, Day(55), "Six-monthly review", 2, 14);
        await page.GotoAsync($"/episodes/{id}/reviews/new");
        await FillReviewAsync(page, Day(20), "Exit", 0, 16);
        await page.GotoAsync($"/episodes/{id}/discharge");
        await Browser.FillDateAsync(page, "Discharge date", Day(20));
        await page.GetByLabel("Completed alcohol free", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Recovery hub").CheckAsync();
        await page.GetByLabel("Mutual aid (for example AA, NA, SMART Recovery)").CheckAsync();
        // Discharge shows what will close, and saves only once confirmed.
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Check before you discharge" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "casework-discharge-check");
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm discharge" }).ClickAsync();
        await Expect(page.GetByText("Completed alcohol free").First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "History" })).ToBeVisibleAsync();
        await Browser.ScreenshotAsync(page, "casework-client-page");

        // Back within six months: the new referral is flagged.
        await page.GotoAsync("/referrals/new");
        await page.GetByLabel("Given name").FillAsync("Quinn");
        await page.GetByLabel("Family name").FillAsync("Zephyrine");
        await Browser.FillDateAsync(page, "Date of birth", "1979-02-11", nth: 1);
        await page.GetByRole(AriaRole.Group, new() { Name = "Sex" }).GetByLabel("Female", new() { Exact = true }).CheckAsync();
        await Browser.FillDateAsync(page, "Referral date", Day(0));
        await page.GetByLabel("Postcode").FillAsync("SK4 2BQ");
        await page.GetByLabel("Referred by").SelectOptionAsync(new SelectOptionValue { Label = "GP" });
        await page.GetByLabel("Main problem substance").SelectOptionAsync(new SelectOptionValue { Label = "Alcohol" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Save referral" }).ClickAsync();
        await Expect(page.GetByText("Re-presentation", new() { Exact = true })).ToBeVisibleAsync();
        await page.GotoAsync("/referrals");
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Quinn Zephyrine" }).GetByText("Re-presentation")).ToBeVisibleAsync();
        await page.Context.CloseAsync();

        // What was saved is exactly what the exchange format carries.
        await using var db = DatabaseTarget.Parse(site.Server.DatabasePath).CreateDb();
        var episodes = await db.Episodes.AsNoTracking().Include(e => e.Interventions).Include(e => e.Contacts).Include(e => e.OutcomeReviews)
            .Where(e => e.ClientRecord.FamilyName == "Zephyrine").OrderBy(e => e.ReferralDate).ToListAsync();
        Assert.Equal(2, episodes.Count);
        var first = episodes[0];
        Assert.Equal((ReferralSource.Self, Today.AddDays(-240), Today.AddDays(-235)), (first.ReferralSource, first.ReferralDate, first.TriageDate));
        Assert.Equal((Today.AddDays(-20), DischargeReason.CompletedAlcoholFree), (first.DischargeDate, first.DischargeReason));
        Assert.Equal(CarePathway.Adult, first.Pathway);
        var intervention = Assert.Single(first.Interventions);
        Assert.Equal((InterventionType.Psychosocial, InterventionSetting.Community, Today.AddDays(-230), Today.AddDays(-20)),
            (intervention.Type, intervention.Setting, intervention.StartDate, intervention.EndDate));
        Assert.Equal([(Today.AddDays(-200), ContactChannel.FaceToFace), (Today.AddDays(-150), ContactChannel.Online)],
            first.Contacts.OrderBy(c => c.Date).Select(c => (c.Date, c.Channel)));
        Assert.All(first.Contacts, c => Assert.True(c.Attended));
        Assert.Equal([ReviewStage.Start, ReviewStage.Review, ReviewStage.Exit], first.OutcomeReviews.OrderBy(r => r.Date).Select(r => r.Stage));
        var again = episodes[1];
        Assert.Equal((ReferralSource.Gp, Today, (DateOnly?)null), (again.ReferralSource, again.ReferralDate, again.TriageDate));
        Assert.Equal(first.PersonId, again.PersonId);
        Assert.Equal(first.ClientRecordId, again.ClientRecordId);
        Assert.True(await db.ChangeRecords.CountAsync(c => c.PersonId == first.PersonId) >= 10);

        // And `pathway export` carries exactly those records, in the exchange format's words.
        var exported = await ExportAsync(site.Server.DatabasePath, first.Source);
        string[] Rows(string file, string episodeRef) =>
            exported[file].Where(l => l.StartsWith(episodeRef + ",", StringComparison.Ordinal)).ToArray();
        var clientRef = (await db.ClientRecords.SingleAsync(c => c.Id == first.ClientRecordId)).ClientRef;
        var episodeRows = exported["episodes.csv"].Where(l => l.Split(',')[1] == clientRef).ToArray();
        Assert.Equal(2, episodeRows.Length);
        Assert.Contains(episodeRows, l => l.StartsWith($"{first.EpisodeRef},{clientRef},{first.ProviderCode},adult,{Iso(-240)},self,{Iso(-235)},alcohol,", StringComparison.Ordinal)
                                          && l.EndsWith($",{Iso(-20)},completed_alcohol_free", StringComparison.Ordinal));
        Assert.Contains(episodeRows, l => l.StartsWith($"{again.EpisodeRef},{clientRef},{again.ProviderCode},adult,{Iso(0)},gp,,alcohol,", StringComparison.Ordinal));
        Assert.Equal([$"{first.EpisodeRef},psychosocial,community,{Iso(-230)},{Iso(-20)}"], Rows("interventions.csv", first.EpisodeRef));
        Assert.Equal([$"{first.EpisodeRef},{Iso(-200)},face_to_face,Y,", $"{first.EpisodeRef},{Iso(-150)},online,Y,"],
            Rows("contacts.csv", first.EpisodeRef).Select(l => l[..(l.LastIndexOf(',') + 1)]));
        Assert.Equal(["start", "review", "exit"], Rows("reviews.csv", first.EpisodeRef).Select(l => l.Split(',')[2]));
        Assert.Empty(Rows("interventions.csv", again.EpisodeRef));
    }

    private static string Iso(int days) => Today.AddDays(days).ToString("yyyy-MM-dd");

    /// <summary>Runs `pathway export` as a data officer would, and reads back every file of the source's bundle.</summary>
    private static async Task<Dictionary<string, string[]>> ExportAsync(string database, string source)
    {
        var folder = Directory.CreateTempSubdirectory("pathway-export-").FullName;
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in new[] { Paths.PathwayDll, "export", folder, "--source", source, "--db", database }) start.ArgumentList.Add(arg);
        using var export = System.Diagnostics.Process.Start(start)!;
        var errors = await export.StandardError.ReadToEndAsync();
        await export.WaitForExitAsync();
        Assert.True(export.ExitCode == 0, errors);
        return Directory.GetFiles(Path.Combine(folder, source)).ToDictionary(f => Path.GetFileName(f), File.ReadAllLines);
    }
}
