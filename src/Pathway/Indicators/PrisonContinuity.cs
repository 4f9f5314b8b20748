using Pathway.Episodes;
using Pathway.Infrastructure;

namespace Pathway.Indicators;

/// <summary>
/// indicators.md version 2 "Prison continuity" (<c>continuity.prison_3_weeks</c>): of the adult episodes in the selection
/// referred from prison in the period, those triaged within 21 days of referral (on or before the as-of date).
/// Per episode, not per person, as the spec counts it.
/// </summary>
public static class PrisonContinuity
{
    public const string Id = "continuity.prison_3_weeks";
    public const int Days = 21;

    private static string Referred(string s) => $"""
        {s}.pathway = {IndicatorSql.Literal(Codes<CarePathway>.Code(CarePathway.Adult))}
        AND {s}.source = {IndicatorSql.Literal(Codes<ReferralSource>.Code(ReferralSource.Prison))}
        AND {s}.referral >= @from AND {s}.referral <= @to
        """;

    /// <summary>Over rows of <c>selected</c>.</summary>
    public static string DenominatorOf(string s) => $"SUM(CASE WHEN {Referred(s)} THEN 1 ELSE 0 END)";

    public static string NumeratorOf(IndicatorSql sql, string s) =>
        $"SUM(CASE WHEN {Referred(s)} AND {s}.triage IS NOT NULL AND {s}.triage <= {sql.AddDays($"{s}.referral", Days)} THEN 1 ELSE 0 END)";
}
