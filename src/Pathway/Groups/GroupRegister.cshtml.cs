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
    public const string AlreadyOnRegister = "This client is already on the register: change their mark below";

    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty] public int? EpisodeId { get; set; }
    [BindProperty] public bool? Attended { get; set; }
    public GroupSession Session { get; private set; } = null!;
    public List<RegisterRow> Register { get; private set; } = [];
    public List<SelectListItem> Clients { get; private set; } = [];
    public bool IsFuture { get; private set; }

    private async Task<bool> LoadAsync(CancellationToken cancel)
    {
        var provider = (await access.ScopeAsync(cancel)).ProviderCode;
        var session = await db.GroupSessions.AsNoTracking().SingleOrDefaultAsync(g => g.Id == Id && provider != null && g.ProviderCode == provider, cancel);
        if (session is null) return false;
        Session = session;
        IsFuture = session.Date > HttpContext.Today();
        Register = (await db.GroupAttendances.AsNoTracking().Where(a => a.GroupSessionId == Id)
            .Select(a => new { a.Id, a.EpisodeId, a.Episode.ClientRecord.GivenName, a.Episode.ClientRecord.FamilyName, a.Episode.EpisodeRef, a.Attended })
            .ToListAsync(cancel))
            .Select(a => new RegisterRow(a.Id, a.EpisodeId, $"{a.GivenName} {a.FamilyName}".Trim(), a.EpisodeRef, a.Attended))
            .OrderBy(r => r.Client, StringComparer.OrdinalIgnoreCase).ToList();
        var onRegister = Register.Select(r => r.EpisodeId).ToList();
        // The provider's open caseload: episodes in treatment on the session's day, not yet on the register.
        Clients = (await (await access.EpisodesAsync(cancel)).AsNoTracking()
            .Where(e => e.DischargeDate == null && e.TriageDate != null && e.ReferralDate <= session.Date && !onRegister.Contains(e.Id))
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
        if (!await LoadAsync(cancel)) return NotFound();
        if (IsFuture) ModelState.AddModelError("", "This session is in the future: mark the register on the day or after");
        if (EpisodeId is null) ModelState.AddModelError(nameof(EpisodeId), "Select the client");
        else if (Register.Any(r => r.EpisodeId == EpisodeId)) ModelState.AddModelError(nameof(EpisodeId), AlreadyOnRegister);
        else if (Clients.All(c => c.Value != EpisodeId.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)))
            ModelState.AddModelError(nameof(EpisodeId), "Select a client from the list: they must be in treatment with your service");
        if (Attended is null) ModelState.AddModelError(nameof(Attended), "Select whether they attended");
        if (!ModelState.IsValid) return Page();

        var (worker, episode) = await EpisodeAsync(EpisodeId!.Value, cancel);
        if (episode is null) return NotFound();
        if (ContactRules.Date(Session.Date, episode.ReferralDate) is { } why)
        {
            ModelState.AddModelError(nameof(EpisodeId), RecordRules.Phrase("The session's date", why));
            return Page();
        }
        var contact = new Contact { Date = Session.Date, Channel = ContactChannel.FaceToFace, Kind = ContactKind.Group, Attended = Attended!.Value };
        episode.Contacts.Add(contact);
        db.GroupAttendances.Add(new GroupAttendance { GroupSessionId = Id, Episode = episode, Contact = contact, Attended = Attended.Value });
        return await SaveAsync(episode, worker, cancel);
    }

    /// <summary>Changes a client's mark: the same contact, attended or not.</summary>
    public async Task<IActionResult> OnPostMarkAsync(int attendanceId, bool attended, CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var attendance = await db.GroupAttendances.Include(a => a.Contact).SingleOrDefaultAsync(a => a.Id == attendanceId && a.GroupSessionId == Id, cancel);
        if (attendance is null) return NotFound();
        var (worker, episode) = await EpisodeAsync(attendance.EpisodeId, cancel);
        if (episode is null) return NotFound();
        attendance.Attended = attended;
        attendance.Contact.Attended = attended;
        return await SaveAsync(episode, worker, cancel);
    }

    /// <summary>Takes a client off the register, and their contact with it.</summary>
    public async Task<IActionResult> OnPostRemoveAsync(int attendanceId, CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var attendance = await db.GroupAttendances.Include(a => a.Contact).SingleOrDefaultAsync(a => a.Id == attendanceId && a.GroupSessionId == Id, cancel);
        if (attendance is null) return NotFound();
        var (worker, episode) = await EpisodeAsync(attendance.EpisodeId, cancel);
        if (episode is null) return NotFound();
        db.Contacts.Remove(attendance.Contact);
        db.GroupAttendances.Remove(attendance);
        return await SaveAsync(episode, worker, cancel);
    }

    /// <summary>The client's episode, tracked, inside the user's scope (never another provider's, whatever the register holds).</summary>
    private async Task<(Caseworker Worker, Episode? Episode)> EpisodeAsync(int episodeId, CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        var episode = await (await access.EpisodesAsync(cancel)).Include(e => e.Person).SingleOrDefaultAsync(e => e.Id == episodeId, cancel);
        return (worker, episode);
    }

    private async Task<IActionResult> SaveAsync(Episode episode, Caseworker worker, CancellationToken cancel)
    {
        if (await db.TrySaveCaseAsync(episode, episode.Version, worker, cancel)) return Redirect($"/groups/{Id}");
        db.ChangeTracker.Clear();
        await LoadAsync(cancel);
        ModelState.AddModelError("", CaseSave.StaleMessage);
        return Page();
    }
}
