using Microsoft.EntityFrameworkCore;
using Pathway.Access;
using Pathway.Casework;
using Pathway.Data;
using Pathway.Infrastructure;

namespace Pathway.OutcomeReviews;

/// <summary>An outcome review as the worker gives it: every field of reviews.csv.</summary>
public sealed class ReviewInput
{
    [System.ComponentModel.DataAnnotations.Display(Name = "Date of review")] public DateOnly? Date { get; set; }
    public ReviewStage? Stage { get; set; }
    public int? AlcoholDays { get; set; }
    public int? AlcoholUnitsPerDrinkingDay { get; set; }
    public int? OpiateDays { get; set; }
    public int? CrackDays { get; set; }
    public int? CocaineDays { get; set; }
    public int? AmphetamineDays { get; set; }
    public int? CannabisDays { get; set; }
    public int? OtherDrugDays { get; set; }
    public int? InjectedDays { get; set; }
    public int? ShopliftingDays { get; set; }
    public int? DrugSellingDays { get; set; }
    public bool OtherOffending { get; set; }
    public int? PsychologicalHealth { get; set; }
    public int? PhysicalHealth { get; set; }
    public int? QualityOfLife { get; set; }
    public bool AcuteHousingProblem { get; set; }
    public bool HousingAtRisk { get; set; }
    public int? PaidWorkDays { get; set; }
    public int? EducationDays { get; set; }
}

/// <summary>
/// Recording an outcome review, for the page and the API alike: every field required but the units and the yes/no answers,
/// each number in the range its column of reviews.csv keeps (<see cref="OutcomeReviewRules"/>), the stage in order. Every message
/// names its field: a summary of sixteen "Enter the number of days" helps nobody.
/// </summary>
public static class Reviewing
{
    /// <summary>Every number of the form with its label and the range its column of reviews.csv keeps.</summary>
    private static (string Field, string Label, int? Value, WholeNumbers Range)[] Numbers(ReviewInput input) =>
    [
        ("AlcoholDays", "Days of alcohol use", input.AlcoholDays, OutcomeReviewRules.Days),
        ("AlcoholUnitsPerDrinkingDay", "Units of alcohol on a typical drinking day", input.AlcoholUnitsPerDrinkingDay, OutcomeReviewRules.UnitsPerDrinkingDay),
        ("OpiateDays", "Days of opiate use", input.OpiateDays, OutcomeReviewRules.Days),
        ("CrackDays", "Days of crack use", input.CrackDays, OutcomeReviewRules.Days),
        ("CocaineDays", "Days of cocaine use", input.CocaineDays, OutcomeReviewRules.Days),
        ("AmphetamineDays", "Days of amphetamine use", input.AmphetamineDays, OutcomeReviewRules.Days),
        ("CannabisDays", "Days of cannabis use", input.CannabisDays, OutcomeReviewRules.Days),
        ("OtherDrugDays", "Days of other drug use", input.OtherDrugDays, OutcomeReviewRules.Days),
        ("InjectedDays", "Days injected", input.InjectedDays, OutcomeReviewRules.Days),
        ("ShopliftingDays", "Days shoplifting", input.ShopliftingDays, OutcomeReviewRules.Days),
        ("DrugSellingDays", "Days selling drugs", input.DrugSellingDays, OutcomeReviewRules.Days),
        ("PsychologicalHealth", "Psychological health score", input.PsychologicalHealth, OutcomeReviewRules.Score),
        ("PhysicalHealth", "Physical health score", input.PhysicalHealth, OutcomeReviewRules.Score),
        ("QualityOfLife", "Overall quality of life score", input.QualityOfLife, OutcomeReviewRules.Score),
        ("PaidWorkDays", "Days in paid work", input.PaidWorkDays, OutcomeReviewRules.Days),
        ("EducationDays", "Days in education", input.EducationDays, OutcomeReviewRules.Days),
    ];

    /// <summary>What a number field says when what was typed is not a whole number; null for a field that is not one.</summary>
    public static string? NotAWholeNumber(string field) =>
        Numbers(new ReviewInput()).Where(n => n.Field == field).Select(n => RecordRules.Phrase(n.Label, n.Range.Reason)).FirstOrDefault();

