using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Appointments;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Diary;
using Pathway.Episodes;
using Pathway.OutcomeReviews;

namespace Pathway.Discharge;

/// <summary>
/// Discharge: date and reason from the exchange format's list, with an aftercare plan. The first post checks the form and
/// shows what will close; only the confirmed post saves. Open interventions end on the day, bookings after it are cancelled
/// as "discharged" and peer mentoring ends.
/// </summary>
public class DischargeFormModel(PathwayDb db, TimeProvider time) : CaseFormModel(db)
{
    public const string NoExitReview =
        "Record an exit outcome review on or before the discharge date, or give the reason none could be done, for a successful completion";

    [BindProperty, Display(Name = "Discharge date"), Required(ErrorMessage = "Enter the discharge date")] public DateOnly? DischargeDate { get; set; }
    [BindProperty, Required(ErrorMessage = "Select the reason for discharge")] public DischargeReason? Reason { get; set; }
    [BindProperty, StringLength(500, ErrorMessage = "The reason no exit review was done must be 500 characters or fewer")]
    public string? NoExitReviewReason { get; set; }
    [BindProperty] public bool RecoveryHub { get; set; }
    [BindProperty] public bool MutualAid { get; set; }
    [BindProperty] public bool EmploymentAndSkills { get; set; }
    [BindProperty, StringLength(2000, ErrorMessage = "Aftercare notes must be 2000 characters or fewer")] public string? Notes { get; set; }
    [BindProperty] public bool Confirmed { get; set; }
    public bool HasExitReview { get; private set; }
    /// <summary>The form is valid and waits for confirmation: the page shows what will close.</summary>
    public bool Confirming { get; private set; }
    public List<Intervention> Ending { get; private set; } = [];
    public List<Appointment> Cancelling { get; private set; } = [];
    public List<string> MentoringEnding { get; private set; } = [];

    private DateOnly ServiceDay => London.Today(time);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (Episode.DischargeDate is not null) return Redirect($"/episodes/{Id}");
        DischargeDate = ServiceDay;
        await ExitReviewAsync(ServiceDay, cancel);
        return Page();
    }

    private async Task ExitReviewAsync(DateOnly onOrBefore, CancellationToken cancel) =>
        HasExitReview = await Db.OutcomeReviews.AnyAsync(r => r.EpisodeId == Id && r.Stage == ReviewStage.Exit && r.Date <= onOrBefore, cancel);

    /// <summary>A successful completion is evidenced by an exit review, or the worker says why there could be none.</summary>
    public static string? ExitReviewRule(DischargeReason reason, bool hasExitReview, string? noExitReviewReason) =>
        DischargeReasons.IsSuccessfulCompletion(reason) && !hasExitReview && string.IsNullOrWhiteSpace(noExitReviewReason) ? NoExitReview : null;

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        await ExitReviewAsync(DischargeDate ?? ServiceDay, cancel);
        if (Episode.DischargeDate is not null) ModelState.AddModelError(nameof(DischargeDate), "This episode has already been discharged");
        if (DischargeDate is { } date)
            Check(nameof(DischargeDate), "Discharge date", Infrastructure.RecordRules.NotFuture(date, ServiceDay)
                ?? EpisodeRules.DischargeDate(date, Episode.ReferralDate, Episode.TriageDate));
        if (Reason is { } reason)
        {
            Check(nameof(Reason), "Reason for discharge", EpisodeRules.DischargeReason(reason, Episode.Substance1, Episode.Substance2, Episode.Substance3));
            if (ExitReviewRule(reason, HasExitReview, NoExitReviewReason) is { } why && !ModelState.ContainsKey(nameof(NoExitReviewReason)))
                ModelState.AddModelError(nameof(NoExitReviewReason), why);
        }
        // Open interventions end on the day of discharge, and an intervention must not end before it starts.
        var interventions = await Db.Interventions.Where(i => i.EpisodeId == Id).ToListAsync(cancel);
        if (DischargeDate is { } day && interventions.Any(i => InterventionRules.EndDate(day, i.StartDate) is not null))
            ModelState.AddModelError(nameof(DischargeDate), "An intervention starts after this date: change it before discharging");
        if (!ModelState.IsValid) return Page();

        var on = DischargeDate!.Value;
        Ending = interventions.Where(i => i.EndDate is null || i.EndDate > on).OrderBy(i => i.StartDate).ToList();
        Cancelling = await Bookings.AfterDischargeAsync(Db, Id, on, cancel);
        var mentoring = await Db.PeerMentorings.Where(m => m.EpisodeId == Id && m.Until == null).ToListAsync(cancel);
        if (!Confirmed)
        {
            Confirming = true;
            var mentors = mentoring.Select(m => m.MentorId).ToList();
            MentoringEnding = await Db.Users.Where(u => mentors.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync(cancel);
            return Page();
        }

        Episode.DischargeDate = on;
        Episode.DischargeReason = Reason;
        foreach (var i in Ending) i.EndDate = on;
        var now = time.GetUtcNow();
        foreach (var booking in Cancelling) Bookings.Cancel(booking, Bookings.Discharged, now);
        foreach (var m in mentoring) m.Until = m.From > on ? m.From : on;
        Db.AftercarePlans.Add(new AftercarePlan
        {
            Episode = Episode, RecoveryHub = RecoveryHub, MutualAid = MutualAid, EmploymentAndSkills = EmploymentAndSkills,
            Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
            NoExitReviewReason = HasExitReview || string.IsNullOrWhiteSpace(NoExitReviewReason) ? null : NoExitReviewReason.Trim(),
        });
        return await SaveAsync(cancel);
    }
}
