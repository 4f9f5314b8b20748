using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

public class TransitionTests
{
    private const string Clients = "client_ref,initials,date_of_birth,sex,local_authority,consent_national_reporting";
    private const string Episodes = "episode_ref,client_ref,provider_code,pathway,referral_date,referral_source,triage_date,substance_1,substance_2,substance_3,injecting_status,discharge_date,discharge_reason";

    [Theory, DatabaseData]
    public async Task EachPersonOpenAtTheOutgoingProviderIsContinuedDischargedOrUnaccounted(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var old = new TestBundle();
        old.Files["clients.csv"] = [Clients, "O1,AA,1980-01-01,M,E08000007,Y", "O2,BB,1981-01-01,F,E08000007,Y", "O3,CC,1982-01-01,M,E08000007,Y", "O4,DD,1983-01-01,F,E08000007,Y", "O5,EE,1984-01-01,M,E08000007,Y"];
        old.Files["episodes.csv"] =
        [
            Episodes,
            "OE1,O1,OLDCO,adult,2024-01-10,self,2024-01-20,heroin,,,never,2025-03-31,transferred_community", // continued at NEW
            "OE2,O2,OLDCO,adult,2024-01-10,gp,2024-01-20,alcohol,,,never,2025-04-01,completed_alcohol_free",  // discharged on the date
            "OE3,O3,OLDCO,adult,2024-01-10,gp,2024-01-20,crack,,,never,,",                                     // lost
            "OE4,O4,OLDCO,adult,2024-01-10,gp,2024-01-20,crack,,,never,2024-06-01,dropped_out",                // closed long before: not in the cohort
            "OE5,O5,OLDCO,adult,2024-01-10,gp,2024-01-20,cocaine,,,never,,",                                   // picked up too late
        ];
        old.Files["interventions.csv"] = ["episode_ref,type,setting,start_date,end_date"];
        old.Files.Remove("contacts.csv");
        old.Files.Remove("reviews.csv");
        using var @new = new TestBundle();
        // The incoming provider knows O1 and O5 under its own refs: matched by their attributors.
        @new.Files["clients.csv"] = [Clients, "N1,AA,1980-01-01,M,E08000007,Y", "N5,EE,1984-01-01,M,E08000007,Y"];
        @new.Files["episodes.csv"] =
        [
            Episodes,
            "NE1,N1,NEWCO,adult,2025-04-20,other_treatment_provider,,heroin,,,never,,",
            "NE5,N5,NEWCO,adult,2025-05-30,other_treatment_provider,,cocaine,,,never,,",
        ];
        @new.Files["interventions.csv"] = ["episode_ref,type,setting,start_date,end_date"];
        @new.Files.Remove("contacts.csv");
        @new.Files.Remove("reviews.csv");
        Assert.Equal(0, (await Cli.RunAsync("load", old.Write(), "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("load", @new.Write(), "--source", "NEW", "--db", database.DbArgument)).ExitCode);

        var result = await Cli.RunAsync("transition", "--from-source", "OLD", "--to-source", "NEW", "--date", "2025-04-01", "--db", database.DbArgument);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(
        [
            "unaccounted\tO3\tOE3\tstill open at OLD and not continued at NEW within 28 days",
            "unaccounted\tO5\tOE5\tstill open at OLD and not continued at NEW within 28 days",
            "discharged\tO2\tOE2\tdischarged 2025-04-01",
            "continued\tO1\tOE1\tNEW episode NE1 referred 2025-04-20",
            "continued 1, discharged 1, unaccounted 2, total 4",
            // Referred 20 days after the outgoing discharge: the same journey, not a new presentation.
            "journeys continued 1 of 1 continued: same day, or before the outgoing episode closed 0; 1 to 7 days after 0; "
            + "8 to 21 days after 1; more than 21 days after (a new journey) 0",
        ], result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    /// <summary>OLD (OLDCO) with one client open from 2024, and NEW (NEWCO) with none: two sources the database holds.</summary>
    private static async Task LoadTwoSourcesAsync(TestDatabase database)
    {
        using var old = new TestBundle();
        old.Files["clients.csv"] = [Clients, "O1,AA,1980-01-01,M,E08000007,Y"];
        old.Files["episodes.csv"] = [Episodes, "OE1,O1,OLDCO,adult,2024-01-10,self,2024-01-20,heroin,,,never,,"];
        old.Files["interventions.csv"] = ["episode_ref,type,setting,start_date,end_date"];
        old.Files.Remove("contacts.csv");
        old.Files.Remove("reviews.csv");
        using var @new = new TestBundle();
        @new.Files["clients.csv"] = [Clients, "N1,BB,1981-01-01,F,E08000007,Y"];
        @new.Files["episodes.csv"] = [Episodes, "NE1,N1,NEWCO,adult,2025-04-20,gp,,alcohol,,,never,,"];
        @new.Files["interventions.csv"] = ["episode_ref,type,setting,start_date,end_date"];
        @new.Files.Remove("contacts.csv");
        @new.Files.Remove("reviews.csv");
        Assert.Equal(0, (await Cli.RunAsync("load", old.Write(), "--source", "OLD", "--db", database.DbArgument)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("load", @new.Write(), "--source", "NEW", "--db", database.DbArgument)).ExitCode);
    }

    [Theory, DatabaseData]
    public async Task AnEmptyCohortSaysPlainlyThatNobodyWasOpenAtTheSourceOnThatDateAndExitsWithZero(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await LoadTwoSourcesAsync(database);

        // Before anyone was referred to OLD.
        var result = await Cli.RunAsync("transition", "--from-source", "OLD", "--to-source", "NEW", "--date", "2020-04-01", "--db", database.DbArgument);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
        [
            "Nobody was open at OLD on 1 April 2020.",
            "continued 0, discharged 0, unaccounted 0, total 0",
        ], result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory, DatabaseData]
    public async Task AnUnknownMisspeltOrLowerCaseSourceIsRefusedWithASentenceNamingTheKnownOnes(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await LoadTwoSourcesAsync(database);

        foreach (var (from, to) in new[] { ("old", "NEW"), ("OLDD", "NEW"), ("OLD", "NOWHERE") })
        {
            var result = await Cli.RunAsync("transition", "--from-source", from, "--to-source", to, "--date", "2025-04-01", "--db", database.DbArgument);

            Assert.Equal(1, result.ExitCode);
            Assert.Equal("", result.Out);
            var sentence = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.Contains(from == "OLD" ? to : from, sentence);
            Assert.Contains("NEW and OLD", sentence);
        }
    }

    [Theory, DatabaseData]
    public async Task ATransitionCheckInADatabaseHoldingNoRecordsIsRefused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var result = await Cli.RunAsync("transition", "--from-source", "OLD", "--to-source", "NEW", "--date", "2025-04-01", "--db", database.DbArgument);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("holds no records", result.Error);
    }
}
