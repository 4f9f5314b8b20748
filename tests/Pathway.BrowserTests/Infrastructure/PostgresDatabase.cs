using Npgsql;

namespace Pathway.BrowserTests.Infrastructure;

/// <summary>
/// An empty PostgreSQL database of its own for one test, on the server ./test.sh starts (PATHWAY_TEST_POSTGRES);
/// dropped afterwards. Nothing is migrated: the test does that with `pathway migrate`, as a new deployment would.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private const string ServerVariable = "PATHWAY_TEST_POSTGRES";
    private readonly string name;

    private PostgresDatabase(string name, string connectionString)
    {
        this.name = name;
        ConnectionString = connectionString;
    }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var name = $"b_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(Server()))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new PostgresDatabase(name, new NpgsqlConnectionStringBuilder(Server()) { Database = name }.ConnectionString);
    }

    private static string Server() =>
        Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server
            ? server
            : throw new InvalidOperationException($"This test needs PostgreSQL: run ./test.sh, which starts one, or set {ServerVariable}.");

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(Server());
        await connection.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {name} WITH (FORCE)", connection);
        await drop.ExecuteNonQueryAsync();
    }
}
