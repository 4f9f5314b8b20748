using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.OutcomeReviews;

/// <summary>The outcome review form: every field of reviews.csv, with the exchange format's ranges.</summary>
public class ReviewFormModel(PathwayDb db) : CaseFormModel(db)
{
    private const string Days = "Enter a number of days from 0 to 28";
    private const string Score = "Enter a score from 0 to 20";

    public sealed class ReviewInput
    {
        [Required(ErrorMessage = "Enter the date of the review")] public DateOnly? Date { get; set; }
        [Required(ErrorMessage = "Select the stage of the review")] public ReviewStage? Stage { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? AlcoholDays { get; set; }
        [Range(0, 200, ErrorMessage = "Enter units from 0 to 200, or leave blank")] public int? AlcoholUnitsPerDrinkingDay { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? OpiateDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? CrackDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? CocaineDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? AmphetamineDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? CannabisDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? OtherDrugDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? InjectedDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? ShopliftingDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? DrugSellingDays { get; set; }
        public bool OtherOffending { get; set; }
        [Required(ErrorMessage = Score), Range(0, 20, ErrorMessage = Score)] public int? PsychologicalHealth { get; set; }
        [Required(ErrorMessage = Score), Range(0, 20, ErrorMessage = Score)] public int? PhysicalHealth { get; set; }
        [Required(ErrorMessage = Score), Range(0, 20, ErrorMessage = Score)] public int? QualityOfLife { get; set; }
        public bool AcuteHousingProblem { get; set; }
        public bool HousingAtRisk { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? PaidWorkDays { get; set; }
        [Required(ErrorMessage = Days), Range(0, 28, ErrorMessage = Days)] public int? EducationDays { get; set; }
    }

    [BindProperty] public ReviewInput Input { get; set; } = new();

    public async Task<IActionResult> OnGetAsync(ReviewStage? stage, CancellationToken cancel)
    {
        if (!await LoadAsync(cancel)) return NotFound();
        var hasStart = await Db.OutcomeReviews.AnyAsync(r => r.EpisodeId == Id && r.Stage == ReviewStage.Start, cancel);
        Input.Date = Today;
        Input.Stage = stage ?? (hasStart ? ReviewStage.Review : ReviewStage.Start);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancel)
    {
        if (!await LoadAsync(cancel, keepPostedVersion: true)) return NotFound();
        NotFuture("Input.Date", Input.Date, "Review date");
        NotBeforeReferral("Input.Date", Input.Date, "Review date");
        if (Input.Stage == ReviewStage.Start && await Db.OutcomeReviews.AnyAsync(r => r.EpisodeId == Id && r.Stage == ReviewStage.Start, cancel))
            ModelState.AddModelError("Input.Stage", "This episode already has a start review: choose another stage");
        if (Input.Stage == ReviewStage.PostExit && Episode.DischargeDate is null)
            ModelState.AddModelError("Input.Stage", "A post-exit review needs the episode to be discharged first");
        if (Input.Stage == ReviewStage.PostExit && Episode.DischargeDate is { } d && Input.Date < d)
            ModelState.AddModelError("Input.Date", "A post-exit review must be on or after the discharge date");
        if (!ModelState.IsValid) return Page();

        var i = Input;
        Episode.OutcomeReviews.Add(new OutcomeReview
        {
            Date = i.Date!.Value, Stage = i.Stage!.Value, AlcoholDays = i.AlcoholDays!.Value, AlcoholUnitsPerDrinkingDay = i.AlcoholUnitsPerDrinkingDay,
            OpiateDays = i.OpiateDays!.Value, CrackDays = i.CrackDays!.Value, CocaineDays = i.CocaineDays!.Value,
            AmphetamineDays = i.AmphetamineDays!.Value, CannabisDays = i.CannabisDays!.Value, OtherDrugDays = i.OtherDrugDays!.Value,
            InjectedDays = i.InjectedDays!.Value, ShopliftingDays = i.ShopliftingDays!.Value, DrugSellingDays = i.DrugSellingDays!.Value,
            OtherOffending = i.OtherOffending, PsychologicalHealth = i.PsychologicalHealth!.Value, PhysicalHealth = i.PhysicalHealth!.Value,
            QualityOfLife = i.QualityOfLife!.Value, AcuteHousingProblem = i.AcuteHousingProblem, HousingAtRisk = i.HousingAtRisk,
            PaidWorkDays = i.PaidWorkDays!.Value, EducationDays = i.EducationDays!.Value,
        });
        return await SaveAsync(cancel);
    }
}
