namespace Pathway.People;

/// <summary>The NHS number's modulus-11 check digit, the one place the rule lives.</summary>
public static class NhsNumber
{
    public static bool IsValid(string? value)
    {
        if (value is null || value.Length != 10 || !value.All(char.IsAsciiDigit)) return false;
        return CheckDigit(value.AsSpan(0, 9)) is { } check && check == value[9] - '0';
    }

    /// <summary>The check digit for nine digits, or null when they have none (remainder gives 10).</summary>
    public static int? CheckDigit(ReadOnlySpan<char> nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 9; i++) sum += (nineDigits[i] - '0') * (10 - i);
        var check = 11 - sum % 11;
        return check switch { 11 => 0, 10 => null, _ => check };
    }
}
