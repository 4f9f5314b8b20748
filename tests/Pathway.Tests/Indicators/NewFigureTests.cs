using Pathway.Data;
using Pathway.Episodes;
using Pathway.Tests.Infrastructure;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Indicators;

/// <summary>
/// indicators.md version 2 "New figures": deaths in treatment, retention at 12 weeks, prison continuity. Period 2024-04-01 to
/// 2025-03-31 and as-of 2026-01-01 unless said. Heroin unless said.
/// </summary>
public class NewFigureTests
{
    private const string From = "2024-04-01", To = "2025-03-31", AsOf = "2026-01-01";

    [Theory, DatabaseData]
    public async Task ADeathCountsWhenTheEpisodeWasInTreatmentAndDischargedDiedInThePeriod(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            f.Episode(f.Client(), "DA", "2024-05-01", "2024-05-01", "2024-08-01", Died);                  // triaged: counts
            f.Episode(f.Client(), "DB", "2024-06-01", discharge: "2024-07-01", reason: Died);              // untriaged referral: not in treatment
            f.Episode(f.Client(), "DC", "2023-05-01", "2023-05-01", "2024-03-01", Died);                  // before the period
            f.Episode(f.Client(source: "OTHER-CMS"), "DD", "2024-05-01", "2024-05-01", "2024-09-01", Died, provider: "OTHERCO");
            f.Episode(f.Client(), "DE", "2024-05-01", "2024-05-01", "2025-02-01", Died);                  // after the as-of date below
            f.Episode(f.Client(), "DY", "2024-05-01", "2024-05-01", "2024-08-01", Died, Substance.Cannabis, pathway: CarePathway.YoungPeople);
            await f.SaveAsync();
        }

        // DA, DD, DE (DY is a young person's episode): 3.
        Assert.Equal(3, (await ReportJson.RunAsync(database, From, To, AsOf)).Count("deaths.in_treatment"));
        // NEWCO only: DA, DE.
        Assert.Equal(2, (await ReportJson.RunAsync(database, From, To, AsOf, "--provider", "NEWCO")).Count("deaths.in_treatment"));
        // As of 31 Jan 2025 DE's discharge has not happened: DA, DD.
        Assert.Equal(2, (await ReportJson.RunAsync(database, From, To, "2025-01-31")).Count("deaths.in_treatment"));
    }

    [Theory, DatabaseData]
    public async Task RetentionCountsJourneysNotEndedOnTheir84thDayOrEndedSuccessfully(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // Journeys starting 1 May 2024; their 84th day is 24 July 2024.
            f.Episode(f.Client(), "K83", "2024-05-01", "2024-05-01", "2024-07-23", DroppedOut);    // ended after 83 days: not retained
            f.Episode(f.Client(), "K84", "2024-05-01", "2024-05-01", "2024-07-24", DroppedOut);    // after 84 days: retained
            f.Episode(f.Client(), "KC", "2024-05-01", "2024-05-01", "2024-06-01", CompletedDrugFree); // 31 days, completed: retained
            f.Episode(f.Client(), "KO", "2024-06-01", "2024-06-01");                                 // still open: retained
            // KP: starts 1 Mar 2025 and is open; its 84th day is 24 May 2025, after the period.
            f.Episode(f.Client(), "KP", "2025-03-01", "2025-03-01");
            // KK: two journeys in the period (re-referred 1 June, 42 days after leaving on 20 April): the earliest decides,
            // and it ended after 10 days.
            var kk = f.Client();
            f.Episode(kk, "KK1", "2024-04-10", "2024-04-10", "2024-04-20", DroppedOut);
            f.Episode(kk, "KK2", "2024-06-01", "2024-06-01");
            await f.SaveAsync();
        }

        // Denominator: K83, K84, KC, KO, KP, KK = 6 (= the new presentations). Numerator: K84, KC, KO, KP = 4; 4/6 = 66.7%.
        var report = await ReportJson.RunAsync(database, From, To, AsOf);
        Assert.Equal((4, 6, 66.7m), report.Rate("engagement.retained_12_weeks"));
        Assert.False(report.Provisional("engagement.retained_12_weeks"));
        Assert.Equal(6, report.Count("new_presentations.total"));

        // As of 23 May 2025 (83 days after KP's start) KP is not yet retained and may be: 3 of 6 = 50.0%, provisional.
        var before = await ReportJson.RunAsync(database, From, To, "2025-05-23");
        Assert.Equal((3, 6, 50.0m), before.Rate("engagement.retained_12_weeks"));
        Assert.True(before.Provisional("engagement.retained_12_weeks"));
        // As of 24 May 2025, its 84th day: retained, final.
        var on = await ReportJson.RunAsync(database, From, To, "2025-05-24");
        Assert.Equal((4, 6, 66.7m), on.Rate("engagement.retained_12_weeks"));
        Assert.False(on.Provisional("engagement.retained_12_weeks"));
    }

    [Theory, DatabaseData]
    public async Task PrisonReferralsCountWhenTriagedWithin21Days(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            var prison = ReferralSource.Prison;
            f.Episode(f.Client(), "P21", "2024-05-01", "2024-05-22", source: prison);   // 21 days: counts
            f.Episode(f.Client(), "P22", "2024-05-01", "2024-05-23", source: prison);   // 22 days: does not
            f.Episode(f.Client(), "PN", "2024-05-01", source: prison);                  // never triaged
            f.Episode(f.Client(), "PX", "2024-03-01", "2024-03-05", source: prison);   // referred before the period
            f.Episode(f.Client(), "PG", "2024-05-01", "2024-05-02", source: ReferralSource.Gp);
            f.Episode(f.Client(), "PY", "2024-05-01", "2024-05-02", s1: Substance.Cannabis, source: prison, pathway: CarePathway.YoungPeople);
            await f.SaveAsync();
        }

        // Denominator: P21, P22, PN (adult, prison, referred in the period). Numerator: P21. 1/3 = 33.3%.
        Assert.Equal((1, 3, 33.3m), (await ReportJson.RunAsync(database, From, To, AsOf)).Rate("continuity.prison_3_weeks"));
        // The triage must be on or before the as-of date: as of 21 May 2024 nobody has been triaged yet.
        Assert.Equal((0, 3, 0.0m), (await ReportJson.RunAsync(database, From, To, "2024-05-21")).Rate("continuity.prison_3_weeks"));
        Assert.Equal((1, 3, 33.3m), (await ReportJson.RunAsync(database, From, To, "2024-05-22")).Rate("continuity.prison_3_weeks"));
    }
}
