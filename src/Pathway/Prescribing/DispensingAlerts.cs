using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Prescribing;

public sealed record DispensingAlert(int EpisodeId, string Name, string EpisodeRef);

/// <summary>
/// The caseload's missed-dose stops: a key worker's own clients; a prescriber's or manager's every client in scope. Shown until
/// a prescriber records a review. Its own component so the caseload page gains one line.
/// </summary>
public class DispensingAlertsViewComponent(PathwayDb db, RecordAccess access) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var cancel = HttpContext.RequestAborted;
        var user = HttpContext.User;
        var episodes = (await access.EpisodesAsync(cancel)).Where(e => e.DischargeDate == null);
        if (!user.IsInRole(Roles.Prescriber) && !user.IsInRole(Roles.TeamManager))
        {
            var worker = await Caseworker.CurrentAsync(db, user, cancel);
            episodes = episodes.Where(e => e.KeyWorkerId == worker.Id);
        }
        var stopped = await DispensingStops.StoppedAsync(db, episodes, HttpContext.Today(), cancel);
        var alerts = stopped.Count == 0 ? [] : (await db.Episodes.AsNoTracking().Where(e => stopped.Contains(e.Id))
            .Select(e => new { e.Id, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.EpisodeRef }).ToListAsync(cancel))
            .Select(e => new DispensingAlert(e.Id, $"{e.GivenName} {e.FamilyName}".Trim(), e.EpisodeRef)).OrderBy(a => a.Name).ToList();
        if (alerts.Count > 0) await access.ListedAsync("dispensing-stops", alerts.Count, cancel);
        return View("/Prescribing/_DispensingAlerts.cshtml", alerts);
    }
}
