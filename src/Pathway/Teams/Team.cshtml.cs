using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Teams;

public sealed record WorkerLoad(string Name, Employment Employment, int Open, int ReviewsDue);

/// <summary>A team manager's view: open cases per key worker, and what is not allocated.</summary>
[Authorize(Policy = Policies.CaseWork, Roles = Roles.TeamManager)]
public class TeamModel(PathwayDb db) : PageModel
{
    public List<WorkerLoad> Workers { get; private set; } = [];
    public int Unallocated { get; private set; }

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        var today = DateOnly.FromDateTime(DateTime.Now);
        var caseload = await Worklists.Worklist.CaseloadAsync(db, worker, null, today, cancel);
        var keyWorkers = await db.Episodes.AsNoTracking().VisibleTo(worker).Where(e => e.DischargeDate == null && e.TriageDate != null)
            .Select(e => new { e.Id, e.KeyWorkerId }).ToDictionaryAsync(e => e.Id, e => e.KeyWorkerId, cancel);
        var staff = await db.Users.AsNoTracking().Where(u => u.ProviderCode == worker.ProviderCode)
            .Join(db.UserRoles, u => u.Id, ur => ur.UserId, (u, ur) => new { u, ur.RoleId })
            .Join(db.Roles.Where(r => r.Name == Roles.RecoveryWorker), x => x.RoleId, r => r.Id, (x, r) => x.u)
            .Select(u => new { u.Id, u.DisplayName, u.Employment }).ToListAsync(cancel);
        Workers = staff.Select(s =>
        {
            var mine = caseload.Where(c => keyWorkers.GetValueOrDefault(c.EpisodeId) == s.Id).ToList();
            return new WorkerLoad(s.DisplayName, s.Employment, mine.Count, mine.Count(c => c.ReviewDue));
        }).OrderByDescending(w => w.Open).ThenBy(w => w.Name).ToList();
        Unallocated = caseload.Count(c => keyWorkers.GetValueOrDefault(c.EpisodeId) is null);
    }
}
