using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Prescribing;

/// <summary>A prescriber's review after a missed-dose stop: dispensing may restart, and the alerts go.</summary>
[Authorize(Policy = Policies.Prescribing)]
public class DispensingReviewPageModel(PathwayDb db) : CaseFormModel(db)
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
        Db.DispensingReviews.Add(new DispensingReview
        {
            EpisodeId = Id, At = Infrastructure.Clock.Time(HttpContext).GetUtcNow(),
            ReviewedById = Worker.Id, ReviewedByName = Worker.Name,
        });
        return await SaveAsync(cancel);
    }
}
