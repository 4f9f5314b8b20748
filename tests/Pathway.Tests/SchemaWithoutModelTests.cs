using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Indicators;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

/// <summary>
/// The report reads the schema's state and computes its figures without EF Core's model (start-up, issue 14): what it reads
/// must be what EF Core itself would say.
/// </summary>
public class SchemaWithoutModelTests
{
    [Theory, DatabaseData]
    public async Task KnownAndAppliedMigrationsAreEfCoresOwn(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrated: false);
        var known = SchemaStatus.KnownMigrations(kind);

        await using (var db = database.Open())
        {
            Assert.Equal(db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal), known);
            Assert.NotEmpty(known);
        }

        // Empty (no history table), part way (an older schema) and current.
        await AssertAppliedAgreeAsync(database, expected: []);
        await using (var db = database.Open())
            await db.GetService<IMigrator>().MigrateAsync(known[2]);
        await AssertAppliedAgreeAsync(database, expected: known.Take(3).ToList());
        await using (var db = database.Open())
            await db.Database.MigrateAsync();
        await AssertAppliedAgreeAsync(database, expected: known);
    }

    private static async Task AssertAppliedAgreeAsync(TestDatabase database, IReadOnlyList<string> expected)
    {
        await using var db = database.Open();
        var efCore = (await db.Database.GetAppliedMigrationsAsync()).Order(StringComparer.Ordinal).ToList();
        await using var connection = await database.Target.OpenConnectionAsync();
        var applied = await SchemaStatus.AppliedMigrationsAsync(connection, null, database.Kind);
        var status = await SchemaStatus.ReadAsync(database.Target);

        Assert.Equal(expected, efCore);
        Assert.Equal(efCore, applied);
        Assert.Equal(efCore.LastOrDefault(), status.Version);
        Assert.Equal(SchemaStatus.KnownMigrations(database.Kind).Except(efCore), status.Pending);
        var onContext = await SchemaStatus.ReadAsync(db);
        Assert.Equal((status.Version, status.Expected), (onContext.Version, onContext.Expected));
        Assert.Equal(status.Pending, onContext.Pending);
        Assert.Equal(status.Unknown, onContext.Unknown);
    }

    [Theory, DatabaseData]
    public async Task FiguresOnTwoPlainConnectionsAtOnceEqualThoseThroughEfCore(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        var today = new DateOnly(2026, 11, 23);
        await database.FillDemoAsync(new DemoOptions(People: 80, Years: 2, Seed: 5), today);
        var query = new IndicatorQuery(new DateOnly(2025, 10, 1), new DateOnly(2026, 9, 30), today);

        IndicatorReport throughEfCore;
        await using (var db = database.Open())
            throughEfCore = await IndicatorEngine.ComputeAsync(db, query);
        var plain = await IndicatorEngine.ComputeAsync(database.Target, query);

        Assert.Contains(plain.Figures, f => f.Value > 0);
        Assert.Equal(ReportWriters.Json(throughEfCore), ReportWriters.Json(plain));
    }
}
