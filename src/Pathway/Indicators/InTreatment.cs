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
    /// CTE <c>person_period</c>: one row per person in treatment in the period (adult episodes of the selection)
    /// with <c>grp</c>, indicators.md "Substance group of a person in a period" (their latest-triaged episode in
    /// treatment; ties: the latest episode_ref, ordinal), and <c>discharge</c> and <c>reason</c>, their latest
    /// discharge within the period (ties the same way) from episodes triaged or not, null when none, for §1.
    /// Shared by §1 and §2 so both count the same people in the same groups. Both rules are ranked in one pass
    /// over the person's episodes, never joined: joining two per-person sets made PostgreSQL's planner, which
    /// cannot estimate the as-of view's CASE columns, pick a nested loop that never finished.
    /// </summary>
    public static string PersonPeriod(IndicatorSql sql) => $"""
        flagged AS (
          SELECT a.person, a.triage, a.ref, a.discharge, a.reason, {IndicatorSql.SubstanceGroupOf("a")} AS grp,
                 CASE WHEN {IndicatorSql.InTreatmentInPeriod("a")} THEN 1 ELSE 0 END AS treated,
                 CASE WHEN a.discharge >= @from AND a.discharge <= @to THEN 1 ELSE 0 END AS discharged
          FROM adult a
          WHERE ({IndicatorSql.InTreatmentInPeriod("a")}) OR (a.discharge >= @from AND a.discharge <= @to)),
        ranked AS (
          SELECT f.person, f.grp, f.treated,
                 ROW_NUMBER() OVER (PARTITION BY f.person ORDER BY f.treated DESC, f.triage DESC, {sql.Ordinal("f.ref")} DESC) AS group_rank,
                 FIRST_VALUE(CASE WHEN f.discharged = 1 THEN f.discharge END) OVER latest AS discharge,
                 FIRST_VALUE(CASE WHEN f.discharged = 1 THEN f.reason END) OVER latest AS reason
          FROM flagged f
          WINDOW latest AS (PARTITION BY f.person ORDER BY f.discharged DESC, f.discharge DESC, {sql.Ordinal("f.ref")} DESC)),
        person_period AS (SELECT person, grp, discharge, reason FROM ranked WHERE group_rank = 1 AND treated = 1)
        """;

    /// <summary>
    /// §1 and §2 in one query, so the period's people are ranked once: per group, persons in treatment,
    /// completions without re-presentation and whether any is provisional; then new presentations and the
    /// young people's counts, folded into one scan of the selection.
    /// </summary>
    public static async Task<PeopleInPeriod> CountAsync(PathwayDb db, IndicatorSql sql, CancellationToken cancel)
    {
        var adult = IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.Adult));
        var young = IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.YoungPeople));
        var text = $"""
            {sql.EpisodesAsOf()},
            {PersonPeriod(sql)}
            SELECT p.grp, COUNT(*), {Completion.NumeratorOf(sql, "p")}, {Completion.ProvisionalOf(sql, "p")}
            FROM person_period p GROUP BY p.grp
            UNION ALL
            SELECT NULL,
                   COUNT(DISTINCT CASE WHEN s.pathway = {adult} AND s.triage >= @from AND s.triage <= @to THEN s.person END),
                   COUNT(DISTINCT CASE WHEN s.pathway = {young} AND {IndicatorSql.InTreatmentInPeriod("s")} THEN s.person END),
                   COUNT(DISTINCT CASE WHEN s.pathway = {young} AND s.triage >= @from AND s.triage <= @to THEN s.person END)
            FROM selected s
            """;
        var groups = new Dictionary<SubstanceGroup, GroupCounts>();
        long presentations = 0, youngInTreatment = 0, youngPresentations = 0;
        await sql.ReadAsync(db, text, row =>
        {
            if (row.IsDBNull(0))
            {
                (presentations, youngInTreatment, youngPresentations) = (IndicatorSql.Long(row, 1), IndicatorSql.Long(row, 2), IndicatorSql.Long(row, 3));
                return;
            }
            groups[Codes<SubstanceGroup>.Parse(row.GetString(0))] = new GroupCounts(IndicatorSql.Long(row, 1), IndicatorSql.Long(row, 2), IndicatorSql.Long(row, 3) == 1);
        }, cancel);
        return new PeopleInPeriod(groups, presentations, youngInTreatment, youngPresentations);
    }

    public static IReadOnlyList<Figure> Figures(PeopleInPeriod people) =>
    [
        Figure.Count("in_treatment.total", people.Groups.Values.Sum(g => g.InTreatment)),
        .. Groups.Select(g => Figure.Count($"in_treatment.{Codes<SubstanceGroup>.Code(g)}", people.Groups.GetValueOrDefault(g)?.InTreatment ?? 0)),
        Figure.Count("new_presentations.total", people.NewPresentations),
        Figure.Count("young_people.in_treatment", people.YoungInTreatment),
        Figure.Count("young_people.new_presentations", people.YoungNewPresentations),
    ];
}

/// <summary>One substance group's people in a period: in treatment (§2), and of them completions without re-presentation (§1).</summary>
public sealed record GroupCounts(long InTreatment, long Completions, bool Provisional);

public sealed record PeopleInPeriod(IReadOnlyDictionary<SubstanceGroup, GroupCounts> Groups, long NewPresentations, long YoungInTreatment, long YoungNewPresentations);
