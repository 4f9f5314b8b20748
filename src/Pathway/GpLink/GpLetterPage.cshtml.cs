using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.GpLink;

/// <summary>
/// A letter to the client's GP practice, to print: a prescription started, a dose changed, a prescription ended, or discharge.
/// The episode is opened through the [AuditedRecord] filter (<see cref="RecordAccess"/>), so every letter printed is a view of
/// the case on the person's audit trail, with this page's address.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[AuditedRecord(AuditedRecordTypes.Episode)]
public class GpLetterPageModel(PathwayDb db) : PageModel
{
    public Episode Episode { get; private set; } = null!;
    public People.ClientContact? Contact { get; private set; }
    public GpLetter Letter { get; private set; } = null!;
    public string? KeyWorker { get; private set; }
    public string? Team { get; private set; }
    public string Provider { get; private set; } = "";
    public DateOnly Today { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, GpLetterKind? about, int? prescription, CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        var episode = await db.Episodes.AsNoTracking().VisibleTo(worker).Include(e => e.Person).Include(e => e.ClientRecord)
            .Include(e => e.Prescriptions).SingleOrDefaultAsync(e => e.Id == id, cancel);
        if (episode is null || about is null) return NotFound();
        // Only a letter the episode calls for: another episode's prescription, or a change that did not happen, is not found.
        var letter = GpLetters.Of(episode, episode.Prescriptions).FirstOrDefault(l => l.Kind == about && l.PrescriptionId == prescription);
        if (letter is null) return NotFound();
        Episode = episode;
        Letter = letter;
        Contact = await db.ClientContacts.AsNoTracking().SingleOrDefaultAsync(c => c.ClientRecordId == episode.ClientRecordId, cancel);
        var keyWorker = episode.KeyWorkerId is { } k
            ? await db.Users.AsNoTracking().Where(u => u.Id == k).Select(u => new { u.DisplayName, u.TeamId }).SingleOrDefaultAsync(cancel) : null;
        KeyWorker = keyWorker?.DisplayName;
        Team = keyWorker?.TeamId is { } team ? await db.Teams.AsNoTracking().Where(t => t.Id == team).Select(t => t.Name).SingleOrDefaultAsync(cancel) : null;
        Provider = await db.Providers.AsNoTracking().Where(p => p.Code == episode.ProviderCode).Select(p => p.Name).SingleOrDefaultAsync(cancel) ?? episode.ProviderCode;
        Today = HttpContext.Today();
        return Page();
    }
}
