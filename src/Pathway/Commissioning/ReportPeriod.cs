using System.Globalization;

namespace Pathway.Commissioning;

/// <summary>A period the dashboard offers: a financial quarter ("2024Q1") or a financial year ("FY2024").</summary>
public sealed record ReportPeriod(string Key, string Label, DateOnly From, DateOnly To)
{
    public static ReportPeriod Of(Quarter q) => new(q.Key, $"{q.Name} ({q.Months})", q.From, q.To);

    public static ReportPeriod Year(int financialYear) =>
        new($"FY{financialYear}", $"Year {financialYear}-{(financialYear + 1) % 100:00} (Apr {financialYear} to Mar {financialYear + 1})",
            new DateOnly(financialYear, 4, 1), new DateOnly(financialYear + 1, 3, 31));

    /// <summary>The last full quarter is the default: the one a quarterly review looks at.</summary>
    public static ReportPeriod Default(DateOnly today) => Of(Quarter.Containing(today).Previous());

    /// <summary>The current quarter so far, then the eight full quarters before it, newest first, then three financial years.</summary>
    public static IReadOnlyList<ReportPeriod> Options(DateOnly today)
    {
        var current = Quarter.Containing(today);
        var quarters = current.LastQuarters(9).Reverse().Select(q => q == current ? Of(q) with { Label = $"{q.Name} ({q.Months}, so far)" } : Of(q));
        var years = Enumerable.Range(0, 3).Select(i => Year(Quarter.Containing(today).FinancialYear - 1 - i));
        return [.. quarters, .. years];
    }

    public static ReportPeriod? Parse(string? key)
    {
        if (Quarter.TryParse(key, out var q)) return Of(q);
        if (key is { Length: 6 } && key.StartsWith("FY", StringComparison.Ordinal)
            && int.TryParse(key[2..], NumberStyles.None, CultureInfo.InvariantCulture, out var year) && year is > 1990 and < 2200)
            return Year(year);
        return null;
    }
}
