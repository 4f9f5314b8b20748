using Microsoft.EntityFrameworkCore;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Episodes;
using Pathway.Exchange;
using Pathway.Indicators;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests.Indicators;

/// <summary>
/// Kept figures (Indicators/KeptFigures.cs) are served again only while nothing they may not have seen could move them:
/// a change to an old record recomputes the old quarter, a change dated after the as-of date does not, a load always does.
/// </summary>
public class KeptFiguresTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    // A closed quarter a year back, well inside the demo's two years.
    private static readonly Quarter Old = Quarter.Containing(Today).Previous().Previous().Previous().Previous();

    private static Task<long?> KeptIdAsync(PathwayDb db, IndicatorQuery query, KeptKind kind) =>
        db.KeptFigureSets.AsNoTracking()
            .Where(s => s.From == query.From && s.To == query.To && s.AsOf == query.AsOf && s.LocalAuthority == "" && s.Provider == "" && s.Kind == kind)
            .Select(s => (long?)s.Id).SingleOrDefaultAsync();

    private static async Task<TestDatabase> DemoAsync(DatabaseKind kind)
    {
        var database = await TestDatabase.CreateAsync(kind);
        await database.FillDemoAsync(new DemoOptions(People: 120, Years: 2, Seed: 6), Today);
        return database;
    }

    [Theory, DatabaseData]
    public async Task KeptQuarterFiguresChangeWhenAnOldRecordChangesAndEqualAFreshComputation(DatabaseKind kind)
    {
        await using var database = await DemoAsync(kind);
        var query = new IndicatorQuery(Old.From, Old.To, Today);

        await using (var db = database.Open()) await DashboardModel.FiguresAsync(db, query, default);
        long? keptId;
        await using (var db = database.Open()) keptId = await KeptIdAsync(db, query, KeptKind.Full);
        Assert.NotNull(keptId);
        (IndicatorReport Report, IReadOnlyList<(Quarter Quarter, IndicatorReport Report)> Trend, Pathway.PublicSite.DigitalUptakeFigures Uptake) before;
        await using (var db = database.Open())
        {
            before = await DashboardModel.FiguresAsync(db, query, default);
            Assert.Equal(keptId, await KeptIdAsync(db, query, KeptKind.Full)); // served from the table, not recomputed
        }

        // An episode in treatment through the old quarter, its person's only one, turns out to have ended the day before it.
        await using (var db = database.Open())
        {
            var dayBefore = Old.From.AddDays(-1);
            var episode = await db.Episodes
                .Where(e => e.Pathway == CarePathway.Adult && e.TriageDate < dayBefore && (e.DischargeDate == null || e.DischargeDate > Old.To)
                            && db.Episodes.Count(o => o.PersonId == e.PersonId) == 1)
                .OrderBy(e => e.Id).FirstAsync();
            episode.DischargeDate = dayBefore;
            episode.DischargeReason = DischargeReason.DroppedOut;
            await db.SaveChangesAsync();
        }

        await using (var db = database.Open())
        {
            var after = await DashboardModel.FiguresAsync(db, query, default);
            Assert.NotEqual(keptId, await KeptIdAsync(db, query, KeptKind.Full));
            Assert.Equal(before.Report["in_treatment.total"].Value - 1, after.Report["in_treatment.total"].Value);
            Assert.Equal((await IndicatorEngine.ComputeAsync(db, query)).Figures, after.Report.Figures);
            foreach (var (quarter, report) in after.Trend.Where(t => t.Quarter != Old)) // the period's own point is the full report
                Assert.Equal((await IndicatorEngine.HeadlinesAsync(db, query with { From = quarter.From, To = quarter.To })).Figures, report.Figures);
            Assert.Contains(after.Trend.Zip(before.Trend), pair => !pair.First.Report.Figures.SequenceEqual(pair.Second.Report.Figures));
        }
    }

    [Theory, DatabaseData]
    public async Task AChangeDatedAfterTheAsOfDateKeepsTheSetAndOneOnOrBeforeItRecomputes(DatabaseKind kind)
    {
        await using var database = await DemoAsync(kind);
        var query = new IndicatorQuery(Old.From, Old.To, Old.To);
        await using (var db = database.Open()) await KeptFigures.ComputeAsync(db, query, KeptKind.Headlines);
        long? keptId;
        await using (var db = database.Open()) keptId = await KeptIdAsync(db, query, KeptKind.Headlines);
        Assert.NotNull(keptId);

        // A record whose every date is after the as-of date: it is recorded as a change, and the set stays in use.
        await using (var db = database.Open())
        {
            var changes = await db.FigureChanges.CountAsync();
            var later = await db.Episodes.Where(e => e.ReferralDate > Old.To && e.TriageDate == null && e.DischargeDate == null)
                .OrderBy(e => e.Id).FirstOrDefaultAsync()
                ?? await db.Episodes.Where(e => e.ReferralDate > Old.To).OrderBy(e => e.Id).FirstAsync();
            later.ReferralSource = later.ReferralSource == ReferralSource.Self ? ReferralSource.Gp : ReferralSource.Self;
            await db.SaveChangesAsync();
            Assert.Equal(later.ReferralDate, (await db.FigureChanges.AsNoTracking().OrderBy(c => c.Id).LastAsync()).Earliest);
            Assert.Equal(changes + 1, await db.FigureChanges.CountAsync());
        }
        await using (var db = database.Open())
        {
            var served = await KeptFigures.ComputeAsync(db, query, KeptKind.Headlines);
            Assert.Equal(keptId, await KeptIdAsync(db, query, KeptKind.Headlines));
            Assert.Equal((await IndicatorEngine.HeadlinesAsync(db, query)).Figures, served.Figures);
        }

        // A record dated inside the quarter (this fails if no save records its change: the old set would be served).
        await using (var db = database.Open())
        {
            var old = await db.Episodes.Where(e => e.ReferralDate >= Old.From && e.ReferralDate <= Old.To).OrderBy(e => e.Id).FirstAsync();
            old.ReferralSource = old.ReferralSource == ReferralSource.Self ? ReferralSource.Gp : ReferralSource.Self;
            await db.SaveChangesAsync();
        }
        long? recomputed;
        await using (var db = database.Open())
        {
            await KeptFigures.ComputeAsync(db, query, KeptKind.Headlines);
            recomputed = await KeptIdAsync(db, query, KeptKind.Headlines);
            Assert.NotNull(recomputed);
            Assert.NotEqual(keptId, recomputed);
        }

        // A bundle load can move any figure: the next view recomputes.
        var folder = Directory.CreateTempSubdirectory("kept-load-").FullName;
        try
        {
            string source;
            await using (var db = database.Open())
            {
                source = (await BundleExport.SourcesAsync(db, default)).First();
                await BundleExport.WriteAsync(db, kind, source, folder, default);
            }
            // The loader itself: the command line refuses a demonstration database.
            using (var bundle = Bundle.Open(folder))
            {
                var loaded = await BulkLoad.LoadAsync(database.Target, bundle, source, Today,
                    Pathway.Access.Audit.AuditTrail.CommandLine(Pathway.Access.Audit.AuditActions.Change, Pathway.Access.Audit.AuditOutcomes.Succeeded,
                        Pathway.Access.Audit.AuditedRecordTypes.Source, source), TextWriter.Null, default);
                Assert.True(loaded.Loaded);
            }
            await using var after = database.Open();
            await KeptFigures.ComputeAsync(after, query, KeptKind.Headlines);
            Assert.NotEqual(recomputed, await KeptIdAsync(after, query, KeptKind.Headlines));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>
    /// PostgreSQL's transaction ids are server-wide, so a long transaction elsewhere on the server (a backup, another
    /// database's load) must not make every kept set look stale; a change it has not committed must still recompute.
    /// </summary>
    [Fact]
    public async Task ALongTransactionElsewhereOnTheServerDoesNotKeepSetsStaleButItsChangeStillCounts()
    {
        await using var database = await DemoAsync(DatabaseKind.Postgres);
        await using var elsewhere = await TestDatabase.CreateAsync(DatabaseKind.Postgres);
        await using var longRunning = new Npgsql.NpgsqlConnection(elsewhere.Target.ConnectionString);
        await longRunning.OpenAsync();
        await using var transaction = await longRunning.BeginTransactionAsync();
        await using (var take = new Npgsql.NpgsqlCommand("SELECT pg_current_xact_id()", longRunning, transaction))
            await take.ExecuteScalarAsync(); // the transaction now holds an xid older than the changes below

        var query = new IndicatorQuery(Old.From, Old.To, Today);
        await using (var db = database.Open())
        {
            // A change committed after the long transaction began: newer than the server's oldest running xid.
            var old = await db.Episodes.Where(e => e.ReferralDate >= Old.From && e.ReferralDate <= Old.To).OrderBy(e => e.Id).FirstAsync();
            old.ReferralSource = old.ReferralSource == ReferralSource.Self ? ReferralSource.Gp : ReferralSource.Self;
            await db.SaveChangesAsync();
        }
        long? keptId;
        await using (var db = database.Open())
        {
            await KeptFigures.ComputeAsync(db, query, KeptKind.Headlines);
            keptId = await KeptIdAsync(db, query, KeptKind.Headlines);
            Assert.NotNull(keptId);
        }
        await using (var db = database.Open())
        {
            await KeptFigures.ComputeAsync(db, query, KeptKind.Headlines);
            Assert.Equal(keptId, await KeptIdAsync(db, query, KeptKind.Headlines)); // served, though the long transaction still runs
        }

        // A change still in progress while a set is computed is unseen by it, and recomputes once it commits.
        await using (var writer = database.Open())
        {
            await using var open = await writer.Database.BeginTransactionAsync();
            var old = await writer.Episodes.Where(e => e.ReferralDate >= Old.From && e.ReferralDate <= Old.To).OrderBy(e => e.Id).Skip(1).FirstAsync();
            old.ReferralSource = old.ReferralSource == ReferralSource.Self ? ReferralSource.Gp : ReferralSource.Self;
            await writer.SaveChangesAsync();
            await using (var db = database.Open())
            {
                await KeptFigures.ComputeAsync(db, query with { AsOf = Today.AddDays(-1) }, KeptKind.Headlines);
            }
            await open.CommitAsync();
        }
        await using (var db = database.Open())
        {
            var inProgressQuery = query with { AsOf = Today.AddDays(-1) };
            var before = await KeptIdAsync(db, inProgressQuery, KeptKind.Headlines);
            Assert.NotNull(before);
            var served = await KeptFigures.ComputeAsync(db, inProgressQuery, KeptKind.Headlines);
            Assert.NotEqual(before, await KeptIdAsync(db, inProgressQuery, KeptKind.Headlines));
            Assert.Equal((await IndicatorEngine.HeadlinesAsync(db, inProgressQuery)).Figures, served.Figures);
        }
        await transaction.RollbackAsync();
    }
}
