using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Pathway.Data;

namespace Pathway.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database of either kind for one test. PostgreSQL is a real server, started by
/// ./test.sh, whose address comes in <c>PATHWAY_TEST_POSTGRES</c>; each test gets its own database,
/// copied from a template migrated once per test run.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PATHWAY_TEST_POSTGRES";

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static string? sqliteTemplate;
    private static string? postgresTemplate;

    private readonly string? file;
    private readonly string? postgresName;

    private TestDatabase(DatabaseTarget target, string? file, string? postgresName)
    {
        Target = target;
        this.file = file;
        this.postgresName = postgresName;
    }

    public DatabaseTarget Target { get; }
    public DatabaseKind Kind => Target.Kind;

    public PathwayDb Open() => Target.CreateDb();

    /// <summary>Fills this database with a small demonstration area, quietly.</summary>
    public async Task FillDemoAsync(Demo.DemoOptions options, DateOnly today)
    {
        await using var db = Open();
        await Demo.DemoArea.FillAsync(db, options, today, new CliConsole(TextWriter.Null, TextWriter.Null), default);
    }

    /// <summary>The --db argument a CLI test passes for this database.</summary>
    public string DbArgument => Kind == DatabaseKind.Sqlite ? file! : Target.ConnectionString;

    public static async Task<TestDatabase> CreateAsync(DatabaseKind kind, bool migrated = true)
    {
        if (kind == DatabaseKind.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"pathway-test-{Guid.NewGuid():N}.db");
            if (migrated) File.Copy(await SqliteTemplateAsync(), path);
            return new TestDatabase(DatabaseTarget.Parse(path), path, null);
        }

        var server = PostgresServer();
        var name = $"t_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(server))
        {
            await connection.OpenAsync();
            var template = migrated ? $" TEMPLATE {await PostgresTemplateAsync()}" : "";
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}{template}", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(server) { Database = name };
        return new TestDatabase(DatabaseTarget.Parse(builder.ConnectionString), null, name);
    }

    public static string PostgresServer() =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException(
                $"PostgreSQL tests need a server: run ./test.sh, which starts one, or set {PostgresVariable} to a connection string.");

    private static async Task<string> SqliteTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (sqliteTemplate is not null) return sqliteTemplate;
            var path = Path.Combine(Path.GetTempPath(), $"pathway-template-{Environment.ProcessId}-{Guid.NewGuid():N}.db");
            await using (var db = DatabaseTarget.Parse(path).CreateDb())
                await db.Database.MigrateAsync();
            SqliteConnection.ClearAllPools();
            return sqliteTemplate = path;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    private static async Task<string> PostgresTemplateAsync()
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (postgresTemplate is not null) return postgresTemplate;
            var name = $"template_{Environment.ProcessId}_{Guid.NewGuid():N}"[..40];
            await using (var connection = new NpgsqlConnection(PostgresServer()))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
                await create.ExecuteNonQueryAsync();
            }
            var builder = new NpgsqlConnectionStringBuilder(PostgresServer()) { Database = name };
            await using (var db = DatabaseTarget.Parse(builder.ConnectionString).CreateDb())
                await db.Database.MigrateAsync();
            // A template cannot be copied while anyone is connected to it.
            NpgsqlConnection.ClearAllPools();
            return postgresTemplate = name;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (file is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var f in new[] { file, file + "-wal", file + "-shm" })
                if (File.Exists(f)) File.Delete(f);
        }
        if (postgresName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresServer());
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}

/// <summary>Runs a data test once per database: every data test proves itself on SQLite and on PostgreSQL.</summary>
public sealed class DatabaseDataAttribute : Xunit.Sdk.DataAttribute
{
    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) =>
        [[DatabaseKind.Sqlite], [DatabaseKind.Postgres]];
}
