using Pathway.Data;
using Pathway.Indicators;
using Pathway.Tests.Indicators;
using Pathway.Tests.Infrastructure;
using Pathway.Transitions;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Exchange;

/// <summary>
/// The transition page reads carried-over clients as the indicators do: a client referred at the incoming provider no more than
/// 21 days after the outgoing discharge continues the journey (indicators.md version 2), so is not a new presentation.
/// </summary>
public class TransitionJourneyTests
{
    [Theory, DatabaseData]
    public async Task ContinuedClientsAreCountedByDaysAfterTheOutgoingDischargeAnd22DaysIsANewJourney(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();
        var f = new IndicatorFixture(db);
        // Transition on 1 April 2025. Each person has an OLDCO episode and a NEWCO one, matched as one person.
        void Pair(string name, string? discharge, string referral)
        {
            var person = f.Person();
            f.Episode(f.Client(person, source: "OLDCO-CMS"), $"O-{name}", "2024-06-01", "2024-06-01", discharge, discharge is null ? null : TransferredCommunity, provider: "OLDCO");
            f.Episode(f.Client(person, source: "NEWCO-CMS"), $"N-{name}", referral, referral);
        }
        Pair("open", null, "2025-04-01");               // still open at OLDCO when NEWCO took them on: same day
        Pair("5", "2025-03-31", "2025-04-05");          // 5 days: 1 to 7
        Pair("21", "2025-03-25", "2025-04-15");         // 21 days: not more than 21, the same journey
        Pair("22", "2025-03-25", "2025-04-16");         // 22 days: a new journey, a new presentation
        await f.SaveAsync();

        var report = await TransitionCheck.RunAsync(db, "OLDCO-CMS", "NEWCO-CMS", new DateOnly(2025, 4, 1), default);

        Assert.Equal(4, report.Count(TransitionOutcome.Continued));
        Assert.Equal(3, report.JourneysContinued);
        Assert.Equal([1, 1, 1, 1], report.Continuation.Select(b => b.Count));
        Assert.Equal([0, 5, 21, 22], report.Lines.OrderBy(l => l.DaysAfterDischarge).Select(l => l.DaysAfterDischarge!.Value));
        Assert.False(report.Lines.Single(l => l.DaysAfterDischarge == 22).SameJourney);
        Assert.True(report.Lines.Single(l => l.DaysAfterDischarge == 21).SameJourney);

        // The indicators agree: of the four NEWCO starts in the quarter only the one 22 days after its discharge is a new presentation.
        var figures = await IndicatorEngine.ComputeAsync(db, new IndicatorQuery(new DateOnly(2025, 4, 1), new DateOnly(2025, 6, 30), new DateOnly(2026, 1, 1), null, "NEWCO"));
        Assert.Equal(report.Count(TransitionOutcome.Continued) - report.JourneysContinued, (long)figures["new_presentations.total"].Value!.Value);
    }
}
