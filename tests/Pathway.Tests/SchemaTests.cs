using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class SchemaTests
{
    [Theory, DatabaseData]
    public async Task MigrateBringsAnEmptyDatabaseUpToDate(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrated: false);

        var result = await Cli.RunAsync("migrate", "--db", database.DbArgument);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("applied", result.Error);
        await using var db = database.Open();
        var status = await SchemaStatus.ReadAsync(db);
        Assert.True(status.IsCurrent);
        Assert.Equal(status.Expected, status.Version);
        Assert.Equal(0, await db.Episodes.CountAsync());
    }

    [Theory, DatabaseData]
    public async Task MigrateTwiceChangesNothingTheSecondTime(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);

        var result = await Cli.RunAsync("migrate", "--db", database.DbArgument);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("already up to date", result.Error);
    }

    [Theory, DatabaseData]
    public async Task OnlySqliteIsMigratedWithoutBeingAsked(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrated: false);

        var attempt = await Record.ExceptionAsync(() => SchemaRules.EnsureUsableAsync(database.Target));

        await using var db = database.Open();
        var status = await SchemaStatus.ReadAsync(db);
        if (kind == DatabaseKind.Sqlite)
        {
            Assert.Null(attempt);
            Assert.True(status.IsCurrent);
        }
        else
        {
            var refused = Assert.IsType<DatabaseUnavailableException>(attempt);
            Assert.Contains("run `pathway migrate`", refused.Message);
            Assert.Null(status.Version);
        }
    }

    [Theory, DatabaseData]
    public async Task ASchemaNewerThanThisBuildIsRefused(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using (var db = database.Open())
        {
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO __ef_migrations_history (\"MigrationId\", \"ProductVersion\") VALUES ('29991231000000_FromTheFuture', '99.0.0')");
        }

        var serve = await Cli.RunAsync("serve", "--db", database.DbArgument, "--urls", "http://127.0.0.1:0");
        var migrate = await Cli.RunAsync("migrate", "--db", database.DbArgument);

        Assert.Equal(1, serve.ExitCode);
        Assert.Contains("newer than this version of Pathway", serve.Error);
        Assert.Equal(1, migrate.ExitCode);
        Assert.Contains("newer than this version of Pathway", migrate.Error);
    }
}
