using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>indicators.md §4: change between an episode's start review and its first review 150–240 days later.</summary>
public static class Outcomes
{
    public const int PairFromDays = 150;
    public const int PairToDays = 240;

    /// <summary>The review column holding days of use of an episode's main substance (indicators.md §4).</summary>
    public static string DaysColumnOf(Substance substance) => substance switch
    {
        _ when Substances.IsOpiate(substance) => "OpiateDays",
        Substance.Crack => "CrackDays",
        Substance.Cocaine => "CocaineDays",
        Substance.Amphetamine => "AmphetamineDays",
        Substance.Cannabis => "CannabisDays",
        Substance.Alcohol => "AlcoholDays",
        _ => "OtherDrugDays",
    };

    private static string MainSubstanceDays(string episode, string review) =>
        $"CASE {episode}.s1 " + string.Concat(Enum.GetValues<Substance>()
            .Select(s => $"WHEN {IndicatorSql.Literal(Codes<Substance>.Code(s))} THEN {review}.\"{DaysColumnOf(s)}\" ")) + "END";

    private static string Offending(string r) => $"CASE WHEN {r}.\"ShopliftingDays\" > 0 OR {r}.\"DrugSellingDays\" > 0 OR {r}.\"OtherOffending\" = TRUE THEN 1 ELSE 0 END";

    public static async Task<IReadOnlyList<Figure>> ComputeAsync(IndicatorConnection db, IndicatorSql sql, CancellationToken cancel)
    {
        var start = Codes<OutcomeReviews.ReviewStage>.Code(OutcomeReviews.ReviewStage.Start);
        var review = Codes<OutcomeReviews.ReviewStage>.Code(OutcomeReviews.ReviewStage.Review);
        // Only start reviews 150–240 days before some day of the period can pair with a review in it. Each start
        // review is joined to the reviews of its window and the first is kept (ordered by date, then as recorded).
        var text = $"""
            {sql.EpisodesAsOf()},
            pairs AS (
              SELECT {MainSubstanceDays("a", "s")} AS start_use, {MainSubstanceDays("a", "v")} AS review_use,
                     CASE WHEN s."AcuteHousingProblem" = TRUE THEN 1 ELSE 0 END AS start_housing,
                     CASE WHEN v."AcuteHousingProblem" = TRUE THEN 1 ELSE 0 END AS review_housing,
                     {Offending("s")} AS start_offending, {Offending("v")} AS review_offending,
                     s."PaidWorkDays" AS start_work, v."PaidWorkDays" AS review_work, v."Date" AS review_date,
                     ROW_NUMBER() OVER (PARTITION BY s."Id" ORDER BY v."Date", v."Id") AS n
              FROM "OutcomeReviews" s
              JOIN adult a ON a.id = s."EpisodeId"
              JOIN "OutcomeReviews" v ON v."EpisodeId" = s."EpisodeId" AND v."Stage" = '{review}' AND v."Date" <= @asof
                AND v."Date" >= {sql.AddDays("s.\"Date\"", PairFromDays)} AND v."Date" <= {sql.AddDays("s.\"Date\"", PairToDays)}
              WHERE s."Stage" = '{start}' AND s."Date" <= @asof
                AND s."Date" >= {sql.AddDays("@from", -PairToDays)} AND s."Date" <= {sql.AddDays("@to", -PairFromDays)})
            SELECT
              SUM(CASE WHEN start_use > 0 THEN 1 ELSE 0 END),
              SUM(CASE WHEN start_use > 0 AND review_use = 0 THEN 1 ELSE 0 END),
              SUM(start_housing),
              SUM(CASE WHEN start_housing = 1 AND review_housing = 0 THEN 1 ELSE 0 END),
              SUM(start_offending),
              SUM(CASE WHEN start_offending = 1 AND review_offending = 0 THEN 1 ELSE 0 END),
              SUM(CASE WHEN start_work = 0 THEN 1 ELSE 0 END),
              SUM(CASE WHEN start_work = 0 AND review_work > 0 THEN 1 ELSE 0 END)
            FROM pairs
            WHERE n = 1 AND review_date >= @from AND review_date <= @to
            """;
        var c = new long[8];
        await sql.ReadAsync(db, text, row => { for (var i = 0; i < 8; i++) c[i] = IndicatorSql.Long(row, i); }, cancel);
        return
        [
            Figure.Rate("outcomes.abstinent", c[1], c[0]),
            Figure.Rate("outcomes.housing_resolved", c[3], c[2]),
            Figure.Rate("outcomes.offending_stopped", c[5], c[4]),
            Figure.Rate("outcomes.paid_work", c[7], c[6]),
        ];
    }
}
