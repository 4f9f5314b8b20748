using System.IO.Compression;
using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class SubjectAccessTests
{
    [Theory, DatabaseData]
    public async Task AManagerDownloadsEverythingHeldAboutAPersonAndTheDownloadIsAudited(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 60, Years: 3, Seed: 21), new DateOnly(2026, 11, 23));
        await using var site = await TestSite.StartAsync(database.Target);
        await using var db = database.Open();
        var person = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Incoming.Code && e.Contacts.Any() && e.Prescriptions.Any())
            .Select(e => new { e.PersonId, Episodes = db.Episodes.Count(x => x.PersonId == e.PersonId && x.ProviderCode == DemoArea.Incoming.Code) })
            .FirstAsync();
        var elsewhere = await db.Episodes.Where(e => e.ProviderCode == DemoArea.Outgoing.Code)
            .Where(e => !db.Episodes.Any(n => n.PersonId == e.PersonId && n.ProviderCode == DemoArea.Incoming.Code))
            .Select(e => e.PersonId).FirstAsync();
        using var manager = site.NewClient();
        await TestSite.SignInAsync(manager, DemoArea.SignIns.Single(u => u.Role == Roles.TeamManager).Email, DemoArea.Password);
        using var worker = site.NewClient();
        await TestSite.SignInAsync(worker, DemoArea.SignIns.Single(u => u.Role == Roles.RecoveryWorker).Email, DemoArea.Password);

        var download = await manager.GetAsync($"/clients/{person.PersonId}/subject-access?handler=Download");

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("application/zip", download.Content.Headers.ContentType!.MediaType);
        using var zip = new ZipArchive(await download.Content.ReadAsStreamAsync());
        Assert.Equal(["data.json", "summary.html"], zip.Entries.Select(e => e.FullName).Order());
        using var json = await JsonDocument.ParseAsync(zip.GetEntry("data.json")!.Open());
        Assert.Equal(person.PersonId, json.RootElement.GetProperty("person").GetProperty("Id").GetInt32());
        Assert.Equal(person.Episodes, json.RootElement.GetProperty("episodes").GetArrayLength());
        Assert.True(json.RootElement.GetProperty("contacts").GetArrayLength() > 0);
        var prescriptions = await db.Prescriptions.CountAsync(p => p.Episode.PersonId == person.PersonId && p.Episode.ProviderCode == DemoArea.Incoming.Code);
        Assert.True(prescriptions > 0);
        Assert.Equal(prescriptions, json.RootElement.GetProperty("prescriptions").GetArrayLength());
        Assert.Equal(await db.HarmReductionEvents.CountAsync(h => h.Episode.PersonId == person.PersonId && h.Episode.ProviderCode == DemoArea.Incoming.Code),
            json.RootElement.GetProperty("harmReductionEvents").GetArrayLength());
        // What the pharmacy and the prescriber recorded, and the flags on the client record, are held about the person too.
        Assert.Equal(await db.PrescriptionForms.CountAsync(f => f.Prescription.Episode.PersonId == person.PersonId && f.Prescription.Episode.ProviderCode == DemoArea.Incoming.Code),
            json.RootElement.GetProperty("prescriptionForms").GetArrayLength());
        Assert.Equal(await db.DoseRecords.CountAsync(d => d.Prescription.Episode.PersonId == person.PersonId && d.Prescription.Episode.ProviderCode == DemoArea.Incoming.Code),
            json.RootElement.GetProperty("doseRecords").GetArrayLength());
        Assert.Equal(await db.DispensingReviews.CountAsync(r => r.Episode.PersonId == person.PersonId && r.Episode.ProviderCode == DemoArea.Incoming.Code),
            json.RootElement.GetProperty("dispensingReviews").GetArrayLength());
        Assert.Equal(await db.RiskFlags.CountAsync(f => db.Episodes.Any(e => e.ClientRecordId == f.ClientRecordId && e.PersonId == person.PersonId && e.ProviderCode == DemoArea.Incoming.Code)),
            json.RootElement.GetProperty("riskFlags").GetArrayLength());
        Assert.True(await db.AuditEvents.AnyAsync(e => e.Action == AuditActions.Export && e.PersonId == person.PersonId));

        // Another provider's person is not found; a recovery worker may not answer subject access requests.
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/clients/{elsewhere}/subject-access?handler=Download")).StatusCode);
        var refused = await worker.GetAsync($"/clients/{person.PersonId}/subject-access?handler=Download");
        Assert.Contains("status=403", refused.Headers.Location!.ToString());
    }
}
