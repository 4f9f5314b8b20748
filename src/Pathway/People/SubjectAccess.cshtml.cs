using Pathway.Infrastructure;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.People;

/// <summary>
/// UK GDPR article 15: everything the service holds about one person, within the requesting provider's scope
/// (the provider is the controller answering the request). The scope check and the audit entry come from
/// <see cref="AuditedRecordAttribute"/>, like every record page.
/// </summary>
[Authorize(Policy = Policies.DataProtection)]
[AuditedRecord(AuditedRecordTypes.Person)]
public class SubjectAccessModel(PathwayDb db, RecordAccess access, AuditTrail audit) : PageModel
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
    };

    [BindProperty(SupportsGet = true)] public int Id { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnGetDownloadAsync(CancellationToken cancel)
    {
        var episodes = (await access.EpisodesAsync(cancel)).AsNoTracking().Where(e => e.PersonId == Id);
        // The provider answers for what it holds: its own episodes' changes, and the trail as its managers may read it.
        var trail = await access.TrailOfAsync(Id, cancel);
        if (trail is null) return NotFound();
        var episodeIds = episodes.Select(e => e.Id);
        var clientIds = episodes.Select(e => e.ClientRecordId);

        var held = new Dictionary<string, object>
        {
            ["person"] = await db.People.AsNoTracking().Where(p => p.Id == Id)
                .Select(p => new { p.Id, p.Initials, p.DateOfBirth, p.Sex }).SingleAsync(cancel),
            ["clientRecords"] = await db.ClientRecords.AsNoTracking().Where(c => clientIds.Contains(c.Id)).ToListAsync(cancel),
            // Contact details and demographics: everything the record holds, without the navigation back to it.
            ["contactDetails"] = await db.ClientContacts.AsNoTracking().Where(c => clientIds.Contains(c.ClientRecordId)).OrderBy(c => c.ClientRecordId)
                .Select(c => new
                {
                    c.ClientRecordId, c.AddressLine1, c.AddressLine2, c.Town, c.Postcode, c.Phone, c.Email,
                    c.ContactBy, c.VoicemailOk, c.TextOk, c.SafeTimes, c.SafeContactNote, c.GpPractice, c.GpOdsCode,
                    c.NextOfKinName, c.NextOfKinRelationship, c.NextOfKinPhone,
                    c.Ethnicity, c.SexualOrientation, c.Religion, c.Disability, c.DisabilityType, c.Pregnant,
                    c.ParentalResponsibility, c.ChildrenLivingWith,
                }).ToListAsync(cancel),
            ["episodes"] = await episodes.ToListAsync(cancel),
            ["interventions"] = await db.Interventions.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["contacts"] = await db.Contacts.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["outcomeReviews"] = await db.OutcomeReviews.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["prescriptions"] = await db.Prescriptions.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["harmReductionEvents"] = await db.HarmReductionEvents.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["prescriptionForms"] = await db.PrescriptionForms.AsNoTracking().Where(x => episodeIds.Contains(x.Prescription.EpisodeId)).OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.PrescriptionId, x.SerialNumber, x.FirstDay, x.LastDay, x.IssuedAt, x.IssuedByName }).ToListAsync(cancel),
            ["doseRecords"] = await db.DoseRecords.AsNoTracking().Where(x => episodeIds.Contains(x.Prescription.EpisodeId)).OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.PrescriptionId, x.Date, x.Outcome, x.RecordedByName, x.RecordedAt }).ToListAsync(cancel),
            ["dispensingReviews"] = await db.DispensingReviews.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.EpisodeId, x.At, x.ReviewedByName }).ToListAsync(cancel),
            ["riskFlags"] = await db.RiskFlags.AsNoTracking().Where(x => clientIds.Contains(x.ClientRecordId)).OrderBy(x => x.ClientRecordId)
                .Select(x => new
                {
                    x.ClientRecordId, x.ChildrenInHousehold, x.ChildrenCount, x.DomesticAbuse, x.MaracReferralDate, x.OverdoseRisk, x.OverdoseRiskReason,
                }).ToListAsync(cancel),
            ["screenings"] = await db.Screenings.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["riskAssessments"] = await db.RiskAssessments.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["recoveryGoals"] = await db.RecoveryGoals.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["appointments"] = await db.Appointments.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["aftercarePlans"] = await db.AftercarePlans.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["peerMentoring"] = await db.PeerMentorings.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).ToListAsync(cancel),
            ["caseNotes"] = await db.CaseNotes.AsNoTracking().Where(x => episodeIds.Contains(x.EpisodeId)).OrderBy(x => x.Id)
                .Select(x => new { x.Id, x.EpisodeId, x.Date, x.Kind, x.Text, x.ContactId, x.AuthorName, x.WrittenAt }).ToListAsync(cancel),
            ["carers"] = await db.Carers.AsNoTracking().Where(x => clientIds.Contains(x.ClientRecordId)).ToListAsync(cancel),
            ["changeHistory"] = await db.ChangeRecords.AsNoTracking()
                .Where(x => x.PersonId == Id && x.EpisodeId != null && episodeIds.Contains(x.EpisodeId.Value)).OrderBy(x => x.Id)
                .Select(x => new { x.At, x.ByName, x.Summary, x.Changes, x.EpisodeId }).ToListAsync(cancel),
            ["accessLog"] = await trail.OrderBy(x => x.Id)
                .Select(x => new { x.At, x.UserName, x.Action, x.RecordType, x.RecordId, x.Outcome }).ToListAsync(cancel),
        };
        await audit.RecordAsync(AuditActions.Export, AuditOutcomes.Allowed, AuditedRecordTypes.Person, Id.ToString(), Id, cancel: cancel);

        using var zip = new MemoryStream();
        using (var archive = new ZipArchive(zip, ZipArchiveMode.Create, leaveOpen: true))
        {
            await using (var data = archive.CreateEntry("data.json").Open())
                await JsonSerializer.SerializeAsync(data, held, Json, cancel);
            await using var summary = new StreamWriter(archive.CreateEntry("summary.html").Open(), Encoding.UTF8);
            await summary.WriteAsync(Summary(held));
        }
        return File(zip.ToArray(), "application/zip", $"subject-access-person-{Id}.zip");
    }

    /// <summary>A readable front page for the person receiving the data: what each part holds, and how many.</summary>
    private string Summary(Dictionary<string, object> held)
    {
        var rows = new StringBuilder();
        foreach (var (part, value) in held)
        {
            var count = value is System.Collections.ICollection c ? c.Count : 1;
            rows.Append($"<tr><td>{WebUtility.HtmlEncode(part)}</td><td>{count}</td></tr>");
        }
        return $"""
            <!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8"><title>Your records</title></head><body>
            <h1>The records this service holds about you</h1>
            <p>Prepared on {HttpContext.Today():d MMMM yyyy}. The full data is in data.json; this table says what each part holds.</p>
            <table><thead><tr><th>Part</th><th>Items</th></tr></thead><tbody>{rows}</tbody></table>
            </body></html>
            """;
    }
}
