using Pathway.Data;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Indicators;

/// <summary>indicators.md §1 on hand-built fixtures. Period 2024-04-01 to 2025-03-31 unless said.</summary>
public class CompletionTests
{
    [Theory, DatabaseData]
    public async Task RepresentationIsLookedForInTheClampedSixMonthWindowAtEveryProvider(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // A: completes 31 Aug 2024; six months after is 28 Feb 2025 (clamped, not 3 March), so a referral
            // on 1 March 2025 is outside the window: A counts.
            var a = f.Client();
            f.Episode(a, "A1", "2024-05-01", "2024-05-01", "2024-08-31", CompletedDrugFree);
            f.Episode(a, "A2", "2025-03-01");
            // B: completes 15 Sep 2024 and is referred again exactly on 15 Mar 2025, at another provider under
            // another source's client ref: a re-presentation, so B does not count.
            var b = f.Client();
            f.Episode(b, "B1", "2024-05-01", "2024-05-01", "2024-09-15", CompletedDrugFree);
            f.Episode(f.Client(b.Person, IndicatorFixture.Bury, "OTHER-CMS"), "B2", "2025-03-15", provider: "OTHERCO");
            // C: the same, but referred one day after the six-month day: C counts.
            var c = f.Client();
            f.Episode(c, "C1", "2024-05-01", "2024-05-01", "2024-09-15", CompletedDrugFree);
            f.Episode(c, "C2", "2025-03-16");
            // E: one person with two client records (OLDCO then NEWCO): counted once, and the latest discharge
            // (NEWCO's completion) decides.
            var e = f.Client(source: "OLDCO-CMS");
            f.Episode(e, "E1", "2024-04-10", "2024-04-10", "2024-06-30", TransferredCommunity, provider: "OLDCO");
            f.Episode(f.Client(e.Person), "E2", "2024-06-30", "2024-07-01", "2024-10-01", CompletedDrugFree);
            // D: dropped out: in the denominator only.
            f.Episode(f.Client(), "D1", "2024-05-01", "2024-05-01", "2024-09-01", DroppedOut);
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");

        // Denominator: A, B, C, D, E in treatment with heroin = 5 persons. Numerator: A, C, E = 3. 3/5 = 60.0%.
        Assert.Equal((3, 5, 60.0m), report.Rate("completion.opiate"));
        // Every window (latest 1 April 2025 for E) ended before 1 January 2026.
        Assert.False(report.Provisional("completion.opiate"));
        Assert.Equal(5, report.Count("in_treatment.total"));
        Assert.Equal(5, report.Count("in_treatment.opiate"));
        // Nobody in the other families: no rate.
        Assert.Equal((0, 0, null), report.Rate("completion.alcohol"));
    }

    [Theory, DatabaseData]
    public async Task TheAsOfDateCutsDischargesHidesLaterReferralsAndMakesOpenWindowsProvisional(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // F: alcohol, completes 10 Feb 2025 (window to 10 Aug 2025), referred again 1 May 2025.
            var client = f.Client();
            f.Episode(client, "F1", "2024-06-01", "2024-06-01", "2025-02-10", CompletedAlcoholFree, Substance.Alcohol);
            f.Episode(client, "F2", "2025-05-01", s1: Substance.Alcohol);
            await f.SaveAsync();
        }

        // As of 31 Mar 2025 the re-presentation does not exist yet and the window is unobserved: 1/1, provisional.
        var early = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2025-03-31");
        Assert.Equal((1, 1, 100.0m), early.Rate("completion.alcohol"));
        Assert.True(early.Provisional("completion.alcohol"));

        // As of 9 Feb 2025 the discharge has not happened: the episode is open, 0/1, nothing pending.
        var beforeDischarge = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2025-02-09");
        Assert.Equal((0, 1, 0.0m), beforeDischarge.Rate("completion.alcohol"));
        Assert.False(beforeDischarge.Provisional("completion.alcohol"));
        Assert.Equal(1, beforeDischarge.Count("in_treatment.alcohol_only"));

