using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Episodes;
using Pathway.Tests.Exchange;
using Pathway.Tests.Infrastructure;
using static Pathway.Episodes.DischargeReason;

namespace Pathway.Tests.Indicators;

/// <summary>
/// Journeys follow the record: when it changes (a save through EF Core, as the pages make; a bundle reload; two people
/// found to be one), the journeys and the figures change with it. Any journeys kept between reports (materialised or kept
/// on the episodes, to make the report faster) must pass these: each fails if what is kept goes stale.
/// Period 2024-04-01 to 2025-03-31, as of 2026-01-01.
/// </summary>
public class JourneysFollowTheRecordTests
{
    private const string From = "2024-04-01", To = "2025-03-31", AsOf = "2026-01-01";

    [Theory, DatabaseData]
    public async Task ChangingAnOldEpisodesDischargeThroughASaveSplitsAndJoinsItsJourney(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        int first;
        await using (var db = database.Open())
        {
            var f = new IndicatorFixture(db);
            // A, triaged 10 Jan 2024 and still open, and B from 1 June: one journey, begun before the period.
            var client = f.Client();
            var a = f.Episode(client, "A", "2024-01-05", "2024-01-10");
            f.Episode(client, "B", "2024-06-01", "2024-06-01");
            await f.SaveAsync();
            first = a.Id;
        }
        Assert.Equal(0, (await ReportJson.RunAsync(database, From, To, AsOf)).Count("new_presentations.total"));

        // A is found to have ended on 1 March: B, referred three months later, starts a journey of its own in the period.
        await DischargeAsync(database, first, new DateOnly(2024, 3, 1));
        var split = await ReportJson.RunAsync(database, From, To, AsOf);
        Assert.Equal(1, split.Count("new_presentations.total"));
        // A's journey exits on 1 March, before the period; B's has no exit.
        Assert.Equal((0, 1, 0.0m), split.Rate("completion.opiate"));

        // Corrected again to 20 May, 12 days before B's referral: one journey again, and no new presentation.
        await DischargeAsync(database, first, new DateOnly(2024, 5, 20));
        Assert.Equal(0, (await ReportJson.RunAsync(database, From, To, AsOf)).Count("new_presentations.total"));
    }

    [Theory, DatabaseData]
    public async Task ABundleReloadThatMovesAnEarlierDischargeSplitsTheJourney(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        // C1's E1 (triaged 20 Jan 2024, completed 1 June) and E3, referred 9 days later and still open: one journey.
        bundle.Add("episodes.csv", "E3,C1,OLDCO,adult,2024-06-10,self,2024-06-10,heroin,,,previously,,");
        await LoadAsync(database, bundle.Write(), "OLD");
        var before = await ReportJson.RunAsync(database, From, To, AsOf);
        Assert.Equal(0, before.Count("new_presentations.total"));
        Assert.Equal(1, before.Count("in_treatment.total"));

        // The provider corrects E1's discharge to 1 March: E3 is then 101 days later, a new journey starting in the period.
        bundle.Set("episodes.csv", 2, "discharge_date", "2024-03-01").Set("interventions.csv", 2, "end_date", "2024-03-01");
        await LoadAsync(database, bundle.Write(), "OLD");
        var after = await ReportJson.RunAsync(database, From, To, AsOf);
        Assert.Equal(1, after.Count("new_presentations.total"));
        Assert.Equal((1, 1, 100.0m), after.Rate("engagement.retained_12_weeks"));
    }

    [Theory, DatabaseData]
    public async Task WhenTwoPeopleAreFoundToBeOneTheirEpisodesJoinOneJourney(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        // OLD: C1 (AB, born 1 Jan 1980) triaged 20 Jan 2024, discharged completed on 1 June.
        using var old = new TestBundle();
        await LoadAsync(database, old.Write(), "OLD");
        // NEW: a client first recorded under other initials, referred on 10 June 2024 and still in treatment.
        using var @new = new TestBundle();
        @new.Set("clients.csv", 2, "initials", "ZZ").Set("clients.csv", 2, "nhs_number", "")
            .Set("episodes.csv", 2, "referral_date", "2024-06-10").Set("episodes.csv", 2, "triage_date", "2024-06-10")
            .Set("episodes.csv", 2, "discharge_date", "").Set("episodes.csv", 2, "discharge_reason", "")
            .Set("interventions.csv", 2, "start_date", "2024-06-10").Set("interventions.csv", 2, "end_date", "")
            .Set("contacts.csv", 2, "date", "2024-06-10").Set("reviews.csv", 2, "date", "2024-06-10");
        await LoadAsync(database, @new.Write(), "NEW");
        var apart = await ReportJson.RunAsync(database, From, To, AsOf);
        // Two people: the NEW client's journey starts in the period; the OLD one's completion counts (1 of 2).
        Assert.Equal(1, apart.Count("new_presentations.total"));
        Assert.Equal((1, 2, 50.0m), apart.Rate("completion.opiate"));

        // NEW corrects the initials: the same person, whose NEW episode, 9 days after the OLD discharge, continues that journey,
        // which so has no exit yet and no new presentation.
        @new.Set("clients.csv", 2, "initials", "AB");
        await LoadAsync(database, @new.Write(), "NEW");
        var one = await ReportJson.RunAsync(database, From, To, AsOf);
        Assert.Equal(0, one.Count("new_presentations.total"));
        Assert.Equal((0, 1, 0.0m), one.Rate("completion.opiate"));
    }

    private static async Task LoadAsync(TestDatabase database, string folder, string source)
    {
        var result = await Cli.RunAsync("load", folder, "--source", source, "--db", database.DbArgument);
        Assert.True(result.ExitCode == 0, result.Out + result.Error);
    }

    /// <summary>What a discharge page does to the episode: change it and save through EF Core.</summary>
    private static async Task DischargeAsync(TestDatabase database, int episodeId, DateOnly on)
    {
        await using var db = database.Open();
        var episode = await db.Episodes.SingleAsync(e => e.Id == episodeId);
        episode.DischargeDate = on;
        episode.DischargeReason = DroppedOut;
        await db.SaveChangesAsync();
    }
}
