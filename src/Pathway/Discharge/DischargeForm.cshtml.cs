using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Appointments;
using Pathway.Access;
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
public class DischargeFormModel(PathwayDb db, RecordAccess access, TimeProvider time) : CaseFormModel(db)
{
    [BindProperty, Display(Name = "Discharge date")] public DateOnly? DischargeDate { get; set; }
    [BindProperty] public DischargeReason? Reason { get; set; }
    [BindProperty] public string? NoExitReviewReason { get; set; }
    [BindProperty] public bool RecoveryHub { get; set; }
    [BindProperty] public bool MutualAid { get; set; }
    [BindProperty] public bool EmploymentAndSkills { get; set; }
    [BindProperty] public string? Notes { get; set; }
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
        HasExitReview = await Discharging.HasExitReviewAsync(Db, Id, onOrBefore, cancel);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        await ExitReviewAsync(DischargeDate ?? ServiceDay, cancel);
        var input = new DischargeInput(DischargeDate, Reason, NoExitReviewReason, RecoveryHub, MutualAid, EmploymentAndSkills, Notes);
        // Only the confirmed post saves; the first checks the form and shows what will close.
        var mode = ModelState.IsValid && Confirmed ? CaseActionMode.Save : CaseActionMode.CheckOnly;
        var outcome = await Discharging.DischargeAsync(Db, access, Worker, Id, Version, input, cancel, mode);
        if (outcome is CaseOutcome.Invalid { Messages.Count: 0 } && ModelState.IsValid)
        {
            Confirming = true;
            var plan = await Discharging.PlanAsync(Db, Id, DischargeDate!.Value, cancel);
            (Ending, Cancelling) = (plan.Ending, plan.Cancelling);
            var mentors = plan.Mentoring.Select(m => m.MentorId).ToList();
            MentoringEnding = await Db.Users.Where(u => mentors.Contains(u.Id)).Select(u => u.DisplayName).ToListAsync(cancel);
            return Page();
        }
        return await AnswerAsync(outcome, cancel);
    }
}
