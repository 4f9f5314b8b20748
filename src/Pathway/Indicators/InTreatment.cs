using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>indicators.md §2: numbers in treatment and new presentations, adults and young people.</summary>
public static class InTreatment
{
    public static readonly SubstanceGroup[] Groups =
        [SubstanceGroup.Opiate, SubstanceGroup.NonOpiateOnly, SubstanceGroup.NonOpiateAndAlcohol, SubstanceGroup.AlcoholOnly];

    /// <summary>
    /// CTE <c>person_period</c>: one row per person with an adult episode of the selection in treatment in the
    /// period or discharged in it. <c>grp</c> is indicators.md "Substance group of a person in a period" (their
    /// latest-triaged episode in treatment; ties: the latest episode_ref, ordinal), null when none is in
    /// treatment; <c>discharge</c> and <c>reason</c> are their latest discharge within the period (ties the same
    /// way), triaged or not, for §1. Shared by §1 and §2 so both count the same people in the same groups.
    /// Both rules are ranked in one pass and folded per person, never joined: joining two per-person sets made
    /// PostgreSQL's planner, which cannot estimate the as-of view's CASE columns, pick a nested loop over them.
    /// </summary>
    public static string PersonPeriod(IndicatorSql sql) => $"""
        flagged AS (
          SELECT a.person, a.triage, a.ref, a.discharge, a.reason, {IndicatorSql.SubstanceGroupOf("a")} AS grp,
                 CASE WHEN {IndicatorSql.InTreatmentInPeriod("a")} THEN 1 ELSE 0 END AS treated,
                 CASE WHEN a.discharge >= @from AND a.discharge <= @to THEN 1 ELSE 0 END AS discharged
          FROM adult a
          WHERE ({IndicatorSql.InTreatmentInPeriod("a")}) OR (a.discharge >= @from AND a.discharge <= @to)),
        ranked AS (
          SELECT f.*,
                 ROW_NUMBER() OVER (PARTITION BY f.person ORDER BY f.treated DESC, f.triage DESC, {sql.Ordinal("f.ref")} DESC) AS group_rank,
                 ROW_NUMBER() OVER (PARTITION BY f.person ORDER BY f.discharged DESC, f.discharge DESC, {sql.Ordinal("f.ref")} DESC) AS discharge_rank
          FROM flagged f),
        person_period AS (
          SELECT person,
                 MAX(CASE WHEN group_rank = 1 AND treated = 1 THEN grp END) AS grp,
                 MAX(CASE WHEN discharge_rank = 1 AND discharged = 1 THEN discharge END) AS discharge,
                 MAX(CASE WHEN discharge_rank = 1 AND discharged = 1 THEN reason END) AS reason
          FROM ranked WHERE group_rank = 1 OR discharge_rank = 1 GROUP BY person)
        """;

    public static async Task<IReadOnlyList<Figure>> ComputeAsync(PathwayDb db, IndicatorSql sql, CancellationToken cancel)
    {
        var text = $"""
            {sql.EpisodesAsOf()},
            {PersonPeriod(sql)}
            SELECT 'group' AS kind, grp, COUNT(*) FROM person_period WHERE grp IS NOT NULL GROUP BY grp
            UNION ALL SELECT 'new', '', COUNT(DISTINCT person) FROM adult WHERE triage >= @from AND triage <= @to
            UNION ALL SELECT 'young', '', COUNT(DISTINCT person) FROM young y WHERE {IndicatorSql.InTreatmentInPeriod("y")}
            UNION ALL SELECT 'young_new', '', COUNT(DISTINCT person) FROM young WHERE triage >= @from AND triage <= @to
            """;
        var groups = new Dictionary<string, long>();
        long presentations = 0, young = 0, youngPresentations = 0;
        await sql.ReadAsync(db, text, row =>
        {
            var count = IndicatorSql.Long(row, 2);
            switch (row.GetString(0))
            {
                case "group": groups[row.GetString(1)] = count; break;
                case "new": presentations = count; break;
                case "young": young = count; break;
                case "young_new": youngPresentations = count; break;
            }
        }, cancel);

        return
        [
            Figure.Count("in_treatment.total", groups.Values.Sum()),
            .. Groups.Select(g => Figure.Count($"in_treatment.{Codes<SubstanceGroup>.Code(g)}", groups.GetValueOrDefault(Codes<SubstanceGroup>.Code(g)))),
            Figure.Count("new_presentations.total", presentations),
            Figure.Count("young_people.in_treatment", young),
            Figure.Count("young_people.new_presentations", youngPresentations),
        ];
    }
}
