using Microsoft.EntityFrameworkCore;
using Pathway.Data;
using Pathway.Tests.Infrastructure;

namespace Pathway.Tests;

public class SchemaTests
{
    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

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

    /// <summary>A change to the model without `tools/add-migration` would leave one database behind the code.</summary>
    [Theory, DatabaseData]
    public async Task EachDatabasesMigrationsMatchTheModel(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind);
        await using var db = database.Open();

        Assert.False(db.Database.HasPendingModelChanges(),
            $"The {kind} migrations do not match the model: run tools/add-migration with a name for the change.");
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
    public async Task ServeAnswersHealthOnceTheSchemaIsMigrated(DatabaseKind kind)
    {
        await using var database = await TestDatabase.CreateAsync(kind, migrated: false);
        var url = $"http://127.0.0.1:{FreePort()}";

        var migrate = await Cli.RunAsync("migrate", "--db", database.DbArgument);
        using var stop = new CancellationTokenSource();
        var serve = Cli.RunAsync(["serve", "--db", database.DbArgument, "--urls", url], stop.Token);
        using var http = new HttpClient();
        HttpResponseMessage? health = null;
        for (var i = 0; i < 100 && health is null && !serve.IsCompleted; i++)
        {
            try { health = await http.GetAsync($"{url}/health"); }
            catch (HttpRequestException) { await Task.Delay(100); }
        }
        await stop.CancelAsync();
        var served = await serve;

        Assert.Equal(0, migrate.ExitCode);
        Assert.NotNull(health);
        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Contains("\"schemaCurrent\":true", await health.Content.ReadAsStringAsync());
        Assert.Equal(0, served.ExitCode);
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
