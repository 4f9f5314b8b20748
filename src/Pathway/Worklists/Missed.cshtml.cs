using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Worklists;

[Authorize(Policy = Policies.CaseWork)]
public class MissedModel(PathwayDb db, RecordAccess access) : PageModel
{
    public List<MissedRow> Rows { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        Rows = await Worklist.MissedAsync(db, worker, worker.IsManager ? null : worker.Id, cancel);
        await access.ListedAsync("did-not-attend", Rows.Count, cancel);
    }
}
