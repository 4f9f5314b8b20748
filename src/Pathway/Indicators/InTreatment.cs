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
    /// CTEs <c>in_period</c> (adult episodes of the selection in treatment in the period) and
    /// <c>person_group</c>: one row per person in treatment with their group, indicators.md "Substance group
    /// of a person in a period" (the latest-triaged such episode; ties: the latest episode_ref, ordinal).
    /// Shared by §1 and §2 so both count the same people in the same groups.
    /// </summary>
    public static string PersonGroups(IndicatorSql sql) => $"""
        in_period AS (SELECT * FROM adult a WHERE {IndicatorSql.InTreatmentInPeriod("a")}),
        person_group AS (
          SELECT person, grp FROM (
            SELECT p.person, {IndicatorSql.SubstanceGroupOf("p")} AS grp,
                   ROW_NUMBER() OVER (PARTITION BY p.person ORDER BY p.triage DESC, {sql.Ordinal("p.ref")} DESC) AS n
            FROM in_period p) ranked
          WHERE n = 1)
        """;

    public static async Task<IReadOnlyList<Figure>> ComputeAsync(PathwayDb db, IndicatorSql sql, CancellationToken cancel)
    {
        var text = $"""
            {sql.EpisodesAsOf()},
            {PersonGroups(sql)}
            SELECT 'group' AS kind, grp, COUNT(*) FROM person_group GROUP BY grp
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
