using System.Net;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Prescribing;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Prescribing;

/// <summary>
/// The prescriber, the pharmacist and the key worker over HTTP on both databases: the rules refuse and save nothing, a
/// titration step ends the last, a serial is issued once, a pharmacist reaches only their own pharmacy's doses, and three
/// misses in a row stop dispensing until a prescriber reviews.
/// </summary>
public class ClinicJourneyTests
{
    private static readonly DateOnly Today = Pathway.Infrastructure.Clock.Today(TimeProvider.System);

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<HttpClient> SignedInAsync(TestSite site, string role)
    {
        var client = site.NewClient();
        await TestSite.SignInAsync(client, DemoArea.SignIns.Single(s => s.Role == role).Email, DemoArea.Password);
        return client;
    }

    private static async Task<(HttpStatusCode Status, string Page)> PostAsync(HttpClient client, string page, Dictionary<string, string> fields)
    {
        var response = await TestSite.PostCaseFormAsync(client, page, fields);
        return (response.StatusCode, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync()));
    }

    private static Dictionary<string, string> Methadone(decimal dose, DateOnly start, DateOnly? end = null, string pharmacy = "FX001") => new()
    {
        ["Medicine"] = nameof(Medicine.MethadoneOralSolution), ["DoseMg"] = dose.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["DoseIntervalDays"] = "1", ["StartDate"] = Iso(start), ["EndDate"] = end is { } e ? Iso(e) : "", ["InstalmentDaysPerWeek"] = "7",
        ["SupervisedDaysPerWeek"] = "7", ["PharmacyOdsCode"] = pharmacy, ["Reason"] = "",
    };

    /// <summary>An open episode of the demo worker's provider with no prescription, referred long enough ago for a back-dated titration.</summary>
    private static async Task<int> UnprescribedEpisodeAsync(Pathway.Data.PathwayDb db) =>
        await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.DischargeDate == null && e.TriageDate != null
                && e.ReferralDate <= Today.AddDays(-28) && !e.Prescriptions.Any())
            .OrderBy(e => e.Id).Select(e => e.Id).FirstAsync();

    [Theory, DatabaseData]
    public async Task APrescriberTitratesWithinTheRulesAndAWorkerOnlyReads(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 5), Today);
        await using var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var id = await UnprescribedEpisodeAsync(db);
        var prescriber = await SignedInAsync(site, Roles.Prescriber);
        var worker = await SignedInAsync(site, Roles.RecoveryWorker);

        // A methadone start above 30 mg without a reason, and an unknown pharmacy: refused, nothing saved.
        var refused = Methadone(40, Today.AddDays(-10));
        refused["PharmacyOdsCode"] = "FZ999";
        var (status, page) = await PostAsync(prescriber, $"/episodes/{id}/prescriptions", refused);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Contains("Select the pharmacy from the list", page);
        (status, page) = await PostAsync(prescriber, $"/episodes/{id}/prescriptions", Methadone(40, Today.AddDays(-10)));
        Assert.Contains("Reason is above 30 mg a day for a methadone start", page);
        Assert.Equal(0, await db.Prescriptions.CountAsync(p => p.EpisodeId == id));

        // 30 mg starts; the worker sees it on the case page and may not prescribe.
        (status, _) = await PostAsync(prescriber, $"/episodes/{id}/prescriptions", Methadone(30, Today.AddDays(-10)));
        Assert.Equal(HttpStatusCode.Redirect, status);
        var first = await db.Prescriptions.AsNoTracking().SingleAsync(p => p.EpisodeId == id);
        var casePage = WebUtility.HtmlDecode(await worker.GetStringAsync($"/episodes/{id}"));
        Assert.Contains("Current dose:", casePage);
        Assert.Contains("30 mg daily", casePage);
        Assert.DoesNotContain("Start a prescription", casePage);
        var denied = await worker.GetAsync($"/episodes/{id}/prescriptions");
        Assert.True(denied.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect or HttpStatusCode.NotFound, $"{denied.StatusCode}");

        // A second methadone over the same days overlaps; a dose above the usual maximum needs a reason.
        (_, page) = await PostAsync(prescriber, $"/episodes/{id}/prescriptions", Methadone(30, Today.AddDays(-2)));
        Assert.Contains("must not overlap another prescription of the same medicine", page);
        (_, page) = await PostAsync(prescriber, $"/episodes/{id}/prescriptions/{first.Id}?change=dose", Methadone(130, Today.AddDays(-6)));
        Assert.Contains("Reason is above the usual maximum of 120 mg", page);
        Assert.Equal(1, await db.Prescriptions.CountAsync(p => p.EpisodeId == id));

        // The next step ends the first the day before it starts, and the history says so.
        (status, _) = await PostAsync(prescriber, $"/episodes/{id}/prescriptions/{first.Id}?change=dose", Methadone(40, Today.AddDays(-6)));
        Assert.Equal(HttpStatusCode.Redirect, status);
        var run = await db.Prescriptions.AsNoTracking().Where(p => p.EpisodeId == id).OrderBy(p => p.StartDate).ToListAsync();
        Assert.Equal([30m, 40m], run.Select(p => p.DoseMg));
        Assert.Equal(Today.AddDays(-7), run[0].EndDate);
        Assert.Null(run[1].EndDate);
        Assert.Equal("Dr Max Adeyemi", run[1].PrescriberName);
        Assert.True(await db.ChangeRecords.CountAsync(c => c.EpisodeId == id && c.Summary == "Prescription added") >= 2);
    }

    [Theory, DatabaseData]
    public async Task AFormsSerialNumberIsIssuedOnceAndAFormSuppliesAtMost14Days(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 5), Today);
        await using var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var id = await UnprescribedEpisodeAsync(db);
        var prescriber = await SignedInAsync(site, Roles.Prescriber);
        await PostAsync(prescriber, $"/episodes/{id}/prescriptions", Methadone(30, Today));
        var prescription = await db.Prescriptions.AsNoTracking().SingleAsync(p => p.EpisodeId == id);
        var forms = $"/episodes/{id}/prescriptions/{prescription.Id}/forms";

        var (_, page) = await PostAsync(prescriber, forms, new() { ["FirstDay"] = Iso(Today), ["LastDay"] = Iso(Today.AddDays(14)), ["SerialNumber"] = "0123456789" });
        Assert.Contains("Last day of supply must be at most 14 days after the first day of supply", page);
        var (status, _) = await PostAsync(prescriber, forms, new() { ["FirstDay"] = Iso(Today), ["LastDay"] = Iso(Today.AddDays(13)), ["SerialNumber"] = "01234 56789" });
        Assert.Equal(HttpStatusCode.Redirect, status);
        (_, page) = await PostAsync(prescriber, forms, new() { ["FirstDay"] = Iso(Today), ["LastDay"] = Iso(Today.AddDays(6)), ["SerialNumber"] = "0123456789" });
        Assert.Contains("Serial number 0123456789 has already been issued", page);

        var issued = await db.PrescriptionForms.AsNoTracking().SingleAsync();
        Assert.Equal("0123456789", issued.SerialNumber);
        var print = WebUtility.HtmlDecode(await prescriber.GetStringAsync($"/episodes/{id}/prescription-forms/{issued.Id}"));
        Assert.Contains("420 ml", print);
        Assert.Contains("four hundred and twenty ml", print);
        Assert.Contains("Signature of prescriber", print);
        Assert.Contains("0123456789", print);
        // The print is on the client's audit trail as a look at the episode.
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Path == $"/episodes/{id}/prescription-forms/{issued.Id}" && e.Action == "view"));
    }

    [Theory, DatabaseData]
    public async Task APharmacistSeesOnlyTheirPharmacysDosesAndThreeMissesStopDispensingUntilAReview(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 40, Years: 2, Seed: 5), Today);
        await using var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var id = await UnprescribedEpisodeAsync(db);
        var prescriber = await SignedInAsync(site, Roles.Prescriber);
        var pharmacist = await SignedInAsync(site, Roles.Pharmacist);
        await PostAsync(prescriber, $"/episodes/{id}/prescriptions", Methadone(30, Today.AddDays(-6)));
        var prescription = await db.Prescriptions.AsNoTracking().SingleAsync(p => p.EpisodeId == id);
        var elsewhere = await db.Prescriptions.AsNoTracking().Where(p => p.PharmacyOdsCode == "FX002" && p.EndDate == null).Select(p => p.Id).FirstAsync();

        // Nothing but the dose list: no case page, no caseload, no other pharmacy's dose.
        Assert.NotEqual(HttpStatusCode.OK, (await pharmacist.GetAsync($"/episodes/{id}")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await pharmacist.GetAsync("/caseload")).StatusCode);
        async Task<HttpStatusCode> RecordAsync(int prescriptionId, DateOnly day, string outcome) =>
            (await TestSite.PostFormAsync(pharmacist, "/pharmacy", "/pharmacy?handler=Record", new()
            {
                ["prescriptionId"] = prescriptionId.ToString(System.Globalization.CultureInfo.InvariantCulture), ["date"] = Iso(day), ["outcome"] = outcome,
            })).StatusCode;
        Assert.Equal(HttpStatusCode.NotFound, await RecordAsync(elsewhere, Today, "Missed"));
        Assert.False(await db.DoseRecords.AnyAsync(d => d.PrescriptionId == elsewhere && d.Date == Today));
        var list = WebUtility.HtmlDecode(await pharmacist.GetStringAsync("/pharmacy"));
        var episodeRef = await db.Episodes.Where(e => e.Id == id).Select(e => e.EpisodeRef).SingleAsync();
        Assert.DoesNotContain(episodeRef, list);

        // Two misses, a collection and two misses: no stop. A third miss in a row: stopped.
        var day = Today.AddDays(-6);
        foreach (var outcome in new[] { "Missed", "Missed", "Collected", "Missed", "Missed" })
        {
            Assert.Equal(HttpStatusCode.Redirect, await RecordAsync(prescription.Id, day, outcome));
            day = day.AddDays(1);
        }
        Assert.DoesNotContain("Dispensing stopped", WebUtility.HtmlDecode(await prescriber.GetStringAsync($"/episodes/{id}")));
        Assert.Equal(HttpStatusCode.Redirect, await RecordAsync(prescription.Id, day, "Missed"));
        Assert.Contains("Dispensing stopped", WebUtility.HtmlDecode(await prescriber.GetStringAsync($"/episodes/{id}")));
        Assert.Contains(DispensingRules.DoNotDispense, WebUtility.HtmlDecode(await pharmacist.GetStringAsync("/pharmacy")));
        // Today's dose cannot be handed out while stopped.
        Assert.NotEqual(HttpStatusCode.Redirect, await RecordAsync(prescription.Id, Today, "Collected"));
        Assert.True(await db.AuditEvents.CountAsync(e => e.RecordId!.StartsWith("pharmacy:FX001")) >= 3);

        // A prescriber's review restarts dispensing.
        var (status, _) = await PostAsync(prescriber, $"/episodes/{id}/dispensing-review", new());
        Assert.Equal(HttpStatusCode.Redirect, status);
        Assert.DoesNotContain("Dispensing stopped", WebUtility.HtmlDecode(await prescriber.GetStringAsync($"/episodes/{id}")));
        Assert.Equal(HttpStatusCode.Redirect, await RecordAsync(prescription.Id, Today, "Collected"));
    }
}
