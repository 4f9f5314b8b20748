using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Pathway.Data;
using Pathway.Tests.Exchange;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Operations;

/// <summary>
/// Backups that restore: a SQLite backup taken while loads keep committing is a whole point in time, and the
/// PostgreSQL procedure of docs/operations.md gives a database that exports exactly as the original.
/// </summary>
public class BackupTests
{
    private static string TempPath(string what) => Path.Combine(Path.GetTempPath(), $"pathway-{what}-{Guid.NewGuid():N}");

    private static void AssertOneSentence(CliResult result)
    {
        Assert.Equal(1, result.ExitCode);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.DoesNotContain("   at ", result.Error);
        Assert.DoesNotContain("Exception", result.Error);
        Assert.Equal("", result.Out);
    }

    /// <summary>Every file of an export folder, by its path inside the folder.</summary>
    private static SortedDictionary<string, byte[]> ReadTree(string folder) => new(
        Directory.GetFiles(folder, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(folder, f), File.ReadAllBytes), StringComparer.Ordinal);

    private static async Task<SortedDictionary<string, byte[]>> ExportAsync(string db)
    {
        var folder = TempPath("export");
        try
        {
            var result = await Cli.RunAsync("export", folder, "--db", db);
            Assert.True(result.ExitCode == 0, result.Error);
            return Directory.Exists(folder) ? ReadTree(folder) : new(StringComparer.Ordinal);
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, true);
        }
    }

    private static void AssertSameExport(SortedDictionary<string, byte[]> expected, SortedDictionary<string, byte[]> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (file, bytes) in expected)
            Assert.True(bytes.AsSpan().SequenceEqual(actual[file]), $"{file} differs");
    }

    private static IEnumerable<string> Sources(SortedDictionary<string, byte[]> export) =>
        export.Keys.Select(k => k.Split(Path.DirectorySeparatorChar)[0]).Distinct();

    private static void DeleteSqlite(string path)
    {
        SqliteConnection.ClearAllPools();
        foreach (var f in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
            if (File.Exists(f)) File.Delete(f);
    }

    /// <summary>A base of a few hundred clients, so the backup has pages to copy while the writer commits.</summary>
    private static TestBundle BaseBundle()
    {
        var bundle = new TestBundle();
        for (var n = 100; n < 400; n++)
            bundle.Add("clients.csv", $"C{n},AB,1980-01-01,M,E08000007,,,Y")
                  .Add("episodes.csv", $"E{n},C{n},OLDCO,adult,2024-01-10,self,2024-01-20,alcohol,,,never,,");
        return bundle;
    }

    [Fact]
    public async Task ABackupTakenWhileLoadsCommitRestoresToOneWholePointInTime()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var backup = TempPath("backup") + ".db";
        var restored = TempPath("restored") + ".db";
        using var baseBundle = BaseBundle();
        using var small = new TestBundle();
        try
        {
            Assert.Equal(0, (await Cli.RunAsync("load", baseBundle.Write(), "--source", "BASE", "--db", database.DbArgument)).ExitCode);
            var bundle = small.Write();

            // The writer: one new source after another, each load all or nothing, until told to stop.
            int started = 0, finished = 0;
            using var stop = new CancellationTokenSource();
            var writer = Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var n = Interlocked.Increment(ref started);
                    var loaded = await Cli.RunAsync("load", bundle, "--source", $"S{n:D3}", "--db", database.DbArgument);
                    Assert.True(loaded.ExitCode == 0, loaded.Error);
                    Interlocked.Increment(ref finished);
                }
            });
            while (Volatile.Read(ref finished) < 3) { Assert.False(writer.IsCompleted, "the writer stopped"); await Task.Delay(20); }

            var committedBefore = Volatile.Read(ref finished);
            var result = await Cli.RunAsync("backup", backup, "--db", database.DbArgument);
            var startedAfter = Volatile.Read(ref started);
            Assert.True(result.ExitCode == 0, result.Error);

            // The writer carries on past the backup, so the live database ends with sources the backup must not have.
            while (Volatile.Read(ref finished) < startedAfter + 2) { Assert.False(writer.IsCompleted, "the writer stopped"); await Task.Delay(20); }
            await stop.CancelAsync();
            await writer;

            var restore = await Cli.RunAsync("restore", backup, "--db", restored);
            Assert.True(restore.ExitCode == 0, restore.Error);
            var fromRestored = await ExportAsync(restored);
            var fromBackupFile = await ExportAsync(backup);
            var fromLive = await ExportAsync(database.DbArgument);

            AssertSameExport(fromBackupFile, fromRestored);
            // Whole loads only: the sources S001..Sk with no gap, k between what had committed when the backup
            // began and what had started by the time it ended, and each one exactly as the live database exports it.
            var loadedSources = Sources(fromRestored).Where(s => s != "BASE").Order(StringComparer.Ordinal).ToList();
            Assert.Contains("BASE", Sources(fromRestored));
            Assert.Equal(Enumerable.Range(1, loadedSources.Count).Select(n => $"S{n:D3}"), loadedSources);
            Assert.InRange(loadedSources.Count, committedBefore, startedAfter);
            Assert.True(Sources(fromLive).Count() > loadedSources.Count + 1, "the live database should have moved on past the backup");
            foreach (var (file, bytes) in fromRestored)
                Assert.True(bytes.AsSpan().SequenceEqual(fromLive[file]), $"{file} differs from the live database's");
        }
        finally
        {
            DeleteSqlite(backup);
            DeleteSqlite(restored);
        }
    }

    [Fact]
    public async Task ABackupTakenAtAQuietTimeRestoresToAnIdenticalExport()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await database.FillDemoAsync(new Demo.DemoOptions(People: 60, Years: 1), DateOnly.FromDateTime(DateTime.Now));
        var backup = TempPath("backup") + ".db";
        var restored = TempPath("restored") + ".db";
        try
        {
            var result = await Cli.RunAsync("backup", backup, "--db", database.DbArgument);
            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains("Backed up", result.Error);
            Assert.False(File.Exists(backup + "-wal"));
            var restore = await Cli.RunAsync("restore", backup, "--db", restored);
            Assert.True(restore.ExitCode == 0, restore.Error);

            var expected = await ExportAsync(database.DbArgument);
            Assert.NotEmpty(expected);
            AssertSameExport(expected, await ExportAsync(restored));
            await using var live = database.Open();
            await using var copy = DatabaseTarget.Parse(restored).CreateDb();
            // What the export leaves out travels too: staff, their sign-ins, the audit trail up to the backup.
            Assert.Equal(await live.Users.CountAsync(), await copy.Users.CountAsync());
            Assert.Equal(await live.Contracts.CountAsync(), await copy.Contracts.CountAsync());
            Assert.True(await copy.Users.AnyAsync());
            // Who copied the database, and who restored one, are in each one's own audit trail.
            Assert.Equal(1, await live.AuditEvents.CountAsync(e => e.RecordType == Pathway.Access.Audit.AuditedRecordTypes.Database && e.RecordId == "backup"));
            Assert.Equal(1, await copy.AuditEvents.CountAsync(e => e.RecordType == Pathway.Access.Audit.AuditedRecordTypes.Database && e.RecordId == "restore"));
        }
        finally
        {
            DeleteSqlite(backup);
            DeleteSqlite(restored);
        }
    }

    [Fact]
    public async Task ABackupFromAnOlderSchemaIsBroughtUpToDateAsItIsRestored()
    {
        var old = TempPath("old") + ".db";
        var backup = TempPath("backup") + ".db";
        var restored = TempPath("restored") + ".db";
        try
        {
            string first;
            await using (var db = DatabaseTarget.Parse(old).CreateDb())
            {
                var migrations = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
                Assert.True(migrations.Count > 1);
                first = migrations[0];
                await db.GetService<IMigrator>().MigrateAsync(first);
            }
            Assert.Equal(0, (await Cli.RunAsync("backup", backup, "--db", old)).ExitCode);

            var result = await Cli.RunAsync("restore", backup, "--db", restored);

            Assert.True(result.ExitCode == 0, result.Error);
            Assert.Contains($"from {first} up to", result.Error);
            await using var copy = DatabaseTarget.Parse(restored).CreateDb();
            Assert.True((await SchemaStatus.ReadAsync(copy)).IsCurrent);
        }
        finally
        {
            DeleteSqlite(old);
            DeleteSqlite(backup);
            DeleteSqlite(restored);
        }
    }

    [Fact]
    public async Task RestoreIntoADatabaseHoldingDataIsRefusedAndChangesNothing()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var target = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var one = new TestBundle();
        using var other = BaseBundle();
        Assert.Equal(0, (await Cli.RunAsync("load", one.Write(), "--source", "ONE", "--db", source.DbArgument)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("load", other.Write(), "--source", "OTHER", "--db", target.DbArgument)).ExitCode);
        var backup = TempPath("backup") + ".db";
        try
        {
            Assert.Equal(0, (await Cli.RunAsync("backup", backup, "--db", source.DbArgument)).ExitCode);
            var before = await ExportAsync(target.DbArgument);

            var result = await Cli.RunAsync("restore", backup, "--db", target.DbArgument);

            AssertOneSentence(result);
            Assert.Contains("already holds data", result.Error);
            Assert.Contains("--db NEW.db", result.Error);
            AssertSameExport(before, await ExportAsync(target.DbArgument));
        }
        finally
        {
            DeleteSqlite(backup);
        }
    }

    [Fact]
    public async Task RestoreIntoAMigratedButEmptyDatabaseIsAllowed()
    {
        await using var source = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        await using var target = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var one = new TestBundle();
        Assert.Equal(0, (await Cli.RunAsync("load", one.Write(), "--source", "ONE", "--db", source.DbArgument)).ExitCode);
        var backup = TempPath("backup") + ".db";
        try
        {
            Assert.Equal(0, (await Cli.RunAsync("backup", backup, "--db", source.DbArgument)).ExitCode);

            var result = await Cli.RunAsync("restore", backup, "--db", target.DbArgument);

            Assert.True(result.ExitCode == 0, result.Error);
            AssertSameExport(await ExportAsync(source.DbArgument), await ExportAsync(target.DbArgument));
        }
        finally
        {
            DeleteSqlite(backup);
        }
    }

    [Fact]
    public async Task BackupToAnExistingFileIsRefusedUnlessForced()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        var existing = TempPath("existing") + ".db";
        await File.WriteAllTextAsync(existing, "someone's spreadsheet");
        try
        {
            var refused = await Cli.RunAsync("backup", existing, "--db", database.DbArgument);

            AssertOneSentence(refused);
            Assert.Contains("--force", refused.Error);
            Assert.Equal("someone's spreadsheet", await File.ReadAllTextAsync(existing));

            var forced = await Cli.RunAsync("backup", existing, "--force", "--db", database.DbArgument);
            Assert.True(forced.ExitCode == 0, forced.Error);
            var restored = TempPath("restored") + ".db";
            try
            {
                Assert.Equal(0, (await Cli.RunAsync("restore", existing, "--db", restored)).ExitCode);
            }
            finally
            {
                DeleteSqlite(restored);
            }
        }
        finally
        {
            DeleteSqlite(existing);
        }
    }

    [Fact]
    public async Task FilesThatAreNotPathwayBackupsAreRefusedWithOneSentence()
    {
        var notSqlite = TempPath("text") + ".db";
        var foreign = TempPath("foreign") + ".db";
        var target = TempPath("target") + ".db";
        await File.WriteAllTextAsync(notSqlite, "client_ref,initials\nC1,AB\n");
        await using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=false"))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = "CREATE TABLE shopping (item TEXT); INSERT INTO shopping VALUES ('milk');";
            await create.ExecuteNonQueryAsync();
        }
        // A backup cut short: half of a real one.
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Sqlite);
        using var bundle = BaseBundle();
        Assert.Equal(0, (await Cli.RunAsync("load", bundle.Write(), "--source", "BASE", "--db", database.DbArgument)).ExitCode);
        var truncated = TempPath("truncated") + ".db";
        Assert.Equal(0, (await Cli.RunAsync("backup", truncated, "--db", database.DbArgument)).ExitCode);
        await using (var file = File.Open(truncated, FileMode.Open))
            file.SetLength(file.Length / 2);
        try
        {
            var cases = new (string File, string Says)[]
            {
                (truncated, "is damaged"),
                (TempPath("missing") + ".db", "There is no backup file"),
                (notSqlite, "is not a SQLite database"),
                (foreign, "not a Pathway one"),
                (Path.GetTempPath(), "is a folder"),
            };
            foreach (var (file, says) in cases)
            {
                var result = await Cli.RunAsync("restore", file, "--db", target);
                AssertOneSentence(result);
                Assert.Contains(says, result.Error);
                Assert.False(File.Exists(target), $"restoring {file} created the target");
            }
            var backupOfForeign = await Cli.RunAsync("backup", TempPath("b") + ".db", "--db", foreign);
            AssertOneSentence(backupOfForeign);
            Assert.Contains("not a Pathway one", backupOfForeign.Error);
        }
        finally
        {
            DeleteSqlite(notSqlite);
            DeleteSqlite(foreign);
            DeleteSqlite(truncated);
            DeleteSqlite(target);
        }
    }

    [Theory]
    [InlineData("backup")]
    [InlineData("restore")]
    public async Task APostgresDatabaseIsPointedToPgDumpAndTheOperationsGuide(string verb)
    {
        var file = TempPath("pg") + ".dump";

        var result = await Cli.RunAsync(verb, file, "--db", "Host=127.0.0.1;Port=1;Database=pathway;Username=pathway");

        AssertOneSentence(result);
        Assert.Contains("pg_dump", result.Error);
        Assert.Contains("docs/operations.md", result.Error);
        Assert.False(File.Exists(file));
    }

    /// <summary>The PostgreSQL binaries of the server ./test.sh started.</summary>
    private static string PgBin(string tool) =>
        Path.Combine(Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin"))
            .Where(d => File.Exists(Path.Combine(d, tool))).OrderBy(d => d, StringComparer.Ordinal).Last(), tool);

    private static async Task RunToolAsync(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(PgBin(tool)) { RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"{tool} {string.Join(' ', args)} failed: {await stderr}{await stdout}");
    }

    [Fact]
    public async Task ThePostgresProcedureInTheOperationsGuideRestoresAnIdenticalDatabase()
    {
        await using var database = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await database.FillDemoAsync(new Demo.DemoOptions(People: 60, Years: 1), DateOnly.FromDateTime(DateTime.Now));
        var server = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString);
        var restoredName = $"restored_{Guid.NewGuid():N}";
        var dump = TempPath("pg") + ".dump";
        string Conninfo(string db) => $"host={server.Host} port={server.Port} user={server.Username} dbname={db}";
        try
        {
            // The commands of docs/operations.md, "PostgreSQL".
            await RunToolAsync("pg_dump", "--format=custom", "--no-owner", $"--file={dump}", Conninfo(server.Database!));
            await RunToolAsync("createdb", $"--host={server.Host}", $"--port={server.Port}", $"--username={server.Username}",
                $"--owner={server.Username}", restoredName);
            await RunToolAsync("pg_restore", "--no-owner", "--exit-on-error", "--single-transaction", $"--dbname={Conninfo(restoredName)}", dump);

            var restored = new NpgsqlConnectionStringBuilder(database.Target.ConnectionString) { Database = restoredName }.ConnectionString;
            var expected = await ExportAsync(database.DbArgument);
            Assert.NotEmpty(expected);
            AssertSameExport(expected, await ExportAsync(restored));
            await using var live = database.Open();
            await using var copy = DatabaseTarget.Parse(restored).CreateDb();
            Assert.True((await SchemaStatus.ReadAsync(copy)).IsCurrent);
            Assert.Equal(await live.Users.CountAsync(), await copy.Users.CountAsync());
            Assert.Equal(await live.AuditEvents.CountAsync(e => e.Action != Pathway.Access.Audit.AuditActions.Export), await copy.AuditEvents.CountAsync(e => e.Action != Pathway.Access.Audit.AuditActions.Export));
        }
        finally
        {
            if (File.Exists(dump)) File.Delete(dump);
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(TestDatabase.PostgresServer());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {restoredName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
