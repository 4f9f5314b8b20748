using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Teams;

/// <summary>A team manager's view: every open episode, by key worker and by whether it is triaged yet.</summary>
[Authorize(Policy = Policies.CaseWork, Roles = Roles.TeamManager)]
public class TeamModel(PathwayDb db) : PageModel
{
    public TeamCaseloads Caseloads { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var manager = await Caseworker.CurrentAsync(db, User, cancel);
        Caseloads = await TeamCaseloads.OfAsync(db, manager, HttpContext.Today(), cancel);
    }
}
