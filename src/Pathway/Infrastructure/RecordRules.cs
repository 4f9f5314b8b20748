namespace Pathway.Infrastructure;

/// <summary>
/// What every record's rules share. A rule is a plain static method on values that returns null when the value
/// keeps it, or the reason it does not, as a predicate ("must not be in the future"). The reason is a constant
/// wherever it can be, so the bundle loader's millions of rows allocate nothing for a rule they keep. The loader
/// reports a reason after the column's name, a form after the field's label (<see cref="Phrase"/>): the words of
/// a rule are written once, with the rule.
/// </summary>
public static class RecordRules
{
    public const string InTheFuture = "must not be in the future";

    public static string? NotFuture(DateOnly day, DateOnly today) => day > today ? InTheFuture : null;

    /// <summary>A reason as a form shows it: "Start date must be today or in the past" (the NHS.UK pattern's words for a date).</summary>
    public static string Phrase(string label, string reason) => $"{label} {(reason == InTheFuture ? "must be today or in the past" : reason)}";
}

/// <summary>A range of whole numbers a field of a record must keep, with its reason written once.</summary>
public sealed class WholeNumbers(int min, int max)
{
    public int Min => min;
    public int Max => max;
    public string Reason { get; } = $"must be a whole number from {min} to {max}";

    public string? Check(int value) => value < min || value > max ? Reason : null;
}
