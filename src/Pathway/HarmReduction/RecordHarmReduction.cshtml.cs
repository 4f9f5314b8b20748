using Microsoft.AspNetCore.Mvc;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.HarmReduction;

/// <summary>Records a naloxone kit, needle pack, test or vaccination dose: a thin caller of <see cref="HarmReductionRecords.RecordAsync"/>.</summary>
public class RecordHarmReductionModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty] public HarmReductionInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        Input.Date = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        // What failed to bind (a date that is not one, a tampered choice) keeps its own message; the rules add the rest, and nothing is saved.
        if (!ModelState.IsValid)
        {
            Show(HarmReductionRecords.Check(Input, Episode.ReferralDate, Episode.DischargeDate, Today));
            return Page();
        }
        switch (await HarmReductionRecords.RecordAsync(Db, access, Worker, Id, Version, Input, cancel))
        {
            case HarmReductionOutcome.Saved:
                return Redirect($"/episodes/{Id}#harm-reduction");
            case HarmReductionOutcome.Invalid invalid:
                Show(invalid.Messages);
                return Page();
            case HarmReductionOutcome.Stale:
                ModelState.AddModelError("", CaseSave.StaleMessage);
                Db.ChangeTracker.Clear();
                await LoadAsync(cancel);
                return Page();
            default:
                return NotFound();
        }
    }

    private void Show(IEnumerable<(string Field, string Message)> messages)
    {
        foreach (var (field, message) in messages)
            if (ModelState.GetFieldValidationState($"{nameof(Input)}.{field}") != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid)
                ModelState.AddModelError($"{nameof(Input)}.{field}", message);
    }
}
