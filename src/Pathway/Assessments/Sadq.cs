namespace Pathway.Assessments;

/// <summary>Severity of Alcohol Dependence Questionnaire: 20 questions scored 0–3, 0–60.</summary>
public static class Sadq
{
    public const string Mild = "Mild dependence";
    public const string Moderate = "Moderate dependence";
    public const string Severe = "Severe dependence";

    private static readonly AnswerOption[] Often =
        [new("Almost never", 0), new("Sometimes", 1), new("Often", 2), new("Nearly always", 3)];

    private static readonly string[] Statements =
    [
        // A recent month of heavy drinking.
        "I wake up feeling sweaty.",
        "My hands shake first thing in the morning.",
        "My whole body shakes violently first thing in the morning if I don't have a drink.",
        "I wake up absolutely drenched in sweat.",
        "I dread waking up in the morning.",
        "I am frightened of meeting people first thing in the morning.",
        "I feel at the edge of despair when I wake.",
        "I feel very frightened when I wake.",
        "I like to have a morning drink.",
        "I always gulp my first few morning drinks down as quickly as possible.",
        "I drink in the morning to get rid of the shakes.",
        "I have a very strong craving for a drink when I wake.",
        "I drink more than a quarter of a bottle of spirits a day (or 4 pints of beer, or 1 bottle of wine).",
        "I drink more than half a bottle of spirits a day (or 8 pints of beer, or 2 bottles of wine).",
        "I drink more than one bottle of spirits a day (or 15 pints of beer, or 4 bottles of wine).",
        "I drink more than two bottles of spirits a day (or 30 pints of beer, or 8 bottles of wine).",
        // After a few weeks without drink, then two days of very heavy drinking: the morning after.
        "I would start to sweat.",
        "My hands would shake.",
        "My body would shake.",
        "I would be craving for a drink.",
    ];

    public static readonly IReadOnlyList<ScreeningQuestion> Questions = Statements.Select(s => new ScreeningQuestion(s, Often)).ToList();

    public static string ZoneOf(int score) => score switch
    {
        < 0 or > 60 => throw new ArgumentOutOfRangeException(nameof(score)),
        < 16 => Mild,
        <= 30 => Moderate,
        _ => Severe,
    };

    public static ScreeningScore Score(IReadOnlyList<int> answers) => Tool.Score(answers);

    /// <summary>The SADQ's standard time frame: its answers are about a recent typical period of heavy drinking.</summary>
    public const string Instruction =
        "Please recall a typical period of heavy drinking in the last 6 months. Answer every question about that period, choosing how often each thing happened.";

    public static IScreeningTool Tool { get; } = new ScreeningTools.Table(ScreeningTool.Sadq, "SADQ", Questions, ZoneOf, Instruction);
}
