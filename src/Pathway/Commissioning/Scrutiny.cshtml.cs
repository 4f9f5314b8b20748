using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Data;

namespace Pathway.Commissioning;

/// <summary>The printable scrutiny report: the same rendering as `pathway report --format html`.</summary>
[Authorize(Policy = Policies.Performance)]
public class ScrutinyPageModel(PathwayDb db, UserManager<StaffUser> users) : PageModel
{
    public PerformanceSelection Selection { get; private set; } = null!;
    public ScrutinyModel Scrutiny { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancel)
    {
        Selection = await PerformanceSelection.ResolveAsync(Request, await users.GetUserAsync(User), db, cancel);
        Scrutiny = await ScrutinyReport.BuildAsync(db, Selection.Query, cancel);
    }
}
