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
    public static IReadOnlyList<ReportPeriod> Options(DateOnly today)
    {
        var last = Quarter.Containing(today).Previous();
        var quarters = last.LastQuarters(8).Reverse().Select(Of);
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
