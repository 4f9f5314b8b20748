using Pathway.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.Teams;

public sealed record StaffRow(string Name, string Roles, Employment Employment, string? Team);

public sealed record Headcount(string Month, int Employed, int Agency, int Volunteer);

/// <summary>
/// The staff list with employment status, and headcount by month. Headcount over time is drawn from the staff
/// who were key workers or peer mentors on a case in each month: accounts have no start or leaving date yet.
/// </summary>
[Authorize(Policy = Policies.CaseWork, Roles = Roles.TeamManager)]
public class StaffModel(PathwayDb db) : PageModel
{
    public List<StaffRow> Staff { get; private set; } = [];
    public List<Headcount> Months { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        var users = await db.Users.AsNoTracking().Where(u => u.ProviderCode == worker.ProviderCode)
            .Select(u => new { u.Id, u.DisplayName, u.Employment, u.TeamId }).ToListAsync(cancel);
        var roles = await db.UserRoles.Join(db.Roles, ur => ur.RoleId, r => r.Id, (ur, r) => new { ur.UserId, r.Name }).ToListAsync(cancel);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(t => t.Id, t => t.Name, cancel);
        Staff = users.Select(u => new StaffRow(u.DisplayName,
                string.Join(", ", roles.Where(r => r.UserId == u.Id).Select(r => Access.Roles.Describe(r.Name!))),
                u.Employment, u.TeamId is { } t ? teams.GetValueOrDefault(t) : null))
            .OrderBy(s => s.Name).ToList();

        var today = HttpContext.Today();
        var employment = users.ToDictionary(u => u.Id, u => u.Employment);
        var spans = await db.Episodes.AsNoTracking().VisibleTo(worker).Where(e => e.KeyWorkerId != null)
            .Select(e => new { e.KeyWorkerId, From = e.ReferralDate, Until = e.DischargeDate }).ToListAsync(cancel);
        for (var m = 11; m >= 0; m--)
        {
            var first = new DateOnly(today.Year, today.Month, 1).AddMonths(-m);
            var last = first.AddMonths(1).AddDays(-1);
            var active = spans.Where(s => s.From <= last && (s.Until is null || s.Until >= first)).Select(s => s.KeyWorkerId!).Distinct()
                .Where(employment.ContainsKey).ToList();
            Months.Add(new Headcount(first.ToString("MMM yyyy"), active.Count(a => employment[a] == Employment.Employed),
                active.Count(a => employment[a] == Employment.Agency), active.Count(a => employment[a] == Employment.Volunteer)));
        }
    }
}
