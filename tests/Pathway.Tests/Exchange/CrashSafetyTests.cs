using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Exchange;

/// <summary>A load killed part-way leaves the database holding none of the bundle, and the same load then runs whole.</summary>
public class CrashSafetyTests
{
    private const int People = 40_000;

    /// <summary>A valid bundle big enough for a load to be caught in the act: one episode and three contacts a person.</summary>
    private static string WriteBundle()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"pathway-crash-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        using var clients = new StreamWriter(Path.Combine(folder, "clients.csv"), false, new UTF8Encoding(false));
        using var episodes = new StreamWriter(Path.Combine(folder, "episodes.csv"), false, new UTF8Encoding(false));
        using var contacts = new StreamWriter(Path.Combine(folder, "contacts.csv"), false, new UTF8Encoding(false));
        File.WriteAllText(Path.Combine(folder, "interventions.csv"), "episode_ref,type,setting,start_date,end_date\n");
        clients.Write("client_ref,initials,date_of_birth,sex,local_authority,consent_national_reporting\n");
        episodes.Write("episode_ref,client_ref,provider_code,pathway,referral_date,referral_source,substance_1,injecting_status\n");
        contacts.Write("episode_ref,date,channel,attended,kind\n");
        var birth = new DateOnly(1960, 1, 1);
        for (var i = 0; i < People; i++)
        {
            var born = birth.AddDays(i % 9000).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            clients.Write($"C{i:D6},{(char)('A' + i % 26)}{(char)('A' + i / 26 % 26)},{born},{"MF"[i % 2]},E08000007,Y\n");
            episodes.Write($"E{i:D6},C{i:D6},NEWCO,adult,2024-01-10,gp,alcohol,never\n");
            for (var c = 1; c <= 3; c++) contacts.Write($"E{i:D6},2024-01-1{c},phone,Y,keywork\n");
        }
        return folder;
    }

    private static ProcessStartInfo Load(string bundle, TestDatabase database) => new(Path.Combine(AppContext.BaseDirectory, "pathway"))
    {
        ArgumentList = { "load", bundle, "--source", "CRASH", "--db", database.DbArgument },
        RedirectStandardError = true,
        RedirectStandardOutput = true,
    };

    /// <summary>Every index and foreign key of the schema, as the database itself writes them out.</summary>
    private static async Task<List<string>> IndexesAndKeysAsync(TestDatabase database)
    {
        await using var db = database.Open();
        var text = database.Kind == DatabaseKind.Postgres
            ? """
              SELECT pg_get_indexdef(x.indexrelid) AS "Value" FROM pg_index x JOIN pg_class t ON t.oid = x.indrelid
              WHERE t.relnamespace = current_schema()::regnamespace
              UNION ALL
              SELECT t.relname || ' ' || k.conname || ' ' || pg_get_constraintdef(k.oid) FROM pg_constraint k JOIN pg_class t ON t.oid = k.conrelid
              WHERE k.contype = 'f' AND t.relnamespace = current_schema()::regnamespace
              """
            : """SELECT COALESCE(sql, name) AS "Value" FROM sqlite_master WHERE type IN ('index', 'table')""";
        var rows = await db.Database.SqlQueryRaw<string>(text).ToListAsync();
        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    [Theory, DatabaseData]
    public async Task ALoadKilledWhileWritingLeavesNothingOfTheBundleAndRunsWholeAfterwards(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var bundle = WriteBundle();
        var shape = await IndexesAndKeysAsync(database);
        Assert.Contains(shape, d => d.Contains("FOREIGN KEY", StringComparison.Ordinal) || d.Contains("REFERENCES", StringComparison.Ordinal));
        try
        {
            // Killed at the moment the checked rows start going into the real tables: the most dangerous point.
            using (var load = Process.Start(Load(bundle, database))!)
            {
                var writing = false;
                while (await load.StandardError.ReadLineAsync() is { } line)
                {
                    if (!line.StartsWith("Writing records", StringComparison.Ordinal)) continue;
                    writing = true;
                    await Task.Delay(300);
                    load.Kill(entireProcessTree: true);
                    break;
                }
                await load.WaitForExitAsync();
                Assert.True(writing, "the load finished before it reached the writing stage");
                Assert.NotEqual(0, load.ExitCode);
            }

            await using (var db = database.Open())
            {
                Assert.Equal(0, await db.ClientRecords.CountAsync(c => c.Source == "CRASH"));
                Assert.Equal(0, await db.Episodes.CountAsync());
                Assert.Equal(0, await db.Contacts.CountAsync());
                Assert.Equal(0, await db.People.CountAsync());
                Assert.Equal(0, await db.AuditEvents.CountAsync());
            }
            // On PostgreSQL a first load sets the indexes and foreign keys aside while it inserts: killed, it must leave them all.
            Assert.Equal(shape, await IndexesAndKeysAsync(database));

            using (var again = Process.Start(Load(bundle, database))!)
            {
                var output = await again.StandardOutput.ReadToEndAsync();
                await again.StandardError.ReadToEndAsync();
                await again.WaitForExitAsync();
                Assert.Equal(0, again.ExitCode);
                Assert.Contains($"episodes.csv: {People} added", output, StringComparison.Ordinal);
            }
            await using (var db = database.Open())
            {
                Assert.Equal(People, await db.Episodes.CountAsync());
                Assert.Equal(3 * People, await db.Contacts.CountAsync());
                Assert.Equal(1, await db.AuditEvents.CountAsync(a => a.RecordType == Access.Audit.AuditedRecordTypes.Source && a.RecordId == "CRASH"));
            }
            Assert.Equal(shape, await IndexesAndKeysAsync(database));
        }
        finally
        {
            Directory.Delete(bundle, true);
        }
    }
}
