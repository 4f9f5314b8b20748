using Pathway.Infrastructure;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.CarePlans;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.PeerMentors;

/// <summary>Only what a mentor needs: first name, coming appointments, goals. Nothing clinical is even queried.</summary>
public sealed record Mentee(int EpisodeId, string FirstName, List<(DateOnly Date, TimeOnly? Time, ContactChannel Channel)> Appointments, List<(string Goal, GoalStatus Status)> Goals);

[Authorize(Policy = Policies.Mentoring)]
public class MenteesModel(PathwayDb db, RecordAccess access) : PageModel
{
    public List<Mentee> Mentees { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancel)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var today = HttpContext.Today();
        var episodes = await db.PeerMentorings.AsNoTracking()
            .Where(m => m.MentorId == me && m.Until == null && m.Episode.DischargeDate == null)
            .Select(m => new { m.EpisodeId, m.Episode.ClientRecord.GivenName }).ToListAsync(cancel);
        var ids = episodes.Select(e => e.EpisodeId).ToList();
        var appointments = await db.Appointments.AsNoTracking().Where(a => ids.Contains(a.EpisodeId) && a.ContactId == null && a.CancelledAt == null && a.Date >= today)
            .Select(a => new { a.EpisodeId, a.Date, a.Time, a.Channel }).ToListAsync(cancel);
        var goals = await db.RecoveryGoals.AsNoTracking().Where(g => ids.Contains(g.EpisodeId))
            .Select(g => new { g.EpisodeId, g.Description, g.Status }).ToListAsync(cancel);
        Mentees = episodes.OrderBy(e => e.GivenName).Select(e => new Mentee(e.EpisodeId, e.GivenName ?? "(no name)",
            appointments.Where(a => a.EpisodeId == e.EpisodeId).OrderBy(a => a.Date).Select(a => (a.Date, a.Time, a.Channel)).ToList(),
            goals.Where(g => g.EpisodeId == e.EpisodeId).Select(g => (g.Description, g.Status)).ToList())).ToList();
        await access.ListedAsync("mentees", Mentees.Count, cancel);
    }
}
