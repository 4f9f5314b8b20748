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

    private static string MainSubstanceDays(string review) =>
        "CASE p.s1 " + string.Concat(Enum.GetValues<Substance>()
            .Select(s => $"WHEN {IndicatorSql.Literal(Codes<Substance>.Code(s))} THEN {review}.\"{DaysColumnOf(s)}\" ")) + "END";

    private static string Offending(string r) => $"({r}.\"ShopliftingDays\" > 0 OR {r}.\"DrugSellingDays\" > 0 OR {r}.\"OtherOffending\" = TRUE)";

    public static async Task<IReadOnlyList<Figure>> ComputeAsync(PathwayDb db, IndicatorSql sql, CancellationToken cancel)
    {
        var start = Codes<OutcomeReviews.ReviewStage>.Code(OutcomeReviews.ReviewStage.Start);
        var review = Codes<OutcomeReviews.ReviewStage>.Code(OutcomeReviews.ReviewStage.Review);
        // Only start reviews 150–240 days before some day of the period can pair with a review in it.
        var text = $"""
            {sql.EpisodesAsOf()},
            pairs AS (
              SELECT a.s1, s."Id" AS start_id,
                     (SELECT r."Id" FROM "OutcomeReviews" r
                      WHERE r."EpisodeId" = s."EpisodeId" AND r."Stage" = '{review}' AND r."Date" <= @asof
                        AND r."Date" >= {sql.AddDays("s.\"Date\"", PairFromDays)} AND r."Date" <= {sql.AddDays("s.\"Date\"", PairToDays)}
                      ORDER BY r."Date", r."Id" LIMIT 1) AS review_id
              FROM "OutcomeReviews" s JOIN adult a ON a.id = s."EpisodeId"
              WHERE s."Stage" = '{start}' AND s."Date" <= @asof
                AND s."Date" >= {sql.AddDays("@from", -PairToDays)} AND s."Date" <= {sql.AddDays("@to", -PairFromDays)})
            SELECT
              SUM(CASE WHEN {MainSubstanceDays("s")} > 0 THEN 1 ELSE 0 END),
              SUM(CASE WHEN {MainSubstanceDays("s")} > 0 AND {MainSubstanceDays("v")} = 0 THEN 1 ELSE 0 END),
              SUM(CASE WHEN s."AcuteHousingProblem" = TRUE THEN 1 ELSE 0 END),
              SUM(CASE WHEN s."AcuteHousingProblem" = TRUE AND v."AcuteHousingProblem" = FALSE THEN 1 ELSE 0 END),
              SUM(CASE WHEN {Offending("s")} THEN 1 ELSE 0 END),
              SUM(CASE WHEN {Offending("s")} AND NOT {Offending("v")} THEN 1 ELSE 0 END),
              SUM(CASE WHEN s."PaidWorkDays" = 0 THEN 1 ELSE 0 END),
              SUM(CASE WHEN s."PaidWorkDays" = 0 AND v."PaidWorkDays" > 0 THEN 1 ELSE 0 END)
            FROM pairs p
            JOIN "OutcomeReviews" s ON s."Id" = p.start_id
            JOIN "OutcomeReviews" v ON v."Id" = p.review_id
            WHERE v."Date" >= @from AND v."Date" <= @to
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
