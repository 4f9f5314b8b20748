using Pathway.Data;
using Pathway.Episodes;
using Pathway.Prescribing;
using Pathway.Tests.Infrastructure;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Indicators;

/// <summary>
/// indicators.md version 2 "Journeys" and the figures it changes (new presentations, completions), on hand-built fixtures.
/// Period 2024-04-01 to 2025-03-31 and as-of 2026-01-01 unless said. Heroin unless said.
/// </summary>
public class JourneyTests
{
    private const string From = "2024-04-01", To = "2025-03-31", AsOf = "2026-01-01";

    [Theory, DatabaseData]
    public async Task AReReferral21DaysAfterDischargeContinuesTheJourneyAnd22DaysStartsANewOne(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // R21: discharged 1 May 2024, referred again 22 May = 21 days later: not more than 21, so the same journey,
            // which started on 10 Jan 2024, before the period.
            var r21 = f.Client();
            f.Episode(r21, "R21a", "2024-01-10", "2024-01-10", "2024-05-01", DroppedOut);
            f.Episode(r21, "R21b", "2024-05-22", "2024-05-22");
            // R22: the same, referred 23 May = 22 days later: a new journey starting 23 May, in the period.
            var r22 = f.Client();
            f.Episode(r22, "R22a", "2024-01-10", "2024-01-10", "2024-05-01", DroppedOut);
            f.Episode(r22, "R22b", "2024-05-23", "2024-05-23");
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, From, To, AsOf);

