using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Groups;

public sealed record RegisterRow(int AttendanceId, int EpisodeId, string Client, string EpisodeRef, bool Attended);

/// <summary>
/// A group session's register, modelled on the carers' group register: clients chosen from the provider's open caseload,
/// each marked attended or did not attend. A mark is one contact of the client's episode, saved with the episode's version
/// and change history; re-marking changes that contact and removing the mark removes it, so nothing is counted twice.
/// </summary>
[Authorize(Policy = Policies.CaseWork)]
[AuditedRecord(AuditedRecordTypes.GroupSession)]
public class GroupRegisterModel(PathwayDb db, RecordAccess access) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int? EpisodeId { get; set; }
    [BindProperty] public bool? Attended { get; set; }
    public GroupSession Session { get; private set; } = null!;
    public List<RegisterRow> Register { get; private set; } = [];
    public List<SelectListItem> Clients { get; private set; } = [];
    public bool IsFuture { get; private set; }

    private async Task<bool> LoadAsync(CancellationToken cancel)
    {
        if (await GroupRecords.SessionAsync(db, access, Id, cancel) is not { } session) return false;
        Session = session;
        IsFuture = session.Date > HttpContext.Today();
        Register = (await db.GroupAttendances.AsNoTracking().Where(a => a.GroupSessionId == Id)
            .Select(a => new { a.Id, a.EpisodeId, a.Episode.ClientRecord.GivenName, a.Episode.ClientRecord.FamilyName, a.Episode.EpisodeRef, a.Attended })
            .ToListAsync(cancel))
            .Select(a => new RegisterRow(a.Id, a.EpisodeId, $"{a.GivenName} {a.FamilyName}".Trim(), a.EpisodeRef, a.Attended))
            .OrderBy(r => r.Client, StringComparer.OrdinalIgnoreCase).ToList();
        Clients = (await (await GroupRecords.EligibleAsync(db, access, session, cancel)).AsNoTracking()
            .Select(e => new { e.Id, e.ClientRecord.GivenName, e.ClientRecord.FamilyName, e.EpisodeRef }).ToListAsync(cancel))
            .OrderBy(e => $"{e.GivenName} {e.FamilyName}", StringComparer.OrdinalIgnoreCase)
            .Select(e => new SelectListItem($"{e.GivenName} {e.FamilyName} ({e.EpisodeRef})".Trim(), e.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();
        return true;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel) => await LoadAsync(cancel) ? Page() : NotFound();

    /// <summary>Adds a client to the register with their mark: one contact on their episode.</summary>
    public async Task<IActionResult> OnPostAddAsync(CancellationToken cancel)
    {
        var mode = ModelState.IsValid ? CaseActionMode.Save : CaseActionMode.CheckOnly;
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        return await AnswerAsync(await GroupRecords.AddToRegisterAsync(db, access, worker, Id, EpisodeId, Attended, HttpContext.Today(), mode, cancel), cancel);
    }

    /// <summary>Changes a client's mark: the same contact, attended or not.</summary>
    public async Task<IActionResult> OnPostMarkAsync(int attendanceId, bool attended, CancellationToken cancel) =>
        await AnswerAsync(await GroupRecords.MarkAsync(db, access, await Caseworker.CurrentAsync(db, User, cancel), Id, attendanceId, attended, cancel), cancel);

    /// <summary>Takes a client off the register, and their contact with it.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int attendanceId, CancellationToken cancel) =>
        await AnswerAsync(await GroupRecords.MarkAsync(db, access, await Caseworker.CurrentAsync(db, User, cancel), Id, attendanceId, null, cancel), cancel);

    private async Task<IActionResult> AnswerAsync(CaseOutcome outcome, CancellationToken cancel)
    {
        switch (outcome)
        {
            case CaseOutcome.Saved:
                return Redirect($"/groups/{Id}");
            case CaseOutcome.Invalid invalid:
                ModelState.Show(invalid);
                return await LoadAsync(cancel) ? Page() : NotFound();
            case CaseOutcome.Stale:
                db.ChangeTracker.Clear();
                ModelState.AddModelError("", CaseSave.StaleMessage);
                return await LoadAsync(cancel) ? Page() : NotFound();
            default:
                return NotFound();
        }
    }
}
