using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Worklists;

[Authorize(Policy = Policies.CaseWork)]
public class WaitingModel(PathwayDb db) : PageModel
{
    public List<WaitingRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        Rows = await Worklist.WaitingAsync(db, worker, DateOnly.FromDateTime(DateTime.Now), cancel);
    }
}
