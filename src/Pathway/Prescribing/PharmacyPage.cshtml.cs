using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Prescribing;

/// <summary>One dose at the pharmacy: who (first name, initials, date of birth: nothing clinical beyond the dose), what, and its state.</summary>
public sealed record PharmacyDose(
    int PrescriptionId, DateOnly Date, string FirstName, string Initials, DateOnly DateOfBirth, string Medicine, string Dose,
    bool Supervised, int DaysCovered, DoseOutcome? Outcome, bool DoNotDispense);

/// <summary>
/// A pharmacist's dose list: today's and the coming week's doses of the prescriptions naming their pharmacy, and the doses of
/// the past week still to record as collected or missed. Every view is audited as a list; every record as a change.
/// </summary>
[Authorize(Policy = Policies.Dispensing)]
public class PharmacyPageModel(PathwayDb db, RecordAccess access, AuditTrail audit) : PageModel
{
    /// <summary>How far back a dose not yet recorded may still be recorded (a late entry after a busy day).</summary>
    public const int RecordBackDays = 6;
    public const string NotThisPharmacy = "That dose is not one of your pharmacy's";

    public string? PharmacyName { get; private set; }
    public string? OdsCode { get; private set; }
    public List<PharmacyDose> Week { get; private set; } = [];
    public List<PharmacyDose> ToRecord { get; private set; } = [];
    public DateOnly Today { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel);

    public async Task<IActionResult> OnPostRecordAsync(int prescriptionId, DateOnly? date, DoseOutcome? outcome, CancellationToken cancel)
    {
        await LoadAsync(cancel, audited: false);
        var dose = ToRecord.FirstOrDefault(d => d.PrescriptionId == prescriptionId && d.Date == date);
        if (dose is null || outcome is null)
        {
            await access.RefusedAsync(nameof(Prescription), prescriptionId.ToString(System.Globalization.CultureInfo.InvariantCulture), cancel);
            return NotFound();
        }
        if (dose.DoNotDispense && outcome == DoseOutcome.Collected)
        {
            ModelState.AddModelError("", $"{DispensingRules.DoNotDispense}: this dose may not be dispensed until a prescriber reviews");
            await access.ListedAsync($"pharmacy:{OdsCode}", Week.Count + ToRecord.Count, cancel);
            return Page();
        }
        var episode = await db.Prescriptions.Where(p => p.Id == prescriptionId).Select(p => new { p.EpisodeId, p.Episode.PersonId }).SingleAsync(cancel);
        var id = User.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)!.Value;
        var name = await db.Users.Where(u => u.Id == id).Select(u => u.DisplayName).SingleAsync(cancel);
        var existing = await db.DoseRecords.SingleOrDefaultAsync(d => d.PrescriptionId == prescriptionId && d.Date == date, cancel);
        if (existing is null)
            db.DoseRecords.Add(existing = new DoseRecord { PrescriptionId = prescriptionId, Date = date!.Value, RecordedById = id, RecordedByName = name });
        (existing.Outcome, existing.RecordedAt, existing.RecordedById, existing.RecordedByName) = (outcome.Value, HttpContext.Time().GetUtcNow(), id, name);
        audit.Add(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Episode,
            episode.EpisodeId.ToString(System.Globalization.CultureInfo.InvariantCulture), episode.PersonId);
        await db.SaveChangesAsync(cancel);
        return Redirect("/pharmacy");
    }

    private async Task LoadAsync(CancellationToken cancel, bool audited = true)
    {
        Today = HttpContext.Today();
        OdsCode = await access.PharmacyAsync(cancel);
        if (OdsCode is null)
        {
            Message = "Your account names no pharmacy, so there are no doses to show. Ask the service to link your account to your pharmacy.";
            if (audited) await access.ListedAsync("pharmacy:none", 0, cancel);
            return;
        }
        PharmacyName = await db.Pharmacies.AsNoTracking().Where(p => p.OdsCode == OdsCode).Select(p => p.Name).SingleOrDefaultAsync(cancel);
        var from = Today.AddDays(-RecordBackDays);
        var to = Today.AddDays(6);
        var prescriptions = await (await access.DispensingAsync(cancel)).AsNoTracking()
            .Where(p => p.DoseIntervalDays == 1 && p.StartDate <= to && (p.EndDate == null || p.EndDate >= from))
            .Select(p => new
            {
                p.Id, p.EpisodeId, p.Medicine, p.DoseMg, p.StartDate, p.EndDate, p.InstalmentDaysPerWeek, p.SupervisedDaysPerWeek,
                FirstName = p.Episode.ClientRecord.GivenName, p.Episode.Person.Initials, p.Episode.Person.DateOfBirth,
            }).ToListAsync(cancel);
        var ids = prescriptions.Select(p => p.Id).ToList();
        var recorded = (await db.DoseRecords.AsNoTracking().Where(d => ids.Contains(d.PrescriptionId) && d.Date >= from && d.Date <= Today)
            .Select(d => new { d.PrescriptionId, d.Date, d.Outcome }).ToListAsync(cancel))
            .ToDictionary(d => (d.PrescriptionId, d.Date), d => d.Outcome);
        var episodeIds = prescriptions.Select(p => p.EpisodeId).Distinct().ToList();
        var stopped = await DispensingStops.StoppedAsync(db, db.Episodes.Where(e => episodeIds.Contains(e.Id)), Today, cancel);
        var doses = new List<PharmacyDose>();
        foreach (var p in prescriptions)
            for (var day = from; day <= to; day = day.AddDays(1))
            {
                if (day < p.StartDate || (p.EndDate is { } end && day > end) || DispensingRules.On(day, p.InstalmentDaysPerWeek, p.SupervisedDaysPerWeek) is not { } on)
                    continue;
                DoseOutcome? outcome = recorded.TryGetValue((p.Id, day), out var o) ? o : null;
                doses.Add(new PharmacyDose(p.Id, day, p.FirstName ?? "", p.Initials, p.DateOfBirth, Web.Words.Of(p.Medicine), PrescriptionText.Dose(p.DoseMg),
                    on.Supervised, on.DaysCovered, outcome, outcome is null && stopped.Contains(p.EpisodeId)));
            }
        Week = doses.Where(d => d.Date >= Today).OrderBy(d => d.Date).ThenBy(d => d.FirstName).ThenBy(d => d.Initials).ToList();
        ToRecord = doses.Where(d => d.Date <= Today && d.Outcome is null).OrderBy(d => d.Date).ThenBy(d => d.FirstName).ToList();
        if (audited) await access.ListedAsync($"pharmacy:{OdsCode}", Week.Count + ToRecord.Count, cancel);
    }
}
