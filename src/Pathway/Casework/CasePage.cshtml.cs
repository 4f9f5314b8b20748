using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Access.Audit;
using Pathway.Appointments;
using Pathway.Assessments;
using Pathway.CarePlans;
using Pathway.Carers;
using Pathway.Casework.Notes;
using Pathway.Data;
using Pathway.Discharge;
using Pathway.Episodes;
using Pathway.History;
using Pathway.OutcomeReviews;
using Pathway.Referrals;

namespace Pathway.Casework;

/// <summary>The case page: one episode and everything recorded for it, with the person's history.</summary>
[Authorize(Policy = Policies.CaseWork)]
[AuditedRecord(AuditedRecordTypes.Episode)]
public class CasePageModel(PathwayDb db, TimeProvider time) : PageModel
{
    public TimeProvider Time => time;
    public Episode Episode { get; private set; } = null!;
    public string? KeyWorker { get; private set; }
    public string? PeerMentor { get; private set; }
    public DateOnly? RepresentationAfter { get; private set; }
    public PublicSite.SelfReferral.OnlineSelfReferral? SelfReferral { get; private set; }
    public People.ClientContact? ContactDetails { get; private set; }
    public RiskAssessment? Risk { get; private set; }
    public List<Screening> Screenings { get; private set; } = [];
    public List<RecoveryGoal> Goals { get; private set; } = [];
    public List<Appointment> Planned { get; private set; } = [];
    /// <summary>Cancelled and rescheduled bookings, each with its reason and (when moved) the date it moved to.</summary>
    public List<(Appointment Booking, DateOnly? MovedTo)> Cancelled { get; private set; } = [];
    public AftercarePlan? Aftercare { get; private set; }
    public List<Carer> Carers { get; private set; } = [];
    public List<CaseNoteView> LatestNotes { get; private set; } = [];
    public int NoteCount { get; private set; }
    public List<ChangeRecord> Timeline { get; private set; } = [];
    public List<(int Id, string Ref, DateOnly Referral, DateOnly? Discharge)> OtherEpisodes { get; private set; } = [];
    // Harm reduction, risk and safeguarding flags, letters to the GP (issue 13).
    public List<HarmReduction.HarmReductionEvent> HarmReductionEvents { get; private set; } = [];
    public Safeguarding.RiskFlags? Flags { get; private set; }
    public List<GpLink.GpLetter> GpLetters { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancel)
    {
        var worker = await Caseworker.CurrentAsync(db, User, cancel);
        var episode = await db.Episodes.AsNoTracking().VisibleTo(worker)
            .Include(e => e.Person).Include(e => e.ClientRecord)
            .Include(e => e.Interventions).Include(e => e.Contacts).Include(e => e.OutcomeReviews)
            .AsSplitQuery()
            .SingleOrDefaultAsync(e => e.Id == id, cancel);
        if (episode is null) return NotFound();
        Episode = episode;
        KeyWorker = episode.KeyWorkerId is { } k ? await db.Users.Where(u => u.Id == k).Select(u => u.DisplayName).SingleOrDefaultAsync(cancel) : null;
        PeerMentor = await db.PeerMentorings.Where(m => m.EpisodeId == id && m.Until == null)
            .Join(db.Users, m => m.MentorId, u => u.Id, (m, u) => u.DisplayName).FirstOrDefaultAsync(cancel);
        RepresentationAfter = await Representation.EarlierCompletionAsync(db.Episodes.VisibleTo(worker), episode.PersonId, episode.Id, episode.ReferralDate, cancel);
        SelfReferral = await PublicSite.SelfReferral.SelfReferralNotes.ForEpisodeAsync(db, id, cancel);
        ContactDetails = await db.ClientContacts.AsNoTracking().SingleOrDefaultAsync(c => c.ClientRecordId == episode.ClientRecordId, cancel);
        Risk = await db.RiskAssessments.AsNoTracking().Where(r => r.EpisodeId == id).OrderByDescending(r => r.Date).ThenByDescending(r => r.Id).FirstOrDefaultAsync(cancel);
        Screenings = await db.Screenings.AsNoTracking().Where(s => s.EpisodeId == id).OrderBy(s => s.Date).ThenBy(s => s.Id).ToListAsync(cancel);
        Goals = await db.RecoveryGoals.AsNoTracking().Where(g => g.EpisodeId == id).OrderBy(g => g.Id).ToListAsync(cancel);
        // The episode's appointments in one read: the open ones, and the cancelled ones with where each was moved to.
        var appointments = await db.Appointments.AsNoTracking().Where(a => a.EpisodeId == id).OrderBy(a => a.Date).ThenBy(a => a.Time).ToListAsync(cancel);
        Planned = appointments.Where(a => a.IsOpen()).ToList();
        Cancelled = appointments.Where(a => a.CancelledAt != null)
            .Select(a => (a, appointments.FirstOrDefault(m => m.RescheduledFromId == a.Id)?.Date)).ToList();
        Aftercare = await db.AftercarePlans.AsNoTracking().SingleOrDefaultAsync(a => a.EpisodeId == id, cancel);
        LatestNotes = await CaseNotes.OfEpisodeAsync(db, id, containing: null, take: 3, cancel);
        NoteCount = await CaseNotes.CountAsync(db, id, cancel);
        Carers = await db.Carers.AsNoTracking().Include(c => c.Support).Where(c => c.ClientRecordId == episode.ClientRecordId).ToListAsync(cancel);
        OtherEpisodes = (await db.Episodes.AsNoTracking().VisibleTo(worker).Where(e => e.PersonId == episode.PersonId && e.Id != id)
            .OrderBy(e => e.ReferralDate).Select(e => new { e.Id, e.EpisodeRef, e.ReferralDate, e.DischargeDate }).ToListAsync(cancel))
            .Select(e => (e.Id, e.EpisodeRef, e.ReferralDate, e.DischargeDate)).ToList();
        HarmReductionEvents = await db.HarmReductionEvents.AsNoTracking().Where(h => h.EpisodeId == id).OrderByDescending(h => h.Date).ThenByDescending(h => h.Id).ToListAsync(cancel);
        Flags = await db.RiskFlags.AsNoTracking().SingleOrDefaultAsync(f => f.ClientRecordId == episode.ClientRecordId, cancel);
        GpLetters = GpLink.GpLetters.Of(episode, await db.Prescriptions.AsNoTracking().Where(p => p.EpisodeId == id).ToListAsync(cancel));
        // The person's timeline across the episodes this worker may see.
        var visible = db.Episodes.VisibleTo(worker).Select(e => (int?)e.Id);
        Timeline = await db.ChangeRecords.AsNoTracking()
            .Where(c => c.PersonId == episode.PersonId && c.EpisodeId != null && visible.Contains(c.EpisodeId))
            .OrderByDescending(c => c.Id).Take(200).ToListAsync(cancel);
        Timeline = await History.ChangeNames.WithNamesAsync(db, Timeline, cancel);
        return Page();
    }
}
