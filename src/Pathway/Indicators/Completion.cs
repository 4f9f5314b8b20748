using Pathway.Data;
using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

public enum CompletionFamily { Opiate, NonOpiate, Alcohol }

/// <summary>
/// indicators.md §1 as version 2 changes it: successful completion without re-presentation within six months (the headline),
/// by the person's latest journey exit in the period, opiate completions free of substitute medication.
/// </summary>
public static class Completion
{
    public static CompletionFamily FamilyOf(SubstanceGroup group) => group switch
    {
        SubstanceGroup.Opiate => CompletionFamily.Opiate,
        SubstanceGroup.NonOpiateOnly or SubstanceGroup.NonOpiateAndAlcohol => CompletionFamily.NonOpiate,
        _ => CompletionFamily.Alcohol,
    };

    public static string IdOf(CompletionFamily family) => $"completion.{Codes<CompletionFamily>.Code(family)}";

    /// <summary>The successful-completion discharge reasons as a SQL list.</summary>
    public static string Successful => IndicatorSql.InList(Enum.GetValues<DischargeReason>()
        .Where(DischargeReasons.IsSuccessfulCompletion).Select(Codes<DischargeReason>.Code));

    /// <summary>
    /// Version 2: the person's latest journey exit within the period (<c>exit_date</c>, <c>exit_successful</c> of
    /// <see cref="Journeys.PerPerson"/>) is a successful completion and, when the person's group is opiate, no substitute
    /// medication was open on the exit date (<c>medicated</c>, <see cref="Journeys.MedicatedExits"/>). What counts
    /// "but for re-presentation".
    /// </summary>
    private static string Candidate(string p) =>
        $"{p}.exit_successful = 1 AND ({p}.grp <> {IndicatorSql.Literal(Codes<SubstanceGroup>.Code(SubstanceGroup.Opiate))} OR {p}.medicated = 0)";

    /// <summary>
    /// The numerator over rows of <c>per_person</c> (<see cref="InTreatment.CountAsync"/>): a candidate, and no episode of
    /// theirs that exists on the as-of date, at any provider and in any pathway, was referred in (exit, six months after exit].
    /// </summary>
    public static string NumeratorOf(IndicatorSql sql, string p) => $"""
        SUM(CASE WHEN {p}.exit_date IS NULL OR NOT ({Candidate(p)}) THEN 0
                 WHEN EXISTS (
                   SELECT 1 FROM "Episodes" r
                   WHERE r."PersonId" = {p}.person AND r."ReferralDate" > {p}.exit_date
                     AND r."ReferralDate" <= {sql.SixMonthsAfter($"{p}.exit_date")} AND r."ReferralDate" <= @asof) THEN 0
                 ELSE 1 END)
        """;

    /// <summary>1 when any person who would count but for re-presentation has a six-month window ending after the as-of date.</summary>
    public static string ProvisionalOf(IndicatorSql sql, string p) =>
        $"MAX(CASE WHEN {p}.exit_date IS NOT NULL AND {Candidate(p)} AND {sql.SixMonthsAfter($"{p}.exit_date")} > @asof THEN 1 ELSE 0 END)";

    public static IReadOnlyList<Figure> Figures(PeopleInPeriod people) => Enum.GetValues<CompletionFamily>()
        .Select(f =>
        {
            var groups = people.Groups.Where(g => FamilyOf(g.Key) == f).Select(g => g.Value).ToList();
            return Figure.Rate(IdOf(f), groups.Sum(g => g.Completions), groups.Sum(g => g.InTreatment), groups.Any(g => g.Provisional));
        })
        .ToList();
}
