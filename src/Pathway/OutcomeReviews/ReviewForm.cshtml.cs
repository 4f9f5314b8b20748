using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Pathway.Casework;
using Pathway.Data;

namespace Pathway.OutcomeReviews;

/// <summary>The outcome review form: every field of reviews.csv, with the exchange format's ranges.</summary>
public class ReviewFormModel(PathwayDb db) : CaseFormModel(db)
{
    // Required is presentation (what to do about an empty box); the ranges are the record's rules (OutcomeReviewRules).
    // Every message names its field: a summary of sixteen "Enter the number of days" helps nobody.
    public sealed class ReviewInput
    {
        [Display(Name = "Date of review"), Required(ErrorMessage = "Enter the date of the review")] public DateOnly? Date { get; set; }
        [Required(ErrorMessage = "Select the stage of the review")] public ReviewStage? Stage { get; set; }
        [Required(ErrorMessage = "Enter the number of days of alcohol use")] public int? AlcoholDays { get; set; }
        public int? AlcoholUnitsPerDrinkingDay { get; set; }
        [Required(ErrorMessage = "Enter the number of days of opiate use")] public int? OpiateDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days of crack use")] public int? CrackDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days of cocaine use")] public int? CocaineDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days of amphetamine use")] public int? AmphetamineDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days of cannabis use")] public int? CannabisDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days of other drug use")] public int? OtherDrugDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days injected")] public int? InjectedDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days shoplifting")] public int? ShopliftingDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days selling drugs")] public int? DrugSellingDays { get; set; }
        public bool OtherOffending { get; set; }
        [Required(ErrorMessage = "Enter a score for psychological health")] public int? PsychologicalHealth { get; set; }
        [Required(ErrorMessage = "Enter a score for physical health")] public int? PhysicalHealth { get; set; }
        [Required(ErrorMessage = "Enter a score for overall quality of life")] public int? QualityOfLife { get; set; }
        public bool AcuteHousingProblem { get; set; }
        public bool HousingAtRisk { get; set; }
        [Required(ErrorMessage = "Enter the number of days in paid work")] public int? PaidWorkDays { get; set; }
        [Required(ErrorMessage = "Enter the number of days in education")] public int? EducationDays { get; set; }
    }

    /// <summary>Every number of the form with its label and the range its column of reviews.csv keeps.</summary>
    private (string Field, string Label, int? Value, Infrastructure.WholeNumbers Range)[] Numbers() =>
    [
        ("Input.AlcoholDays", "Days of alcohol use", Input.AlcoholDays, OutcomeReviewRules.Days),
        ("Input.AlcoholUnitsPerDrinkingDay", "Units of alcohol on a typical drinking day", Input.AlcoholUnitsPerDrinkingDay, OutcomeReviewRules.UnitsPerDrinkingDay),
        ("Input.OpiateDays", "Days of opiate use", Input.OpiateDays, OutcomeReviewRules.Days),
        ("Input.CrackDays", "Days of crack use", Input.CrackDays, OutcomeReviewRules.Days),
        ("Input.CocaineDays", "Days of cocaine use", Input.CocaineDays, OutcomeReviewRules.Days),
        ("Input.AmphetamineDays", "Days of amphetamine use", Input.AmphetamineDays, OutcomeReviewRules.Days),
        ("Input.CannabisDays", "Days of cannabis use", Input.CannabisDays, OutcomeReviewRules.Days),
        ("Input.OtherDrugDays", "Days of other drug use", Input.OtherDrugDays, OutcomeReviewRules.Days),
        ("Input.InjectedDays", "Days injected", Input.InjectedDays, OutcomeReviewRules.Days),
        ("Input.ShopliftingDays", "Days shoplifting", Input.ShopliftingDays, OutcomeReviewRules.Days),
        ("Input.DrugSellingDays", "Days selling drugs", Input.DrugSellingDays, OutcomeReviewRules.Days),
        ("Input.PsychologicalHealth", "Psychological health score", Input.PsychologicalHealth, OutcomeReviewRules.Score),
        ("Input.PhysicalHealth", "Physical health score", Input.PhysicalHealth, OutcomeReviewRules.Score),
        ("Input.QualityOfLife", "Overall quality of life score", Input.QualityOfLife, OutcomeReviewRules.Score),
        ("Input.PaidWorkDays", "Days in paid work", Input.PaidWorkDays, OutcomeReviewRules.Days),
        ("Input.EducationDays", "Days in education", Input.EducationDays, OutcomeReviewRules.Days),
    ];

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
        if (Input.Date is { } day) Check("Input.Date", "Date of review", HappenedInJourney(day));
        if (Input.Stage is { } stage)
        {
            var hasStart = await Db.OutcomeReviews.AnyAsync(r => r.EpisodeId == Id && r.Stage == ReviewStage.Start, cancel);
            Check("Input.Stage", "Stage", OutcomeReviewRules.Stage(stage, Input.Date, hasStart, Episode.DischargeDate));
        }
        foreach (var (field, label, value, range) in Numbers())
        {
            if (value is { } n) Check(field, label, range.Check(n));
            // Something that is not a whole number ("2.5", "a few") gets the field's own range, not the binder's words.
            else if (ModelState.TryGetValue(field, out var entry) && entry.Errors.Count > 0 && !string.IsNullOrWhiteSpace(entry.AttemptedValue))
            {
                entry.Errors.Clear();
                ModelState.AddModelError(field, Infrastructure.RecordRules.Phrase(label, range.Reason));
            }
        }
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
