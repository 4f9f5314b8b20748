using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Prescribing;

/// <summary>A prescription's issued forms, and issuing the next one under the serial number printed on the pad.</summary>
[Authorize(Policy = Policies.Prescribing)]
public class FormsPageModel(PathwayDb db, Prescribe prescribe) : CaseFormModel(db)
{
    [BindProperty(SupportsGet = true)] public int PrescriptionId { get; set; }
    [BindProperty, Display(Name = "Serial number")] public string? SerialNumber { get; set; }
    [BindProperty, Display(Name = "First day of supply")] public DateOnly? FirstDay { get; set; }
    [BindProperty, Display(Name = "Last day of supply")] public DateOnly? LastDay { get; set; }
    public Prescription Prescription { get; private set; } = null!;
    public List<PrescriptionForm> Issued { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel) || !await LoadPageAsync(cancel)) return NotFound();
        (FirstDay, LastDay) = Prescribe.NextSupply(Prescription, Today);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true) || !await LoadPageAsync(cancel)) return NotFound();
        if (!ModelState.IsValid) return Page();
        var outcome = await prescribe.IssueFormAsync(User, Id, Version, PrescriptionId, SerialNumber, FirstDay, LastDay, cancel);
        // The issued form's printable page, not the case: it is printed at once.
        if (outcome is CaseOutcome.Saved saved) return Redirect($"/episodes/{Id}/prescription-forms/{saved.Id}");
        return await AnswerAsync(outcome, cancel, reloadForPage: () => LoadPageAsync(cancel));
    }

    private async Task<bool> LoadPageAsync(CancellationToken cancel)
    {
        var prescription = await Db.Prescriptions.AsNoTracking().SingleOrDefaultAsync(p => p.Id == PrescriptionId && p.EpisodeId == Id, cancel);
        if (prescription is null) return false;
        Prescription = prescription;
        Issued = await Db.PrescriptionForms.AsNoTracking().Where(f => f.PrescriptionId == PrescriptionId).OrderBy(f => f.Id).ToListAsync(cancel);
        return true;
    }
}
