using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.Prescribing;

public sealed record PrescriptionsView(
    int EpisodeId, bool Open, bool MayPrescribe, DateOnly Today, Prescription? Current, IReadOnlyList<Prescription> History,
    IReadOnlyList<PrescriptionForm> Forms, bool Stopped, IReadOnlyDictionary<string, string> Pharmacies);

/// <summary>
/// The case page's "Prescriptions" section: the current dose, the titration as a chart and a table, the issued forms, and a
/// missed-dose stop. Its own component so the case page gains one line; it reads through <see cref="RecordAccess"/> like the page.
/// </summary>
public class PrescriptionsViewComponent(PathwayDb db, RecordAccess access) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(int episodeId)
    {
        var cancel = HttpContext.RequestAborted;
        var episode = await (await access.EpisodesAsync(cancel)).AsNoTracking().Where(e => e.Id == episodeId)
            .Select(e => new { e.Id, Open = e.DischargeDate == null }).SingleOrDefaultAsync(cancel);
        if (episode is null) return Content("");
        var today = HttpContext.Today();
        var history = await db.Prescriptions.AsNoTracking().Where(p => p.EpisodeId == episodeId)
            .OrderBy(p => p.StartDate).ThenBy(p => p.Id).ToListAsync(cancel);
        // Most episodes have no prescription: forms, doses and pharmacies all hang from one, so they are not asked for.
        var forms = history.Count == 0 ? [] : await db.PrescriptionForms.AsNoTracking().Where(f => f.Prescription.EpisodeId == episodeId)
            .OrderBy(f => f.Id).ToListAsync(cancel);
        var current = history.LastOrDefault(p => p.Covers(today)) ?? history.LastOrDefault(p => p.StartDate > today);
        var stopped = history.Count > 0 && (await DispensingStops.StoppedAsync(db, db.Episodes.Where(e => e.Id == episodeId), today, cancel)).Count > 0;
        var codes = history.Select(p => p.PharmacyOdsCode).OfType<string>().Distinct().ToList();
        var pharmacies = codes.Count == 0 ? new Dictionary<string, string>()
            : await db.Pharmacies.AsNoTracking().Where(p => codes.Contains(p.OdsCode)).ToDictionaryAsync(p => p.OdsCode, p => p.Name, cancel);
        return View("/Prescribing/_PrescriptionsSection.cshtml", new PrescriptionsView(episodeId, episode.Open,
            HttpContext.User.IsInRole(Roles.Prescriber), today, current, history, forms, stopped, pharmacies));
    }
}
