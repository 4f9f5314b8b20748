using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

public enum CompletionFamily { Opiate, NonOpiate, Alcohol }

/// <summary>indicators.md §1: successful completion without re-presentation within six months (the headline).</summary>
public static class Completion
{
    public static CompletionFamily FamilyOf(SubstanceGroup group) => group switch
    {
        SubstanceGroup.Opiate => CompletionFamily.Opiate,
        SubstanceGroup.NonOpiateOnly or SubstanceGroup.NonOpiateAndAlcohol => CompletionFamily.NonOpiate,
        _ => CompletionFamily.Alcohol,
    };

    public static string IdOf(CompletionFamily family) => $"completion.{Codes<CompletionFamily>.Code(family)}";

    public static async Task<IReadOnlyList<Figure>> ComputeAsync(PathwayDb db, IndicatorSql sql, CancellationToken cancel)
    {
        var successful = IndicatorSql.InList(Enum.GetValues<DischargeReason>()
            .Where(DischargeReasons.IsSuccessfulCompletion).Select(Codes<DischargeReason>.Code));
        // A person's latest discharge in the period is taken from their adult episodes in the selection,
        // triaged or not; the re-presentation that cancels a completion is looked for in every episode of
        // the person that exists on the as-of date, at any provider and in any pathway.
        var text = $"""
            {sql.EpisodesAsOf()},
            {InTreatment.PersonGroups(sql)},
            latest_discharge AS (
              SELECT person, discharge, reason FROM (
                SELECT a.person, a.discharge, a.reason,
                       ROW_NUMBER() OVER (PARTITION BY a.person ORDER BY a.discharge DESC, {sql.Ordinal("a.ref")} DESC) AS n
                FROM adult a WHERE a.discharge >= @from AND a.discharge <= @to) ranked
              WHERE n = 1),
            candidates AS (
              SELECT g.person, g.grp, d.discharge, {sql.SixMonthsAfter("d.discharge")} AS window_end
              FROM person_group g JOIN latest_discharge d ON d.person = g.person
              WHERE d.reason IN {successful})
            SELECT 'denominator' AS kind, grp, COUNT(*), 0 FROM person_group GROUP BY grp
            UNION ALL
            SELECT 'numerator', c.grp,
                   SUM(CASE WHEN EXISTS (
                         SELECT 1 FROM "Episodes" r
                         WHERE r."PersonId" = c.person AND r."ReferralDate" > c.discharge
                           AND r."ReferralDate" <= c.window_end AND r."ReferralDate" <= @asof) THEN 0 ELSE 1 END),
                   MAX(CASE WHEN c.window_end > @asof THEN 1 ELSE 0 END)
            FROM candidates c GROUP BY c.grp
            """;
        var denominators = new Dictionary<CompletionFamily, long>();
        var numerators = new Dictionary<CompletionFamily, long>();
        var provisional = new HashSet<CompletionFamily>();
        await sql.ReadAsync(db, text, row =>
        {
            var family = FamilyOf(Codes<SubstanceGroup>.Parse(row.GetString(1)));
            var count = IndicatorSql.Long(row, 2);
            if (row.GetString(0) == "denominator")
            {
                denominators[family] = denominators.GetValueOrDefault(family) + count;
                return;
            }
            numerators[family] = numerators.GetValueOrDefault(family) + count;
            if (IndicatorSql.Long(row, 3) == 1) provisional.Add(family);
        }, cancel);

        return Enum.GetValues<CompletionFamily>()
            .Select(f => Figure.Rate(IdOf(f), numerators.GetValueOrDefault(f), denominators.GetValueOrDefault(f), provisional.Contains(f)))
            .ToList();
    }
}
