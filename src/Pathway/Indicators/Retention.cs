namespace Pathway.Indicators;

/// <summary>
/// indicators.md version 2 "Retained 12 weeks" (<c>engagement.retained_12_weeks</c>): of the persons whose earliest journey
/// starting in the period starts from an episode in the selection, those still in treatment 84 days after the start, or
/// who had left by then with a successful completion.
/// </summary>
public static class Retention
{
    public const string Id = "engagement.retained_12_weeks";
    public const int Days = 84;

    /// <summary>
    /// Over rows of <c>per_person</c>: <c>start</c> is that journey's start, <c>start_exit_date</c> its exit date (null while
    /// it has none, as of the as-of date) and <c>start_exit_successful</c> 1 when that exit is a successful completion.
    /// </summary>
    public static string DenominatorOf(string p) => $"COUNT({p}.start)";

    public static string NumeratorOf(IndicatorSql sql, string p) => $"""
        SUM(CASE WHEN {p}.start IS NULL THEN 0
                 WHEN {p}.start_exit_date IS NULL THEN CASE WHEN {sql.AddDays($"{p}.start", Days)} <= @asof THEN 1 ELSE 0 END
                 WHEN {p}.start_exit_date >= {sql.AddDays($"{p}.start", Days)} THEN 1
                 WHEN {p}.start_exit_successful = 1 THEN 1
                 ELSE 0 END)
        """;

    /// <summary>1 when a journey of the denominator has no exit and its 84th day is after the as-of date: it may yet count.</summary>
    public static string ProvisionalOf(IndicatorSql sql, string p) =>
        $"MAX(CASE WHEN {p}.start IS NOT NULL AND {p}.start_exit_date IS NULL AND {sql.AddDays($"{p}.start", Days)} > @asof THEN 1 ELSE 0 END)";
}
