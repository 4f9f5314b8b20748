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
            {InTreatment.PersonPeriod(sql)}
            SELECT p.grp, COUNT(*),
                   SUM(CASE WHEN p.reason IS NULL OR p.reason NOT IN {successful} THEN 0
                            WHEN EXISTS (
                              SELECT 1 FROM "Episodes" r
                              WHERE r."PersonId" = p.person AND r."ReferralDate" > p.discharge
                                AND r."ReferralDate" <= {sql.SixMonthsAfter("p.discharge")} AND r."ReferralDate" <= @asof) THEN 0
                            ELSE 1 END),
                   MAX(CASE WHEN p.reason IN {successful} AND {sql.SixMonthsAfter("p.discharge")} > @asof THEN 1 ELSE 0 END)
            FROM person_period p WHERE p.grp IS NOT NULL GROUP BY p.grp
            """;
        var denominators = new Dictionary<CompletionFamily, long>();
        var numerators = new Dictionary<CompletionFamily, long>();
        var provisional = new HashSet<CompletionFamily>();
        await sql.ReadAsync(db, text, row =>
        {
            var family = FamilyOf(Codes<SubstanceGroup>.Parse(row.GetString(0)));
            denominators[family] = denominators.GetValueOrDefault(family) + IndicatorSql.Long(row, 1);
            numerators[family] = numerators.GetValueOrDefault(family) + IndicatorSql.Long(row, 2);
            if (IndicatorSql.Long(row, 3) == 1) provisional.Add(family);
        }, cancel);

        return Enum.GetValues<CompletionFamily>()
            .Select(f => Figure.Rate(IdOf(f), numerators.GetValueOrDefault(f), denominators.GetValueOrDefault(f), provisional.Contains(f)))
            .ToList();
    }
}
