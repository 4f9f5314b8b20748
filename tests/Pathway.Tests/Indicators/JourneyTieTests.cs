using Pathway.Data;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Indicators;

/// <summary>
/// The tie rules of indicators.md version 2 where their order differs from journey order (referral date, episode_ref,
/// source): a journey's exit (latest discharge, then the latest episode_ref), its starting episode (earliest triage, then
/// the first in journey order) and a person's group (latest triage, then the latest episode_ref); and the medication check
/// reading only the exit's own journey. Period 2024-04-01 to 2025-03-31, as-of 2026-01-01; heroin unless said.
/// </summary>
public class JourneyTieTests
{
    private const string From = "2024-04-01", To = "2025-03-31", AsOf = "2026-01-01";

    [Theory, DatabaseData]
    public async Task TiesAreBrokenByTheSpecsOrderNotByJourneyOrder(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // X: one journey of two overlapping episodes discharged the same day. XB (OLDCO, referred first) completes; XA
            // (NEWCO, referred later, last in journey order) drops out. The exit is the latest episode_ref, XB: a completion, OLDCO's.
            var x = f.Client();
            f.Episode(x, "XB", "2024-05-01", "2024-05-01", "2024-10-01", CompletedDrugFree, provider: "OLDCO");
            f.Episode(x, "XA", "2024-06-01", "2024-06-01", "2024-10-01", DroppedOut);
            // Y: one open journey of two episodes triaged the same day. YZ (OLDCO, alcohol, referred first) starts it, being first
            // in journey order; it is also Y's group, having the latest episode_ref; YA (NEWCO, heroin) is neither.
            var y = f.Client();
            f.Episode(y, "YZ", "2024-05-01", "2024-05-10", s1: Substance.Alcohol, provider: "OLDCO");
            f.Episode(y, "YA", "2024-05-02", "2024-05-10");
            // Z: two journeys. Z1's medication is never ended, but Z1 dropped out on 1 May 2024 and Z2, referred 61 days later,
            // starts a new journey whose completion on 1 Oct 2024 is Z's latest exit: the medication of the earlier journey
            // does not make it medicated.
            var z = f.Client();
            var z1 = f.Episode(z, "Z1", "2024-04-01", "2024-04-01", "2024-05-01", DroppedOut);
            f.Intervention(z1, "2024-04-02", InterventionType.Pharmacological);
            f.Episode(z, "Z2", "2024-07-01", "2024-07-01", "2024-10-01", CompletedDrugFree);
            await f.SaveAsync();
        }

        var all = await ReportJson.RunAsync(database, From, To, AsOf);
        Assert.Equal(2, all.Count("in_treatment.opiate"));                   // X, Z
        Assert.Equal(1, all.Count("in_treatment.alcohol_only"));             // Y, by YZ
        Assert.Equal(3, all.Count("new_presentations.total"));
        Assert.Equal((2, 2, 100.0m), all.Rate("completion.opiate"));        // X by XB, Z by Z2
        Assert.Equal((0, 1, 0.0m), all.Rate("completion.alcohol"));

        var oldco = await ReportJson.RunAsync(database, From, To, AsOf, "--provider", "OLDCO");
        Assert.Equal(2, oldco.Count("new_presentations.total"));             // X from XB, Y from YZ
        Assert.Equal((1, 1, 100.0m), oldco.Rate("completion.opiate"));     // X: the exit episode XB is OLDCO's

        var newco = await ReportJson.RunAsync(database, From, To, AsOf, "--provider", "NEWCO");
        Assert.Equal(1, newco.Count("new_presentations.total"));             // Z only: Y's journey starts at OLDCO
        // At NEWCO X (by XA), Y (by YA, heroin) and Z are opiate; only Z's exit is NEWCO's: 1 of 3.
        Assert.Equal((1, 3, 33.3m), newco.Rate("completion.opiate"));
    }
}
