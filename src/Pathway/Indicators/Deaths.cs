using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// indicators.md version 2 "Deaths in treatment" (<c>deaths.in_treatment</c>): distinct persons with an adult episode in the
/// selection discharged <c>died</c> in the period while in treatment, i.e. triaged on or before that day; an untriaged
/// referral is not in treatment.
/// </summary>
public static class Deaths
{
    public const string Id = "deaths.in_treatment";

    /// <summary>A COUNT over rows of <c>selected</c> (the as-of view: a triage or discharge after the as-of date is blank).</summary>
    public static string CountOf(string s) => $"""
        COUNT(DISTINCT CASE WHEN {s}.pathway = {IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.Adult))}
                             AND {s}.reason = {IndicatorSql.Literal(Codes<DischargeReason>.Code(DischargeReason.Died))}
                             AND {s}.discharge >= @from AND {s}.discharge <= @to
                             AND {s}.triage IS NOT NULL AND {s}.triage <= {s}.discharge THEN {s}.person END)
        """;
}
