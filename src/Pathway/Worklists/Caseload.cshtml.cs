using Pathway.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Worklists;

[Authorize(Policy = Policies.CaseWork)]
public class CaseloadModel(PathwayDb db, RecordAccess access) : PageModel
{
    public List<CaseloadRow> Rows { get; private set; } = [];
    public bool DueOnly { get; private set; }

    public async Task OnGetAsync(bool due, CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        DueOnly = due;
        var today = HttpContext.Today();
        // Managers see the whole service's caseload; workers their own.
        Rows = await Worklist.CaseloadAsync(db, worker, worker.IsManager ? null : worker.Id, today, cancel);
        // Overdue first, then those falling due within 30 days.
        if (due) Rows = Rows.Where(r => r.ReviewDue || r.ReviewDueSoon).OrderBy(r => !r.ReviewDue).ThenBy(r => r.Name).ToList();
        await access.ListedAsync(due ? "caseload-reviews-due" : "caseload", Rows.Count, cancel);
    }
}
