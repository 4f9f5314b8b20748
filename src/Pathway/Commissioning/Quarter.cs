namespace Pathway.Commissioning;

/// <summary>A quarter of the financial year (April to March), the period commissioners review.</summary>
public readonly record struct Quarter(int FinancialYear, int Number)
{
    public DateOnly From => new DateOnly(FinancialYear, 4, 1).AddMonths(3 * (Number - 1));
    public DateOnly To => From.AddMonths(3).AddDays(-1);

    /// <summary>"2024-25 Q1" names the quarter April–June 2024.</summary>
    public string Name => $"{FinancialYear}-{(FinancialYear + 1) % 100:00} Q{Number}";
    public string Months => $"{From:MMM yyyy} to {To:MMM yyyy}";
    public string Key => $"{FinancialYear}Q{Number}";

    public static Quarter Containing(DateOnly day)
    {
        var year = day.Month >= 4 ? day.Year : day.Year - 1;
        var number = (day.Month + 8) % 12 / 3 + 1;
        return new Quarter(year, number);
    }

    public Quarter Previous() => Number == 1 ? new Quarter(FinancialYear - 1, 4) : this with { Number = Number - 1 };

    /// <summary>The <paramref name="count"/> quarters ending with this one, oldest first.</summary>
    public IReadOnlyList<Quarter> LastQuarters(int count)
    {
        var list = new List<Quarter> { this };
        while (list.Count < count) list.Add(list[^1].Previous());
        list.Reverse();
        return list;
    }

    public static bool TryParse(string? key, out Quarter quarter)
    {
        quarter = default;
        if (key is not { Length: 6 } || key[4] != 'Q' || !int.TryParse(key[..4], out var year) || key[5] is < '1' or > '4') return false;
        quarter = new Quarter(year, key[5] - '0');
        return true;
    }
}
