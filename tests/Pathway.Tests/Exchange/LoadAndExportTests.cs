using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

public class LoadAndExportTests
{
    // Copies of ../shared/examples, so the tests need nothing outside the repository.
    public static readonly string OldExample = RepositoryRoot.Combine("tests", "Pathway.Tests", "Exchange", "Examples", "small-old-provider");
    public static readonly string NewExample = RepositoryRoot.Combine("tests", "Pathway.Tests", "Exchange", "Examples", "small-new-provider");

    private static string ExamplePath(string folder) => folder;

    private static async Task<CliResult> LoadAsync(TestDatabase database, string bundle, string source)
    {
        var result = await Cli.RunAsync("load", bundle, "--source", source, "--db", database.DbArgument);
        return result;
    }

    private static string TempFolder() => Path.Combine(Path.GetTempPath(), $"pathway-export-{Guid.NewGuid():N}");

    [Theory, DatabaseData]
    public async Task TheExampleBundlesLoadAndPeopleInBothAreOnePerson(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var old = await LoadAsync(database, ExamplePath(OldExample), "OLD");
        var @new = await LoadAsync(database, ExamplePath(NewExample), "NEW");

        Assert.Equal(0, old.ExitCode);
        Assert.Equal(0, @new.ExitCode);
        Assert.Contains("clients.csv: 25 added, 0 changed, 0 unchanged", old.Out);
        Assert.Contains("episodes.csv: 8 added, 0 changed, 0 unchanged", @new.Out);
        await using var db = database.Open();
        Assert.Equal(33, await db.ClientRecords.CountAsync());
        var shared = await db.People.Where(p => p.ClientRecords.Count == 2).Include(p => p.ClientRecords).Include(p => p.Episodes).ToListAsync();
        Assert.NotEmpty(shared);
        Assert.Equal(33 - shared.Count, await db.People.CountAsync());
        foreach (var person in shared)
        {
            Assert.Equal(["NEW", "OLD"], person.ClientRecords.Select(c => c.Source).Order());
            // Their episodes from both sources join one history.
            Assert.Equal(person.ClientRecords.Select(c => c.Source).Order(),
                person.Episodes.Select(e => e.Source).Distinct().Order());
        }
        Assert.True(await db.Episodes.AllAsync(e => e.PersonId == e.ClientRecord.PersonId));
    }

    [Theory, DatabaseData]
    public async Task LoadingAnUnchangedBundleAgainAddsAndChangesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await LoadAsync(database, ExamplePath(OldExample), "OLD");

        var again = await LoadAsync(database, ExamplePath(OldExample), "OLD");

        Assert.Equal(0, again.ExitCode);
        Assert.Equal(
        [
            "clients.csv: 0 added, 0 changed, 25 unchanged",
            "episodes.csv: 0 added, 0 changed, 31 unchanged",
            "interventions.csv: 0 added, 0 removed, 55 unchanged",
            "contacts.csv: 0 added, 0 removed, 93 unchanged",
            "reviews.csv: 0 added, 0 removed, 54 unchanged",
        ], again.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await using var db = database.Open();
        Assert.Equal(25, await db.ClientRecords.CountAsync());
        Assert.Equal(31, await db.Episodes.CountAsync());
        Assert.Equal(55, await db.Interventions.CountAsync());
        Assert.Equal(0, await db.Episodes.SumAsync(e => e.Version));
    }

