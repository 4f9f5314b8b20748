namespace Pathway.Assessments;

/// <summary>
/// The Alcohol Use Disorders Identification Test (WHO), UK units version: 10 questions, 0–40. The one place
/// its scoring lives; the public alcohol self-check uses it too.
/// </summary>
public static class Audit
{
    public const string LowerRisk = "Lower risk";
    public const string IncreasingRisk = "Increasing risk";
    public const string HigherRisk = "Higher risk";
    public const string PossibleDependence = "Possible dependence";

    private static readonly AnswerOption[] Frequency =
        [new("Never", 0), new("Less than monthly", 1), new("Monthly", 2), new("Weekly", 3), new("Daily or almost daily", 4)];

    // Questions 9 and 10 score 0, 2 or 4: there is no 1 or 3.
    private static readonly AnswerOption[] Harm =
        [new("No", 0), new("Yes, but not in the last year", 2), new("Yes, during the last year", 4)];

    public static readonly IReadOnlyList<ScreeningQuestion> Questions =
    [
        new("How often do you have a drink containing alcohol?",
            [new("Never", 0), new("Monthly or less", 1), new("2 to 4 times a month", 2), new("2 to 3 times a week", 3), new("4 or more times a week", 4)]),
        new("How many units of alcohol do you drink on a typical day when you are drinking?",
            [new("0 to 2", 0), new("3 to 4", 1), new("5 to 6", 2), new("7 to 9", 3), new("10 or more", 4)]),
        new("How often have you had 6 or more units if female, or 8 or more if male, on a single occasion in the last year?", Frequency),
        new("How often during the last year have you found that you were not able to stop drinking once you had started?", Frequency),
        new("How often during the last year have you failed to do what was normally expected from you because of your drinking?", Frequency),
        new("How often during the last year have you needed an alcoholic drink in the morning to get yourself going after a heavy drinking session?", Frequency),
        new("How often during the last year have you had a feeling of guilt or remorse after drinking?", Frequency),
        new("How often during the last year have you been unable to remember what happened the night before because you had been drinking?", Frequency),
        new("Have you or somebody else been injured as a result of your drinking?", Harm),
        new("Has a relative or friend, doctor or other health worker been concerned about your drinking or suggested that you cut down?", Harm),
    ];

    public static string ZoneOf(int score) => score switch
    {
        < 0 or > 40 => throw new ArgumentOutOfRangeException(nameof(score)),
        <= 7 => LowerRisk,
        <= 15 => IncreasingRisk,
        <= 19 => HigherRisk,
        _ => PossibleDependence,
    };

    public static ScreeningScore Score(IReadOnlyList<int> answers) => Tool.Score(answers);

    public static IScreeningTool Tool { get; } = new ScreeningTools.Table(ScreeningTool.Audit, "AUDIT", Questions, ZoneOf);
}

/// <summary>AUDIT-C: the first three AUDIT questions, 0–12; 5 or more is a positive screen (go on to the full AUDIT).</summary>
public static class AuditC
{
    public const string Negative = "Lower risk";
    public const string Positive = "Positive screen: complete the full AUDIT";

    public static readonly IReadOnlyList<ScreeningQuestion> Questions = Audit.Questions.Take(3).ToList();

    public static string ZoneOf(int score) => score switch
    {
        < 0 or > 12 => throw new ArgumentOutOfRangeException(nameof(score)),
        < 5 => Negative,
        _ => Positive,
    };

    public static ScreeningScore Score(IReadOnlyList<int> answers) => Tool.Score(answers);

    public static IScreeningTool Tool { get; } = new ScreeningTools.Table(ScreeningTool.AuditC, "AUDIT-C", Questions, ZoneOf);
}
