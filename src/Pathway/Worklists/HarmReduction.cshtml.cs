using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Worklists;

[Authorize(Policy = Policies.CaseWork)]
public class HarmReductionModel(PathwayDb db, RecordAccess access) : PageModel
{
    public List<HarmReductionRow> Rows { get; private set; } = [];
    public bool Everyone { get; private set; }
    public DateOnly Today { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        Today = HttpContext.Today();
        // As the caseload: managers see the whole service's open cases, workers their own.
        Everyone = worker.IsManager;
        Rows = await HarmReductionWorklist.ListAsync(db, worker, worker.IsManager ? null : worker.Id, Today, cancel);
        await access.ListedAsync("harm-reduction", Rows.Count, cancel);
    }
}
