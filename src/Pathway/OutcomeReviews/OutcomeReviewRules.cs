using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.OutcomeReviews;

/// <summary>The rules of an outcome review (a row of reviews.csv), once, for the bundle loader and the review form.</summary>
public static class OutcomeReviewRules
{
    /// <summary>Days in the last 28.</summary>
    public static readonly WholeNumbers Days = new(0, 28);
    /// <summary>Self-rated psychological and physical health and quality of life.</summary>
    public static readonly WholeNumbers Score = new(0, 20);
    public static readonly WholeNumbers UnitsPerDrinkingDay = new(0, 200);

    public const string SecondStart = "must not be start: the episode already has a start review";
    public const string PostExitBeforeDischarge = "must not be post-exit unless the episode was discharged on or before the review's date";

    /// <summary>The range of a number column of reviews.csv.</summary>
    public static WholeNumbers RangeOf(string column) => column switch
    {
        "alcohol_units_per_drinking_day" => UnitsPerDrinkingDay,
        "psychological_health" or "physical_health" or "quality_of_life" => Score,
        _ => Days,
    };

    public static string? Date(DateOnly date, DateOnly? referral) => EpisodeRules.InJourney(date, referral);

    /// <param name="episodeHasStart">whether the episode already has another review at the start stage</param>
    public static string? Stage(ReviewStage stage, DateOnly? date, bool episodeHasStart, DateOnly? discharge) => stage switch
    {
        ReviewStage.Start when episodeHasStart => SecondStart,
        ReviewStage.PostExit when discharge is null || date < discharge => PostExitBeforeDischarge,
        _ => null,
    };
}
