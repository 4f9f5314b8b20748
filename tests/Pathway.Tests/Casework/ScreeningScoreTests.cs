using Pathway.Assessments;

namespace Pathway.Tests.Casework;

public class ScreeningScoreTests
{
    // Worked examples: answers chosen to land exactly on each side of every zone boundary.
    public static TheoryData<int[], int, string> AuditExamples => new()
    {
        { [0, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0, Audit.LowerRisk },
        { [4, 3, 0, 0, 0, 0, 0, 0, 0, 0], 7, Audit.LowerRisk },
        { [4, 4, 0, 0, 0, 0, 0, 0, 0, 0], 8, Audit.IncreasingRisk },
        { [4, 4, 4, 3, 0, 0, 0, 0, 0, 0], 15, Audit.IncreasingRisk },
        { [4, 4, 4, 4, 0, 0, 0, 0, 0, 0], 16, Audit.HigherRisk },
        { [4, 4, 4, 4, 3, 0, 0, 0, 0, 0], 19, Audit.HigherRisk },
        { [4, 4, 4, 4, 0, 0, 0, 0, 2, 2], 20, Audit.PossibleDependence },
        { [4, 4, 4, 4, 4, 4, 4, 4, 4, 4], 40, Audit.PossibleDependence },
    };

    [Theory, MemberData(nameof(AuditExamples))]
    public void AuditScoresAndZonesMatchTheWorkedExamples(int[] answers, int score, string zone)
    {
        var result = Audit.Score(answers);

        Assert.Equal(score, result.Score);
        Assert.Equal(zone, result.Zone);
    }

    [Fact]
    public void AuditRefusesAnAnswerItsQuestionDoesNotOffer()
    {
        // Questions 9 and 10 score 0, 2 or 4 only.
        Assert.Throws<ArgumentException>(() => Audit.Score([0, 0, 0, 0, 0, 0, 0, 0, 1, 0]));
        Assert.Throws<ArgumentException>(() => Audit.Score([5, 0, 0, 0, 0, 0, 0, 0, 0, 0]));
        Assert.Throws<ArgumentException>(() => Audit.Score([0, 0, 0]));
    }

    public static TheoryData<int[], int, string> AuditCExamples => new()
    {
        { [0, 0, 0], 0, AuditC.Negative },
        { [2, 1, 1], 4, AuditC.Negative },
        { [2, 2, 1], 5, AuditC.Positive },
        { [4, 4, 4], 12, AuditC.Positive },
    };

    [Theory, MemberData(nameof(AuditCExamples))]
    public void AuditCScoresAndZonesMatchTheWorkedExamples(int[] answers, int score, string zone)
    {
        var result = AuditC.Score(answers);

        Assert.Equal(score, result.Score);
        Assert.Equal(zone, result.Zone);
    }

    [Fact]
    public void AuditCIsTheFirstThreeAuditQuestions()
    {
        Assert.Equal(Audit.Questions.Take(3), AuditC.Questions);
        Assert.Equal(12, AuditC.Questions.Sum(q => q.Options.Max(o => o.Points)));
        Assert.Equal(40, Audit.Questions.Sum(q => q.Options.Max(o => o.Points)));
    }

    private static int[] SadqAnswers(int total)
    {
        // Fill 3s from the start until the total is reached.
        var answers = new int[20];
        for (var i = 0; i < 20 && total > 0; i++) { answers[i] = Math.Min(3, total); total -= answers[i]; }
        return answers;
    }

    [Theory]
    [InlineData(0, Sadq.Mild)]
    [InlineData(15, Sadq.Mild)]
    [InlineData(16, Sadq.Moderate)]
    [InlineData(30, Sadq.Moderate)]
    [InlineData(31, Sadq.Severe)]
    [InlineData(60, Sadq.Severe)]
    public void SadqScoresAndZonesMatchTheWorkedExamples(int total, string zone)
    {
        var result = Sadq.Score(SadqAnswers(total));

        Assert.Equal(total, result.Score);
        Assert.Equal(zone, result.Zone);
    }

    [Fact]
    public void SadqHasTwentyQuestionsScoredNoughtToThree()
    {
        Assert.Equal(20, Sadq.Questions.Count);
        Assert.All(Sadq.Questions, q => Assert.Equal([0, 1, 2, 3], q.Options.Select(o => o.Points)));
        Assert.Throws<ArgumentException>(() => Sadq.Score(new int[19]));
    }
}