    public static async Task<CaseOutcome> RecordAsync(PathwayDb db, RecordAccess access, Caseworker who, int episodeId, int version,
        ReviewInput input, CancellationToken cancel, CaseActionMode mode = CaseActionMode.Save)
    {
        if (await CaseAction.EpisodeAsync(access, episodeId, cancel) is not { } episode) return new CaseOutcome.NotFound();
        var messages = new FieldMessages();
        messages.Required(nameof(input.Date), input.Date, "Enter the date of the review");
        messages.Required(nameof(input.Stage), input.Stage, "Select the stage of the review");
        messages.Required(nameof(input.AlcoholDays), input.AlcoholDays, "Enter the number of days of alcohol use");
        messages.Required(nameof(input.OpiateDays), input.OpiateDays, "Enter the number of days of opiate use");
        messages.Required(nameof(input.CrackDays), input.CrackDays, "Enter the number of days of crack use");
        messages.Required(nameof(input.CocaineDays), input.CocaineDays, "Enter the number of days of cocaine use");
        messages.Required(nameof(input.AmphetamineDays), input.AmphetamineDays, "Enter the number of days of amphetamine use");
        messages.Required(nameof(input.CannabisDays), input.CannabisDays, "Enter the number of days of cannabis use");
        messages.Required(nameof(input.OtherDrugDays), input.OtherDrugDays, "Enter the number of days of other drug use");
        messages.Required(nameof(input.InjectedDays), input.InjectedDays, "Enter the number of days injected");
        messages.Required(nameof(input.ShopliftingDays), input.ShopliftingDays, "Enter the number of days shoplifting");
        messages.Required(nameof(input.DrugSellingDays), input.DrugSellingDays, "Enter the number of days selling drugs");
        messages.Required(nameof(input.PsychologicalHealth), input.PsychologicalHealth, "Enter a score for psychological health");
        messages.Required(nameof(input.PhysicalHealth), input.PhysicalHealth, "Enter a score for physical health");
        messages.Required(nameof(input.QualityOfLife), input.QualityOfLife, "Enter a score for overall quality of life");
        messages.Required(nameof(input.PaidWorkDays), input.PaidWorkDays, "Enter the number of days in paid work");
        messages.Required(nameof(input.EducationDays), input.EducationDays, "Enter the number of days in education");
        if (input.Date is { } day) messages.Rule(nameof(input.Date), "Date of review", CaseAction.HappenedInJourney(day, db.Time().Today(), episode));
        if (input.Stage is { } stage)
        {
            var hasStart = await db.OutcomeReviews.AnyAsync(r => r.EpisodeId == episode.Id && r.Stage == ReviewStage.Start, cancel);
            messages.Rule(nameof(input.Stage), "Stage", OutcomeReviewRules.Stage(stage, input.Date, hasStart, episode.DischargeDate));
        }
        foreach (var (field, label, value, range) in Numbers(input))
            if (value is { } n) messages.Rule(field, label, range.Check(n));
        if (messages.Any || mode == CaseActionMode.CheckOnly) return messages.Invalid();

        var i = input;
        var review = new OutcomeReview
        {
            Date = i.Date!.Value, Stage = i.Stage!.Value, AlcoholDays = i.AlcoholDays!.Value, AlcoholUnitsPerDrinkingDay = i.AlcoholUnitsPerDrinkingDay,
            OpiateDays = i.OpiateDays!.Value, CrackDays = i.CrackDays!.Value, CocaineDays = i.CocaineDays!.Value,
            AmphetamineDays = i.AmphetamineDays!.Value, CannabisDays = i.CannabisDays!.Value, OtherDrugDays = i.OtherDrugDays!.Value,
            InjectedDays = i.InjectedDays!.Value, ShopliftingDays = i.ShopliftingDays!.Value, DrugSellingDays = i.DrugSellingDays!.Value,
            OtherOffending = i.OtherOffending, PsychologicalHealth = i.PsychologicalHealth!.Value, PhysicalHealth = i.PhysicalHealth!.Value,
            QualityOfLife = i.QualityOfLife!.Value, AcuteHousingProblem = i.AcuteHousingProblem, HousingAtRisk = i.HousingAtRisk,
            PaidWorkDays = i.PaidWorkDays!.Value, EducationDays = i.EducationDays!.Value,
        };
        episode.OutcomeReviews.Add(review);
        return await CaseAction.SaveAsync(db, episode, version, who, () => review.Id, cancel);
    }
}
