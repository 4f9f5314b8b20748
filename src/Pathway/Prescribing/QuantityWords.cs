using System.Globalization;

namespace Pathway.Prescribing;

/// <summary>
/// A quantity in words, as the Misuse of Drugs Regulations ask a controlled-drug prescription to give its total quantity
/// ("eight hundred and forty"), in British usage: "and" before the tens, one decimal place as "point five".
/// </summary>
public static class QuantityWords
{
    private static readonly string[] Units =
    [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve", "thirteen",
        "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen",
    ];
    private static readonly string[] Tens = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

    /// <summary>0 to 999,999.9 (a prescription's total is far below); more than one decimal place is refused, not rounded.</summary>
    public static string Of(decimal quantity)
    {
        if (quantity < 0 || quantity >= 1_000_000m) throw new ArgumentOutOfRangeException(nameof(quantity), "A quantity from 0 to 999,999.9.");
        var whole = (int)decimal.Truncate(quantity);
        var tenths = (quantity - whole) * 10;
        if (tenths != decimal.Truncate(tenths)) throw new ArgumentException("At most one decimal place.", nameof(quantity));
        var words = Whole(whole);
        return tenths == 0 ? words : $"{words} point {Units[(int)tenths]}";
    }

    /// <summary>The figures beside the words: 840, 7.5.</summary>
    public static string Figures(decimal quantity) => quantity.ToString("0.#", CultureInfo.InvariantCulture);

    private static string Whole(int n)
    {
        if (n == 0) return Units[0];
        var parts = new List<string>();
        if (n >= 1000)
        {
            parts.Add($"{Hundreds(n / 1000)} thousand");
            n %= 1000;
            // "one thousand and five": the "and" goes before a last part under a hundred.
            if (n is > 0 and < 100) parts.Add("and");
        }
        if (n > 0) parts.Add(Hundreds(n));
        return string.Join(' ', parts);
    }

    private static string Hundreds(int n)
    {
        var hundreds = n / 100;
        var rest = n % 100;
        var tens = rest < 20 ? (rest == 0 ? null : Units[rest]) : rest % 10 == 0 ? Tens[rest / 10] : $"{Tens[rest / 10]}-{Units[rest % 10]}";
        return (hundreds, tens) switch
        {
            (0, _) => tens!,
            (_, null) => $"{Units[hundreds]} hundred",
            _ => $"{Units[hundreds]} hundred and {tens}",
        };
    }
}
