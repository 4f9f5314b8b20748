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

    private static string Successful => IndicatorSql.InList(Enum.GetValues<DischargeReason>()
        .Where(DischargeReasons.IsSuccessfulCompletion).Select(Codes<DischargeReason>.Code));

    /// <summary>
    /// The numerator over rows of <c>person_period</c> (<see cref="InTreatment.PersonPeriod"/>): the person's latest
    /// discharge in the period is a successful completion and no episode of theirs that exists on the as-of date,
    /// at any provider and in any pathway, was referred in (discharge, six months after discharge].
    /// </summary>
    public static string NumeratorOf(IndicatorSql sql, string p) => $"""
        SUM(CASE WHEN {p}.reason IS NULL OR {p}.reason NOT IN {Successful} THEN 0
                 WHEN EXISTS (
                   SELECT 1 FROM "Episodes" r
                   WHERE r."PersonId" = {p}.person AND r."ReferralDate" > {p}.discharge
                     AND r."ReferralDate" <= {sql.SixMonthsAfter($"{p}.discharge")} AND r."ReferralDate" <= @asof) THEN 0
                 ELSE 1 END)
        """;

    /// <summary>1 when any numerator candidate's six-month window ends after the as-of date.</summary>
    public static string ProvisionalOf(IndicatorSql sql, string p) =>
        $"MAX(CASE WHEN {p}.reason IN {Successful} AND {sql.SixMonthsAfter($"{p}.discharge")} > @asof THEN 1 ELSE 0 END)";

    public static IReadOnlyList<Figure> Figures(PeopleInPeriod people) => Enum.GetValues<CompletionFamily>()
        .Select(f =>
        {
            var groups = people.Groups.Where(g => FamilyOf(g.Key) == f).Select(g => g.Value).ToList();
            return Figure.Rate(IdOf(f), groups.Sum(g => g.Completions), groups.Sum(g => g.InTreatment), groups.Any(g => g.Provisional));
        })
        .ToList();
}
