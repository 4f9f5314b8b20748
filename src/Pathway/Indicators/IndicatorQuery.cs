namespace Pathway.Indicators;

/// <summary>
/// What a report is about (indicators.md "Common terms"): an inclusive period, the as-of date whose data
/// counts, and the selection. Null selection members mean "every local authority" / "every provider".
/// </summary>
public sealed record IndicatorQuery(DateOnly From, DateOnly To, DateOnly AsOf, string? LocalAuthority = null, string? Provider = null)
{
    /// <summary>One sentence saying why the query cannot be answered, or null when it can.</summary>
    public string? Problem() =>
        From > To ? "--from must not be after --to."
        : AsOf < From ? "--as-of must not be before --from: nothing in the period would be observed yet."
        : null;
}

public enum FigureKind { Rate, Count, Median }

/// <summary>
/// One indicator's figure with what it was computed from, so a reader can check it by hand: a rate has a
/// numerator and denominator; a count or a median has a value only. A suppressed figure (<see cref="PublicFigures"/>)
/// has none of them: it is withheld from a public paper under the small-number rule.
/// </summary>
public sealed record Figure(string Id, FigureKind Kind, long? Numerator, long? Denominator, decimal? Value, bool? Provisional = null,
    bool Suppressed = false)
{
    public static Figure Rate(string id, long numerator, long denominator, bool? provisional = null) =>
        new(id, FigureKind.Rate, numerator, denominator, Percent(numerator, denominator), provisional);

    public static Figure Count(string id, long value) => new(id, FigureKind.Count, null, null, value);

    public static Figure Median(string id, decimal? value) => new(id, FigureKind.Median, null, null, value is { } v ? OneDecimal(v) : null);

    /// <summary>Percentages to 1 decimal, halves away from zero (as a person rounds by hand); none for an empty denominator.</summary>
    public static decimal? Percent(long numerator, long denominator) =>
        denominator == 0 ? null : OneDecimal(100m * numerator / denominator);

    // Adding 0.0m fixes the scale at one decimal, so 100 is written as 100.0 like every other rate.
    private static decimal OneDecimal(decimal value) => Math.Round(value, 1, MidpointRounding.AwayFromZero) + 0.0m;
}

/// <summary>
/// Every figure of one query, in the order of cli.md. <see cref="Public"/> when the small-number rule has been applied
/// (<see cref="PublicFigures.Apply"/>) for a paper that will be published.
/// </summary>
public sealed record IndicatorReport(IndicatorQuery Query, IReadOnlyList<Figure> Figures, bool Public = false)
{
    /// <summary>The version of indicators.md these figures follow.</summary>
    public const int SpecVersion = 2;

    public Figure this[string id] => Figures.First(f => f.Id == id);
}
