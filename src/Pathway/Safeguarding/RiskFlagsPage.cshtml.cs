using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Safeguarding;

/// <summary>
/// The client's risk and safeguarding flags, seen and changed from their case. The page binds and shows; the
/// rules, scope and save are the action's.
/// </summary>
public class RiskFlagsPageModel(PathwayDb db, RecordAccess access) : CaseFormModel(db)
{
    [BindProperty] public RiskFlagsInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var held = await Db.RiskFlags.AsNoTracking().SingleOrDefaultAsync(f => f.ClientRecordId == Episode.ClientRecordId, cancel);
        if (held is not null) Input = RiskFlagsInput.Of(held);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await ActAsync(mode => RiskFlagRecords.SaveAsync(Db, access, Worker, Id, Version, Input, cancel, mode), cancel, nameof(Input));
    }
}
