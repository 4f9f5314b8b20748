namespace Pathway.Indicators;

/// <summary>
/// indicators.md version 2 "Public figures and small numbers", the one place the rule lives: every public output (the
/// scrutiny report, `report --public`) passes its report through <see cref="Apply"/>. A count from 1 to 4 is withheld
/// ("fewer than 5"); a rate whose numerator or denominator is from 1 to 4 loses its value, numerator and denominator; zero
/// stays zero. Staff and commissioner screens show the report unchanged.
/// </summary>
public static class PublicFigures
{
    public const int Threshold = 5;
    public const string FewerThan = "fewer than 5";

    public static bool IsSmall(long? n) => n is >= 1 and < Threshold;

    /// <summary>
    /// The median wait has no numerator or denominator of its own, but it is made of the waits counted by
    /// <c>waiting.over_3_weeks</c>'s denominator: the median of one to four waits is nearly a person's own wait, so it is
    /// withheld with that denominator.
    /// </summary>
    private static readonly Dictionary<string, string> CountedBy = new() { ["waiting.median_days"] = "waiting.over_3_weeks" };

    public static IndicatorReport Apply(IndicatorReport report) => report.Public ? report : report with
    {
        Public = true,
        Figures = report.Figures.Select(f => Withheld(f, report) ? Suppress(f) : f).ToList(),
    };

    private static bool Withheld(Figure f, IndicatorReport report) => f.Kind switch
    {
        FigureKind.Count => IsSmall((long?)f.Value),
        FigureKind.Rate => IsSmall(f.Numerator) || IsSmall(f.Denominator),
        _ => CountedBy.TryGetValue(f.Id, out var by) && report.Figures.FirstOrDefault(b => b.Id == by) is { } basis && IsSmall(basis.Denominator),
    };

    private static Figure Suppress(Figure f) => f with { Numerator = null, Denominator = null, Value = null, Suppressed = true };
}
