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
        return await ActAsync(mode => HarmReductionRecords.RecordAsync(Db, access, Worker, Id, Version, Input, cancel, mode), cancel,
            nameof(Input), "harm-reduction");
    }
}
