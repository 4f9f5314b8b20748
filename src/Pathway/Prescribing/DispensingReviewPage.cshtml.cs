using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Prescribing;

/// <summary>A prescriber's review after a missed-dose stop: dispensing may restart, and the alerts go.</summary>
[Authorize(Policy = Policies.Prescribing)]
public class DispensingReviewPageModel(PathwayDb db, Prescribe prescribe) : CaseFormModel(db)
{
    public bool Stopped { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        Stopped = (await DispensingStops.StoppedAsync(Db, Db.Episodes.Where(e => e.Id == Id), Today, cancel)).Count > 0;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        return await AnswerAsync(await prescribe.ReviewDispensingAsync(User, Id, Version, cancel), cancel);
    }
}
