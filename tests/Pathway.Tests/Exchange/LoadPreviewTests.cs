using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

/// <summary>`pathway load --dry-run`: what a load would do, per file, computed against the database without keeping anything.</summary>
public class LoadPreviewTests
{
    private static Task<CliResult> LoadAsync(TestDatabase database, string bundle, string source, params string[] more) =>
        Cli.RunAsync(["load", bundle, "--source", source, "--db", database.DbArgument, .. more], CancellationToken.None);

    [Theory, DatabaseData]
    public async Task ADryRunPrintsPerFileWhatTheLoadWouldDoAndChangesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        Assert.Equal(0, (await LoadAsync(database, bundle.Write(), "OLD")).ExitCode);
        bundle.Set("episodes.csv", 3, "discharge_date", "2021-01-01").Set("episodes.csv", 3, "discharge_reason", "dropped_out");
        bundle.Add("contacts.csv", "E2,2020-03-05,phone,N,keywork");
        string[] expected =
        [
            "clients.csv: 0 added, 0 changed, 2 unchanged",
            "episodes.csv: 0 added, 1 changed, 1 unchanged",
            "interventions.csv: 0 added, 0 removed, 2 unchanged",
            "contacts.csv: 1 added, 0 removed, 2 unchanged",
            "reviews.csv: 0 added, 0 removed, 1 unchanged",
        ];

        var preview = await LoadAsync(database, bundle.Write(), "OLD", "--dry-run");

        Assert.Equal(0, preview.ExitCode);
        Assert.Equal(expected, preview.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Dry run: nothing was loaded.", preview.Error);
        await using (var db = database.Open())
        {
            var e2 = await db.Episodes.SingleAsync(e => e.EpisodeRef == "E2");
            Assert.Null(e2.DischargeDate);
            Assert.Equal(0, e2.Version);
            Assert.Equal(1, await db.Contacts.CountAsync(c => c.Episode.EpisodeRef == "E2"));
        }
        // The preview is the load's own comparison: the load then does exactly what it said.
        var load = await LoadAsync(database, bundle.Write(), "OLD");
        Assert.Equal(expected, load.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Theory, DatabaseData]
    public async Task ADryRunUnderASourceNewToTheDatabaseWarnsThatEveryClientWouldBeAddedAsNew(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        Assert.Equal(0, (await LoadAsync(database, bundle.Write(), "OLDCO")).ExitCode);

        // The same provider's bundle, its source mistyped.
        var preview = await LoadAsync(database, bundle.Write(), "OLDC0", "--dry-run");

        Assert.Equal(0, preview.ExitCode);
        Assert.Contains("clients.csv: 2 added, 0 changed, 0 unchanged", preview.Out);
        Assert.Contains("No records are held from source OLDC0 yet: loading adds 2 clients as new", preview.Error);
        Assert.Contains("OLDCO", preview.Error.Replace("OLDC0", ""));
        await using var db = database.Open();
        Assert.False(await db.ClientRecords.AnyAsync(c => c.Source == "OLDC0"));
    }

    [Theory, DatabaseData]
    public async Task ADryRunOfAnInvalidBundleListsItsProblemsAndExitsWithOne(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        bundle.Set("clients.csv", 2, "sex", "Q");

        var preview = await LoadAsync(database, bundle.Write(), "OLD", "--dry-run");

        Assert.Equal(1, preview.ExitCode);
        Assert.Equal("", preview.Out);
        Assert.Contains("clients.csv:2: sex:", preview.Error);
    }
}