        // Version 1 counted both (R21b and R22b were triaged in the period); version 2 counts R22 only.
        Assert.Equal(1, report.Count("new_presentations.total"));
        Assert.Equal(2, report.Count("in_treatment.total"));
        // R21's journey is still open (no exit); R22's latest exit in the period is 1 May, dropped out: 0 of 2.
        Assert.Equal((0, 2, 0.0m), report.Rate("completion.opiate"));
    }

    [Theory, DatabaseData]
    public async Task OverlappingEpisodesKeepTheJourneyOpenUntilTheLatestDischargeOfAnyOfThem(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // V: V1 (triaged 5 Jan 2023) is never discharged; V2 runs inside it and completes 1 Sep 2024. V1 being open, V2
            // continues V's journey, which has no exit: not a completion and not a new presentation (version 1 counted both).
            var v = f.Client();
            f.Episode(v, "V1", "2023-01-01", "2023-01-05");
            f.Episode(v, "V2", "2024-06-01", "2024-06-03", "2024-09-01", CompletedDrugFree);
            // W: W1 runs to 31 Dec 2024; W2 (inside it) ends 1 Mar 2024. W3 is referred 15 Jan 2025: 15 days after the latest
            // discharge so far (W1's), though ten months after the last episode's (W2's): it continues the journey begun
            // on 1 Jan 2024, so no new presentation, and its completion on 1 Mar 2025 is the journey's exit.
            var w = f.Client();
            f.Episode(w, "W1", "2024-01-01", "2024-01-01", "2024-12-31", DroppedOut);
            f.Episode(w, "W2", "2024-02-01", "2024-02-01", "2024-03-01", CompletedDrugFree);
            f.Episode(w, "W3", "2025-01-15", "2025-01-15", "2025-03-01", CompletedDrugFree);
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, From, To, AsOf);

        Assert.Equal(0, report.Count("new_presentations.total"));
        Assert.Equal(2, report.Count("in_treatment.total"));                 // V, W
        // Denominator V and W; numerator W (exit 1 Mar 2025, window to 1 Sep 2025, nobody referred): 1 of 2 = 50.0%.
        Assert.Equal((1, 2, 50.0m), report.Rate("completion.opiate"));
        Assert.False(report.Provisional("completion.opiate"));
    }

    [Theory, DatabaseData]
    public async Task ATransferBetweenProvidersIsOneJourneyAndASelectionByProviderTakesItsStartOrItsExit(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // T: the spec's example. OLDCO triages T on 10 Jan 2024 and discharges them transferred_community on 30 June;
            // NEWCO takes the referral on 3 July under its own client record and T completes there on 1 Dec 2024.
            var old = f.Client(source: "OLDCO-CMS");
            f.Episode(old, "T1", "2024-01-05", "2024-01-10", "2024-06-30", TransferredCommunity, provider: "OLDCO");
            f.Episode(f.Client(old.Person), "T2", "2024-07-03", "2024-07-03", "2024-12-01", CompletedDrugFree);
            // U: a genuine new start at NEWCO on 10 July 2024, still in treatment.
            f.Episode(f.Client(), "U1", "2024-07-10", "2024-07-10");
            await f.SaveAsync();
        }

        // July to September 2024: T's July referral is no new presentation, at every provider or at NEWCO; U is.
        var july = await ReportJson.RunAsync(database, "2024-07-01", "2024-09-30", AsOf);
        Assert.Equal(1, july.Count("new_presentations.total"));
        var julyNewco = await ReportJson.RunAsync(database, "2024-07-01", "2024-09-30", AsOf, "--provider", "NEWCO");
        Assert.Equal(1, julyNewco.Count("new_presentations.total"));

        // January to March 2024: T's journey starts at OLDCO, so it is OLDCO's new presentation and not NEWCO's.
        Assert.Equal(1, (await ReportJson.RunAsync(database, "2024-01-01", "2024-03-31", AsOf)).Count("new_presentations.total"));
        var janOldco = await ReportJson.RunAsync(database, "2024-01-01", "2024-03-31", AsOf, "--provider", "OLDCO");
        Assert.Equal(1, janOldco.Count("new_presentations.total"));
        // Retention: T's journey, started 10 Jan 2024, ended 1 Dec 2024, more than 84 days later: 1 of 1.
        Assert.Equal((1, 1, 100.0m), janOldco.Rate("engagement.retained_12_weeks"));
        Assert.Equal(0, (await ReportJson.RunAsync(database, "2024-01-01", "2024-03-31", AsOf, "--provider", "NEWCO")).Count("new_presentations.total"));

        // The year: the journey's exit (1 Dec 2024, completed) is NEWCO's episode, so it counts for NEWCO (T and U in
        // treatment there: 1 of 2) and not for OLDCO, where T was in treatment April to June (0 of 1).
        var newco = await ReportJson.RunAsync(database, From, To, AsOf, "--provider", "NEWCO");
        Assert.Equal((1, 2, 50.0m), newco.Rate("completion.opiate"));
        var oldco = await ReportJson.RunAsync(database, From, To, AsOf, "--provider", "OLDCO");
        Assert.Equal((0, 1, 0.0m), oldco.Rate("completion.opiate"));
        Assert.Equal((1, 2, 50.0m), (await ReportJson.RunAsync(database, From, To, AsOf)).Rate("completion.opiate"));
    }

    [Theory, DatabaseData]
    public async Task AnOpiateCompletionCountsOnlyWhenNoSubstituteMedicationIsOpenOnTheExitDate(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            var pharmacological = InterventionType.Pharmacological;
            // MO: completes 1 Dec 2024 with the medication still open (no end date): not medication-free.
            var mo = f.Episode(f.Client(), "MO", "2024-05-01", "2024-05-01", "2024-12-01", CompletedDrugFree);
            f.Intervention(mo, "2024-05-02", pharmacological);
            // MS: medication ended on the exit date, 1 Aug 2024: "end_date after it" fails, so it is not open: counts.
            f.Intervention(f.Episode(f.Client(), "MS", "2024-05-01", "2024-05-01", "2024-08-01", CompletedDrugFree), "2024-05-02", pharmacological, end: "2024-08-01");
            // MB: medication ended the day before the exit: counts.
            f.Intervention(f.Episode(f.Client(), "MB", "2024-05-01", "2024-05-01", "2024-08-01", CompletedDrugFree), "2024-05-02", pharmacological, end: "2024-07-31");
            // MA: medication ends the day after the exit: open on it, not medication-free.
            f.Intervention(f.Episode(f.Client(), "MA", "2024-05-01", "2024-05-01", "2024-08-01", CompletedDrugFree), "2024-05-02", pharmacological, end: "2024-08-02");
            // MT: the medication was started at OLDCO and never ended there; the journey continues at NEWCO, which discharges
            // MT completed on 1 Aug 2024: a pharmacological intervention of the journey's episodes is open on the exit date.
            var mtOld = f.Client(source: "OLDCO-CMS");
            var mt1 = f.Episode(mtOld, "MT1", "2024-04-01", "2024-04-01", "2024-06-30", TransferredCommunity, provider: "OLDCO");
            f.Intervention(mt1, "2024-04-02", pharmacological);
            f.Episode(f.Client(mtOld.Person), "MT2", "2024-07-01", "2024-07-01", "2024-08-01", CompletedDrugFree);
            // AL: alcohol, completes with a pharmacological intervention open: the rule is for opiates only, so it counts.
            f.Intervention(f.Episode(f.Client(), "AL", "2024-05-01", "2024-05-01", "2024-08-01", CompletedAlcoholFree, Substance.Alcohol), "2024-05-02", pharmacological);
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, From, To, AsOf);
        // Opiate: MO, MS, MB, MA, MT in the denominator; MS and MB count: 2 of 5 = 40.0%.
        Assert.Equal((2, 5, 40.0m), report.Rate("completion.opiate"));
        Assert.Equal((1, 1, 100.0m), report.Rate("completion.alcohol"));

        // As of 31 Mar 2025 only MO's window (to 1 Jun 2025) is still running, but MO would not count even without a
        // re-presentation (medication open), so the opiate figure is final (version 1's rule would have called it provisional).
        var early = await ReportJson.RunAsync(database, From, To, "2025-03-31");
        Assert.Equal((2, 5, 40.0m), early.Rate("completion.opiate"));
        Assert.False(early.Provisional("completion.opiate"));
    }

    [Theory, DatabaseData]
    public async Task AnOpiateCompletionCountsOnlyWhenNoMethadoneOrBuprenorphinePrescriptionIsOpenOnTheExitDate(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            Episode Completed(string episodeRef) =>
                f.Episode(f.Client(), episodeRef, "2024-05-01", "2024-05-01", "2024-08-01", CompletedDrugFree);
            // PO: methadone still open (no end date) on the exit date, after a titration step that ended: not medication-free.
            var po = Completed("PO");
            f.Prescription(po, Medicine.MethadoneOralSolution, "2024-05-02", "2024-05-05");
            f.Prescription(po, Medicine.MethadoneOralSolution, "2024-05-06");
            // PS: buprenorphine ended on the exit date: "end after it" fails, so not open: counts.
            f.Prescription(Completed("PS"), Medicine.BuprenorphineSublingual, "2024-05-02", "2024-08-01");
            // PB: methadone ended the day before the exit: counts.
            f.Prescription(Completed("PB"), Medicine.MethadoneOralSolution, "2024-05-02", "2024-07-31");
            // PA: a weekly injection running to the day after the exit: open on it, not medication-free.
            f.Prescription(Completed("PA"), Medicine.BuprenorphineProlongedReleaseInjection, "2024-05-02", "2024-08-02");
            // PL: buprenorphine oral lyophilisate starting the day after the exit: not open on it: counts.
            f.Prescription(Completed("PL"), Medicine.BuprenorphineOralLyophilisate, "2024-08-02");
            // PN: naltrexone open on the exit date is not substitute medication: counts.
            f.Prescription(Completed("PN"), Medicine.Naltrexone, "2024-05-02");
            await f.SaveAsync();
        }

        var report = await ReportJson.RunAsync(database, From, To, AsOf);

        // PO, PS, PB, PA, PL, PN in the denominator; PS, PB, PL and PN count: 4 of 6 = 66.7%.
        Assert.Equal((4, 6, 66.7m), report.Rate("completion.opiate"));
    }

    [Theory, DatabaseData]
    public async Task AJourneyStartedInOnePeriodAndEndedInTheNextIsANewPresentationInTheFirstAndAnExitInTheSecond(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // J: alcohol, triaged 10 Mar 2024, completes 15 May 2024 (66 days later).
            f.Episode(f.Client(), "J1", "2024-03-01", "2024-03-10", "2024-05-15", CompletedAlcoholFree, Substance.Alcohol);
            await f.SaveAsync();
        }

        var first = await ReportJson.RunAsync(database, "2024-01-01", "2024-03-31", AsOf);
        Assert.Equal(1, first.Count("new_presentations.total"));
        Assert.Equal((0, 1, 0.0m), first.Rate("completion.alcohol"));      // in treatment, no exit in January to March
        // Ended before its 84th day (2 June 2024), but with a successful completion: retained.
        Assert.Equal((1, 1, 100.0m), first.Rate("engagement.retained_12_weeks"));

        var second = await ReportJson.RunAsync(database, "2024-04-01", "2024-06-30", AsOf);
        Assert.Equal(0, second.Count("new_presentations.total"));
        Assert.Equal((1, 1, 100.0m), second.Rate("completion.alcohol"));
        Assert.Equal((0, 0, null), second.Rate("engagement.retained_12_weeks"));

        // As of 31 Mar 2024 the journey has no exit and its 84th day is to come: not yet retained, provisional.
        var then = await ReportJson.RunAsync(database, "2024-01-01", "2024-03-31", "2024-03-31");
        Assert.Equal((0, 1, 0.0m), then.Rate("engagement.retained_12_weeks"));
        Assert.True(then.Provisional("engagement.retained_12_weeks"));
    }
}
