using Pathway.Episodes;

namespace Pathway.OutcomeReviews;

public enum ReviewStage { Start, Review, Exit, PostExit }

/// <summary>A Treatment Outcomes Profile style review: a row of reviews.csv. Day counts are of the last 28 days.</summary>
public class OutcomeReview
{
    public int Id { get; set; }
    public int EpisodeId { get; set; }
    public Episode Episode { get; set; } = null!;
    public DateOnly Date { get; set; }
    public ReviewStage Stage { get; set; }

    public int AlcoholDays { get; set; }
    public int OpiateDays { get; set; }
    public int CrackDays { get; set; }
    public int CocaineDays { get; set; }
    public int AmphetamineDays { get; set; }
    public int CannabisDays { get; set; }
    public int OtherDrugDays { get; set; }
    public int? AlcoholUnitsPerDrinkingDay { get; set; }
    public int InjectedDays { get; set; }
    public int ShopliftingDays { get; set; }
    public int DrugSellingDays { get; set; }
    public bool OtherOffending { get; set; }
    public int PsychologicalHealth { get; set; }
    public int PhysicalHealth { get; set; }
    public int QualityOfLife { get; set; }
    public bool AcuteHousingProblem { get; set; }
    public bool HousingAtRisk { get; set; }
    public int PaidWorkDays { get; set; }
    public int EducationDays { get; set; }
}
