using Pathway.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Worklists;

[Authorize(Policy = Policies.CaseWork)]
public class CaseloadModel(PathwayDb db, RecordAccess access, TimeProvider time) : PageModel
{
    public List<CaseloadRow> Rows { get; private set; } = [];
    public bool DueOnly { get; private set; }
    /// <summary>Concerns peer mentors raised about the worker's own cases, until the worker marks them seen.</summary>
    public List<PeerMentors.ConcernAlert> Concerns { get; private set; } = [];
    /// <summary>Each row's risk and safeguarding flags, as tags.</summary>
    public Dictionary<int, List<Safeguarding.FlagTag>> Flags { get; private set; } = [];

    public async Task OnGetAsync(bool due, CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        DueOnly = due;
        var today = HttpContext.Today();
        // Managers see the whole service's caseload; workers their own.
        Rows = await Worklist.CaseloadAsync(db, worker, worker.IsManager ? null : worker.Id, today, cancel);
        // Overdue first, then those falling due within 30 days.
        if (due) Rows = Rows.Where(r => r.ReviewDue || r.ReviewDueSoon).OrderBy(r => !r.ReviewDue).ThenBy(r => r.Name).ToList();
        Flags = await Safeguarding.RiskFlagQueries.TagsByEpisodeAsync(db, Rows.Select(r => r.EpisodeId).ToList(), cancel);
        Concerns = await PeerMentors.PeerConcerns.OpenForAsync(db, await access.EpisodesAsync(cancel), worker.Id, cancel);
        await access.ListedAsync(due ? "caseload-reviews-due" : "caseload", Rows.Count + Concerns.Count, cancel);
    }

    /// <summary>The key worker has seen a mentor's concern (and acted on it): it leaves the list, and the case's history says so.</summary>
    public async Task<Microsoft.AspNetCore.Mvc.IActionResult> OnPostSeenAsync(int concernId, CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        if (!await PeerMentors.PeerConcerns.MarkSeenAsync(db, await access.EpisodesAsync(cancel), worker, concernId, time.GetUtcNow(), cancel))
            return NotFound();
        return Redirect("/caseload");
    }
}
