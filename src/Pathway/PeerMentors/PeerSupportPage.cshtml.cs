using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
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

namespace Pathway.PeerMentors;

/// <summary>
/// A peer mentor records a contact with a mentee, or raises a concern with the mentee's key worker. Only a current mentee's
/// open episode is found (the provider's scope by <see cref="AuditedRecordAttribute"/>, the mentoring here); the page shows
/// the first name only, as the mentees page does. Both are saved with the episode's version and change history.
/// </summary>
[Authorize(Policy = Policies.Mentoring)]
[AuditedRecord(AuditedRecordTypes.Episode)]
public class PeerSupportPageModel(PathwayDb db, RecordAccess access, TimeProvider time) : PageModel
{
    [BindProperty(SupportsGet = true)] public int Id { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter the date of the contact")] public DateOnly? Date { get; set; }
    [BindProperty, Required(ErrorMessage = "Select the type of contact")] public PeerSupportType? Type { get; set; }
    [BindProperty, Required(ErrorMessage = "Enter how long the contact lasted, in minutes")] public int? Minutes { get; set; }
    [BindProperty] public string? Note { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [TempData] public string? Done { get; set; }
    public string FirstName { get; private set; } = "";
    public bool HasKeyWorker { get; private set; }
    public List<PeerSupportContact> Recent { get; private set; } = [];

    private DateOnly Today => HttpContext.Today();

    private async Task<Episode?> MenteeAsync(CancellationToken cancel)
    {
        var me = User.FindFirstValue(ClaimTypes.NameIdentifier);
        var episode = await (await access.EpisodesAsync(cancel)).Include(e => e.Person).Include(e => e.ClientRecord)
            .SingleOrDefaultAsync(e => e.Id == Id && e.DischargeDate == null
                && db.PeerMentorings.Any(m => m.EpisodeId == e.Id && m.MentorId == me && m.Until == null), cancel);
        if (episode is null) return null;
        FirstName = episode.ClientRecord.GivenName ?? "(no name)";
        HasKeyWorker = episode.KeyWorkerId is not null;
        Recent = await db.PeerSupportContacts.AsNoTracking().Where(c => c.EpisodeId == Id && c.MentorId == me)
            .OrderByDescending(c => c.Date).ThenByDescending(c => c.Id).Take(10).ToListAsync(cancel);
        return episode;
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (await MenteeAsync(cancel) is null) return NotFound();
        Date = Today;
        return Page();
    }

    public async Task<IActionResult> OnPostContactAsync(CancellationToken cancel)
    {
        ModelState.Remove(nameof(Reason));
        var episode = await MenteeAsync(cancel);
        if (episode is null) return NotFound();
        Note = Note?.Replace("\r\n", "\n").Trim();
        if (Date is { } day && (RecordRules.NotFuture(day, Today) ?? ContactRules.Date(day, episode.ReferralDate)) is { } when)
            ModelState.AddModelError(nameof(Date), RecordRules.Phrase("Date of the contact", when));
        if (Minutes is { } m && PeerSupportRules.Minutes(m) is { } howLong && !ModelState.ContainsKey(nameof(Minutes)))
            ModelState.AddModelError(nameof(Minutes), RecordRules.Phrase("How long", howLong));
        if (Note is { Length: > 0 } n && PeerSupportRules.Length(n, PeerSupportRules.NoteLength) is { } tooLong)
            ModelState.AddModelError(nameof(Note), RecordRules.Phrase("Note", tooLong));
        if (!ModelState.IsValid) return Page();
        var mentor = await Caseworker.CurrentAsync(db, User, cancel);
        db.PeerSupportContacts.Add(new PeerSupportContact
        {
            Episode = episode, Date = Date!.Value, Type = Type!.Value, Minutes = Minutes!.Value, Note = string.IsNullOrEmpty(Note) ? null : Note,
            MentorId = mentor.Id, MentorName = mentor.Name, RecordedAt = time.GetUtcNow(),
        });
        return await SaveAsync(episode, mentor, "Contact recorded.", cancel);
    }

    public async Task<IActionResult> OnPostConcernAsync(CancellationToken cancel)
    {
        foreach (var field in new[] { nameof(Date), nameof(Type), nameof(Minutes), nameof(Note) }) ModelState.Remove(field);
        var episode = await MenteeAsync(cancel);
        if (episode is null) return NotFound();
        Reason = Reason?.Replace("\r\n", "\n").Trim();
        if (string.IsNullOrEmpty(Reason)) ModelState.AddModelError(nameof(Reason), "Enter what you are concerned about");
        else if (PeerSupportRules.Length(Reason, PeerSupportRules.ReasonLength) is { } tooLong)
            ModelState.AddModelError(nameof(Reason), RecordRules.Phrase("Concern", tooLong));
        if (!ModelState.IsValid)
        {
            Date ??= Today;
            return Page();
        }
        var mentor = await Caseworker.CurrentAsync(db, User, cancel);
        db.PeerConcerns.Add(new PeerConcern
        {
            Episode = episode, Reason = Reason!, RaisedById = mentor.Id, RaisedByName = mentor.Name, RaisedAt = time.GetUtcNow(),
        });
        return await SaveAsync(episode, mentor, HasKeyWorker ? "Concern sent to the key worker." : "Concern recorded. The client has no key worker yet: also tell the team manager.", cancel);
    }

    private async Task<IActionResult> SaveAsync(Episode episode, Caseworker mentor, string done, CancellationToken cancel)
    {
        if (await db.TrySaveCaseAsync(episode, episode.Version, mentor, cancel))
        {
            Done = done;
            return Redirect($"/mentees/{Id}");
        }
        db.ChangeTracker.Clear();
        await MenteeAsync(cancel);
        ModelState.AddModelError("", CaseSave.StaleMessage);
        return Page();
    }
}
