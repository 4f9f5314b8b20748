using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Episodes;

namespace Pathway.Discharge;

/// <summary>Discharge: date and reason from the exchange format's list, with an aftercare plan. Open interventions end on the day.</summary>
public class DischargeFormModel(PathwayDb db) : CaseFormModel(db)
{
    [BindProperty, Required(ErrorMessage = "Enter the discharge date")] public DateOnly? DischargeDate { get; set; }
    [BindProperty, Required(ErrorMessage = "Select the reason for discharge")] public DischargeReason? Reason { get; set; }
    [BindProperty] public bool RecoveryHub { get; set; }
    [BindProperty] public bool MutualAid { get; set; }
    [BindProperty] public bool EmploymentAndSkills { get; set; }
    [BindProperty, StringLength(2000, ErrorMessage = "Aftercare notes must be 2000 characters or fewer")] public string? Notes { get; set; }
    public bool HasExitReview { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        if (Episode.DischargeDate is not null) return Redirect($"/episodes/{Id}");
        DischargeDate = Today;
        await ExitReviewAsync(cancel);
        return Page();
    }

    private async Task ExitReviewAsync(CancellationToken cancel) =>
        HasExitReview = await Db.OutcomeReviews.AnyAsync(r => r.EpisodeId == Id && r.Stage == OutcomeReviews.ReviewStage.Exit, cancel);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        await ExitReviewAsync(cancel);
        if (Episode.DischargeDate is not null) ModelState.AddModelError(nameof(DischargeDate), "This episode has already been discharged");
        if (DischargeDate is { } date)
            Check(nameof(DischargeDate), "Discharge date", Infrastructure.RecordRules.NotFuture(date, Today)
                ?? EpisodeRules.DischargeDate(date, Episode.ReferralDate, Episode.TriageDate));
        if (Reason is { } reason)
            Check(nameof(Reason), "Reason for discharge", EpisodeRules.DischargeReason(reason, Episode.Substance1, Episode.Substance2, Episode.Substance3));
        // Open interventions end on the day of discharge, and an intervention must not end before it starts.
        var interventions = await Db.Interventions.Where(i => i.EpisodeId == Id).ToListAsync(cancel);
        if (DischargeDate is { } day && interventions.Any(i => InterventionRules.EndDate(day, i.StartDate) is not null))
            ModelState.AddModelError(nameof(DischargeDate), "An intervention starts after this date: change it before discharging");
        if (!ModelState.IsValid) return Page();

        Episode.DischargeDate = DischargeDate;
        Episode.DischargeReason = Reason;
        foreach (var i in interventions.Where(i => i.EndDate is null || i.EndDate > DischargeDate)) i.EndDate = DischargeDate;
        Db.AftercarePlans.Add(new AftercarePlan
        {
            Episode = Episode, RecoveryHub = RecoveryHub, MutualAid = MutualAid, EmploymentAndSkills = EmploymentAndSkills,
            Notes = string.IsNullOrWhiteSpace(Notes) ? null : Notes.Trim(),
        });
        return await SaveAsync(cancel);
    }
}