        // As of 1 Jan 2026 the re-presentation on 1 May 2025 is seen: 0/1, final.
        var late = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");
        Assert.Equal((0, 1, 0.0m), late.Rate("completion.alcohol"));
        Assert.False(late.Provisional("completion.alcohol"));
    }

    [Theory, DatabaseData]
    public async Task TiesGoToTheLatestEpisodeRefInOrdinalOrderAndUntriagedEpisodesAreNeverInTreatment(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // G: two episodes triaged the same day and discharged the same day. Ordinally "G-9" > "G-10"
            // ('9' > '1'), so G-9 decides both the group (cannabis: non_opiate_only) and the discharge
            // (completed): G is a non-opiate completion. Numeric order would have picked G-10 (alcohol, dropped out).
            var g = f.Client();
            f.Episode(g, "G-10", "2024-05-01", "2024-05-01", "2024-12-01", DroppedOut, Substance.Alcohol);
            f.Episode(g, "G-9", "2024-05-01", "2024-05-01", "2024-12-01", CompletedDrugFree, Substance.Cannabis);
            // H: completes alcohol treatment 1 Oct 2024; an untriaged episode referred 1 Sep (before the completion,
            // so no re-presentation) is discharged not_suitable on 1 Nov: read literally, that is H's latest
            // discharge in the period, so H is not a completion. H's group comes from H1 (H2 is never in treatment).
            var h = f.Client();
            f.Episode(h, "H1", "2024-05-01", "2024-05-01", "2024-10-01", CompletedAlcoholFree, Substance.Alcohol);
            f.Episode(h, "H2", "2024-09-01", discharge: "2024-11-01", reason: NotSuitable, s1: Substance.Cocaine);
            // I: referred, never triaged: in no figure but the referral sources.
            f.Episode(f.Client(), "I1", "2024-06-01", s1: Substance.Heroin);
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");

        Assert.Equal((1, 1, 100.0m), report.Rate("completion.non_opiate"));   // G
        Assert.Equal((0, 1, 0.0m), report.Rate("completion.alcohol"));        // H
        Assert.Equal((0, 0, null), report.Rate("completion.opiate"));         // I is not in treatment
        Assert.Equal(2, report.Count("in_treatment.total"));                  // G, H
        Assert.Equal(1, report.Count("in_treatment.non_opiate_only"));        // G by G-9
        Assert.Equal(1, report.Count("in_treatment.alcohol_only"));           // H by H1
        Assert.Equal(0, report.Count("in_treatment.opiate"));
        Assert.Equal(2, report.Count("new_presentations.total"));             // G, H triaged in the period
        Assert.Equal(5, report.Count("referral_source.self"));                // G-10, G-9, H1, H2, I1
    }

    [Theory, DatabaseData]
    public async Task YoungPeopleAreCountedApartFromAdults(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // Y: a young person triaged and completed in the period. Z: an adult triaged in 2023, still open.
            f.Episode(f.Client(), "Y1", "2024-06-01", "2024-06-01", "2024-12-01", CompletedDrugFree, Substance.Cannabis,
                pathway: CarePathway.YoungPeople, source: ReferralSource.YoungPeopleService);
            f.Episode(f.Client(), "Z1", "2023-01-01", "2023-01-01", s1: Substance.Alcohol);
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");

        Assert.Equal(1, report.Count("young_people.in_treatment"));          // Y
        Assert.Equal(1, report.Count("young_people.new_presentations"));     // Y triaged 1 Jun 2024
        Assert.Equal(1, report.Count("in_treatment.total"));                 // Z only
        Assert.Equal(0, report.Count("new_presentations.total"));            // Z triaged before the period
        Assert.Equal((0, 0, null), report.Rate("completion.non_opiate"));    // Y's completion is not an adult one
        Assert.Equal((0, 1, 0.0m), report.Rate("completion.alcohol"));       // Z, still open
        Assert.Equal(0, report.Count("referral_source.young_people_service"));
    }

    [Theory, DatabaseData]
    public async Task ASelectionRestrictsTheEpisodesButRepresentationIsFoundAnywhere(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // P: Stockport client of NEWCO, completes 1 Aug 2024, re-presents 1 Oct 2024 at OTHERCO as a Bury client.
            var p = f.Client();
            f.Episode(p, "P1", "2024-05-01", "2024-05-01", "2024-08-01", CompletedDrugFree);
            f.Episode(f.Client(p.Person, IndicatorFixture.Bury, "OTHER-CMS"), "P2", "2024-10-01", provider: "OTHERCO");
            // Q: Bury client of OTHERCO, in treatment, opiate.
            f.Episode(f.Client(la: IndicatorFixture.Bury, source: "OTHER-CMS"), "Q1", "2024-05-01", "2024-05-01", provider: "OTHERCO");
            await f.SaveAsync();
        }

        var newco = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01", "--provider", "NEWCO");
        Assert.Equal((0, 1, 0.0m), newco.Rate("completion.opiate"));   // P, re-presented elsewhere
        Assert.Equal(1, newco.Count("in_treatment.total"));
        Assert.Equal("NEWCO", newco.Root.GetProperty("selection").GetProperty("provider").GetString());

        var stockport = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01", "--local-authority", IndicatorFixture.Stockport);
        Assert.Equal((0, 1, 0.0m), stockport.Rate("completion.opiate"));
        Assert.Equal(1, stockport.Count("in_treatment.total"));         // P only
        Assert.Equal(1, stockport.Count("referral_source.self"));        // P1 only (P2 is a Bury record)

        var bury = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01", "--local-authority", IndicatorFixture.Bury);
        Assert.Equal(1, bury.Count("in_treatment.total"));              // Q (P2 is never triaged)

        var everyone = await ReportJson.RunAsync(database, "2024-04-01", "2025-03-31", "2026-01-01");
        Assert.Equal((0, 2, 0.0m), everyone.Rate("completion.opiate"));  // P and Q
    }
}
