namespace Pathway.Assessments;

public enum ScreeningTool { Audit, AuditC, Sadq }

public sealed record AnswerOption(string Text, int Points);

public sealed record ScreeningQuestion(string Text, IReadOnlyList<AnswerOption> Options)
{
    public bool Allows(int points) => Options.Any(o => o.Points == points);
}

public sealed record ScreeningScore(int Score, string Zone);

/// <summary>What every screening tool offers a form: its questions, and a score with a zone from answers.</summary>
public interface IScreeningTool
{
    ScreeningTool Tool { get; }
    string Name { get; }
    IReadOnlyList<ScreeningQuestion> Questions { get; }
    /// <summary>What the questionnaire asks the person to think about before answering (its standard wording), if anything.</summary>
    string? Instruction => null;
    ScreeningScore Score(IReadOnlyList<int> answers);
}

public static class ScreeningTools
{
    public static IScreeningTool For(ScreeningTool tool) => tool switch
    {
        ScreeningTool.Audit => Audit.Tool,
        ScreeningTool.AuditC => AuditC.Tool,
        ScreeningTool.Sadq => Sadq.Tool,
        _ => throw new ArgumentOutOfRangeException(nameof(tool)),
    };

    /// <summary>The sum of the answers' points, after checking each is one the question allows.</summary>
    internal static int Sum(IReadOnlyList<ScreeningQuestion> questions, IReadOnlyList<int> answers)
    {
        if (answers.Count != questions.Count)
            throw new ArgumentException($"Expected {questions.Count} answers, got {answers.Count}.", nameof(answers));
        for (var i = 0; i < answers.Count; i++)
            if (!questions[i].Allows(answers[i]))
                throw new ArgumentException($"{answers[i]} is not an answer to question {i + 1}.", nameof(answers));
        return answers.Sum();
    }

    internal sealed class Table(ScreeningTool tool, string name, IReadOnlyList<ScreeningQuestion> questions, Func<int, string> zone, string? instruction = null) : IScreeningTool
    {
        public string? Instruction => instruction;
        public ScreeningTool Tool => tool;
        public string Name => name;
        public IReadOnlyList<ScreeningQuestion> Questions => questions;
        public ScreeningScore Score(IReadOnlyList<int> answers)
        {
            var score = Sum(questions, answers);
            return new ScreeningScore(score, zone(score));
        }
    }
}