    [Theory, DatabaseData]
    public async Task AReloadUpdatesChangedRecordsReplacesChangedChildSetsAndKeepsWhatItLeavesOut(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        bundle.Add("clients.csv", "C3,EF,1990-01-01,M,E08000007,,,Y")
              .Add("episodes.csv", "E3,C3,OLDCO,adult,2024-02-01,gp,,alcohol,,,never,,");
        Assert.Equal(0, (await LoadAsync(database, bundle.Write(), "OLD")).ExitCode);

        bundle.Files["clients.csv"].RemoveAt(3);
        bundle.Files["episodes.csv"].RemoveAt(3);
        bundle.Set("episodes.csv", 3, "discharge_date", "2021-01-01").Set("episodes.csv", 3, "discharge_reason", "dropped_out");
        bundle.Set("contacts.csv", 2, "attended", "N");
        bundle.Add("contacts.csv", "E2,2020-03-05,phone,N,keywork");
        var result = await LoadAsync(database, bundle.Write(), "OLD");

        Assert.Equal(0, result.ExitCode);
        Assert.Equal(
        [
            "clients.csv: 0 added, 0 changed, 2 unchanged, 1 kept (not in this bundle)",
            "episodes.csv: 0 added, 1 changed, 1 unchanged, 1 kept (not in this bundle)",
            "interventions.csv: 0 added, 0 removed, 2 unchanged",
            "contacts.csv: 2 added, 1 removed, 1 unchanged",
            "reviews.csv: 0 added, 0 removed, 1 unchanged",
        ], result.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        await using var db = database.Open();
        var e2 = await db.Episodes.SingleAsync(e => e.EpisodeRef == "E2");
        Assert.Equal(new DateOnly(2021, 1, 1), e2.DischargeDate);
        Assert.Equal(1, e2.Version);
        Assert.Equal(2, await db.Contacts.CountAsync(c => c.Episode.EpisodeRef == "E2"));
        Assert.True(await db.Episodes.AnyAsync(e => e.EpisodeRef == "E3"));
    }

    [Theory, DatabaseData]
    public async Task ABundleWithAnyInvalidRowChangesNothing(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();
        Assert.Equal(0, (await LoadAsync(database, bundle.Write(), "OLD")).ExitCode);

        bundle.Set("episodes.csv", 3, "discharge_date", "2021-01-01").Set("episodes.csv", 3, "discharge_reason", "dropped_out");
        bundle.Add("clients.csv", "C3,EF,1990-01-01,M,E08000007,,,Y");
        bundle.Set("reviews.csv", 2, "opiate_days", "30");
        var result = await LoadAsync(database, bundle.Write(), "OLD");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("", result.Out);
        Assert.Contains("reviews.csv:2: opiate_days: must be a whole number from 0 to 28\n", result.Error.ReplaceLineEndings("\n"));
        Assert.Contains("The bundle was not loaded: 1 problem; nothing was changed.", result.Error);
        await using var db = database.Open();
        Assert.Equal(2, await db.ClientRecords.CountAsync());
        Assert.Null((await db.Episodes.SingleAsync(e => e.EpisodeRef == "E2")).DischargeDate);
    }

    [Theory, DatabaseData]
    public async Task AZipBundleLoadsLikeAFolder(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        using var bundle = new TestBundle();

        var result = await LoadAsync(database, bundle.WriteZip(), "OLD");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("episodes.csv: 2 added", result.Out);
    }

    [Theory, DatabaseData]
    public async Task ExportThenLoadIntoAnEmptyDatabaseThenExportAgainGivesByteIdenticalFiles(DatabaseKind kind)
    {
        await using var demo = await TestDatabase.CreateAsync(kind);
        await using var first = await TestDatabase.CreateAsync(kind);
        await using var second = await TestDatabase.CreateAsync(kind);
        await using (var db = demo.Open())
            await DemoArea.FillAsync(db, new DemoOptions(People: 150, Years: 3, Seed: 11), DateOnly.FromDateTime(DateTime.Today),
                new CliConsole(TextWriter.Null, TextWriter.Null), default);
        var seed = TempFolder();
        var one = TempFolder();
        var two = TempFolder();
        try
        {
            // The demo area's records, varied as real ones are, in a database of their own (real records never join demo data).
            Assert.Equal(0, (await Cli.RunAsync("export", seed, "--db", demo.DbArgument)).ExitCode);
            foreach (var source in new[] { "NEWCO", "OLDCO" })
                Assert.Equal(0, (await LoadAsync(first, Path.Combine(seed, source), source)).ExitCode);
            await LoadAsync(first, ExamplePath(OldExample), "OLD");
            var exported = await Cli.RunAsync("export", one, "--db", first.DbArgument);
            Assert.Equal(0, exported.ExitCode);
            var sources = Directory.GetDirectories(one).Select(Path.GetFileName).Order().ToList();
            Assert.Equal(["NEWCO", "OLD", "OLDCO"], sources);
            foreach (var source in sources)
            {
                var loaded = await LoadAsync(second, Path.Combine(one, source!), source!);
                Assert.True(loaded.ExitCode == 0, loaded.Error);
            }
            Assert.Equal(0, (await Cli.RunAsync("export", two, "--db", second.DbArgument)).ExitCode);

            foreach (var source in sources)
                foreach (var file in new[] { "clients.csv", "episodes.csv", "interventions.csv", "contacts.csv", "reviews.csv" })
                {
                    var a = await File.ReadAllBytesAsync(Path.Combine(one, source!, file));
                    var b = await File.ReadAllBytesAsync(Path.Combine(two, source!, file));
                    Assert.True(a.AsSpan().SequenceEqual(b), $"{source}/{file} differs after the round trip");
                }
            var episodes = await File.ReadAllLinesAsync(Path.Combine(one, "OLD", "episodes.csv"));
            Assert.Equal("episode_ref,client_ref,provider_code,pathway,referral_date,referral_source,triage_date,substance_1,substance_2,substance_3,injecting_status,discharge_date,discharge_reason", episodes[0]);
            Assert.Equal(episodes.Skip(1).Order(StringComparer.Ordinal), episodes.Skip(1));
        }
        finally
        {
            if (Directory.Exists(seed)) Directory.Delete(seed, true);
            if (Directory.Exists(one)) Directory.Delete(one, true);
            if (Directory.Exists(two)) Directory.Delete(two, true);
        }
    }

    [Theory, DatabaseData]
    public async Task ExportOfOneSourceWritesOnlyThatSource(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await LoadAsync(database, ExamplePath(OldExample), "OLD");
        await LoadAsync(database, ExamplePath(NewExample), "NEW");
        var folder = TempFolder();
        try
        {
            var result = await Cli.RunAsync("export", folder, "--source", "NEW", "--db", database.DbArgument);
            var missing = await Cli.RunAsync("export", folder, "--source", "NOPE", "--db", database.DbArgument);

            Assert.Equal(0, result.ExitCode);
            Assert.Equal("NEW: 8 clients, 8 episodes, 16 interventions, 34 contacts, 17 reviews, 0 prescriptions, 0 harm-reduction events", result.Out.Trim());
            Assert.Equal(["NEW"], Directory.GetDirectories(folder).Select(Path.GetFileName));
            Assert.Equal(7, Directory.GetFiles(Path.Combine(folder, "NEW")).Length);
            Assert.Equal(1, missing.ExitCode);
            Assert.Equal("The database holds no records from source NOPE.", missing.Error.Trim());
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    [Fact]
    public async Task ABundleThatIsNotThereIsOneSentence()
    {
        var result = await Cli.RunAsync("load", "/nonexistent/bundle.zip", "--source", "OLD", "--db", Path.Combine(Path.GetTempPath(), $"pathway-{Guid.NewGuid():N}.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Equal("There is no folder or .zip file at /nonexistent/bundle.zip.", result.Error.Trim());
    }
}
