using System.Data.Common;
using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Pathway.Data;

public enum DatabaseKind { Sqlite, Postgres }

/// <summary>
/// Which database a command works on, from <c>--db</c> or <c>PATHWAY_DB</c> (cli.md): anything containing
/// <c>Host=</c> is a PostgreSQL connection string, everything else a SQLite file path.
/// </summary>
public sealed class DatabaseTarget
{
    public const string EnvironmentVariable = "PATHWAY_DB";
    public const string DefaultFile = "pathway.db";

    private DatabaseTarget(DatabaseKind kind, string connectionString, string description)
    {
        Kind = kind;
        ConnectionString = connectionString;
        Description = description;
    }

    public DatabaseKind Kind { get; }
    public string ConnectionString { get; }
    /// <summary>Where the data lives, for messages: a file path or host:port/database — never a password.</summary>
    public string Description { get; }

    public static DatabaseTarget Parse(string? db)
    {
        db = string.IsNullOrWhiteSpace(db) ? DefaultFile : db.Trim();
        if (db.Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            NpgsqlConnectionStringBuilder builder;
            try
            {
                builder = new NpgsqlConnectionStringBuilder(db);
            }
            catch (ArgumentException e)
            {
                throw new DatabaseUnavailableException($"The PostgreSQL connection string is not valid: {e.Message}");
            }
            // Statements a server runs again and again (a page's dozens of small queries) are prepared once per connection,
            // so PostgreSQL parses and plans them once: unless the connection string says otherwise.
            if (!NamesSetting(db, "Max Auto Prepare")) builder.MaxAutoPrepare = AutoPreparedStatements;
            return new DatabaseTarget(DatabaseKind.Postgres, builder.ConnectionString,
                $"PostgreSQL {Hosts(builder)}/{builder.Database ?? builder.Username}");
        }

        var path = Path.GetFullPath(db);
        var sqlite = new SqliteConnectionStringBuilder { DataSource = path, ForeignKeys = true };
        return new DatabaseTarget(DatabaseKind.Sqlite, sqlite.ConnectionString, $"SQLite file {path}");
    }

    /// <summary>How many of its most used statements each PostgreSQL connection keeps prepared (Npgsql's automatic preparation).</summary>
    public const int AutoPreparedStatements = 100;

    /// <summary>Whether a connection string sets this keyword itself (however spaced or cased).</summary>
    private static bool NamesSetting(string connectionString, string keyword)
    {
        var wanted = keyword.Replace(" ", "", StringComparison.Ordinal);
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(wanted, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Every server of the connection string as host:port: one, or several for a highly available cluster
    /// (<c>Host=a:5432,b:5432;Target Session Attributes=primary</c>, docs/operations.md), where a host without a port of its
    /// own takes <c>Port</c>.
    /// </summary>
    private static string Hosts(NpgsqlConnectionStringBuilder builder) =>
        string.Join(',', (builder.Host ?? "localhost").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(host => HasPort(host) ? host : $"{host}:{builder.Port}"));

    private static bool HasPort(string host)
    {
        var colon = host.LastIndexOf(':');
        // An IPv6 address has colons of its own: only [address]:port carries a port.
        return colon > 0 && colon < host.Length - 1 && host[(colon + 1)..].All(char.IsAsciiDigit)
               && (host.IndexOf(':') == colon || host[colon - 1] == ']');
    }

    private static readonly Access.Audit.AuditAppendOnly AuditAppendOnly = new();

    /// <summary>Where EF Core records the migrations applied to a database (read without EF Core by <see cref="SchemaStatus"/>).</summary>
    public const string MigrationsHistoryTable = "__ef_migrations_history";

    public void Configure(DbContextOptionsBuilder options)
    {
        options.AddInterceptors(AuditAppendOnly, Indicators.KeptFigures.Interceptor);
        if (Kind == DatabaseKind.Sqlite) options.AddInterceptors(SqliteWrites.Interceptor);
        if (Kind == DatabaseKind.Postgres)
            options.UseNpgsql(ConnectionString, npgsql => npgsql.MigrationsHistoryTable(MigrationsHistoryTable));
        else
            options.UseSqlite(ConnectionString, sqlite => sqlite.MigrationsHistoryTable(MigrationsHistoryTable));
    }

    public PathwayDb CreateDb()
    {
        if (Kind == DatabaseKind.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresPathwayDb>();
            Configure(options);
            return new PostgresPathwayDb(options.Options);
        }
        else
        {
            var options = new DbContextOptionsBuilder<SqlitePathwayDb>();
            Configure(options);
            return new SqlitePathwayDb(options.Options);
        }
    }

    public void AddTo(IServiceCollection services)
    {
        services.AddSingleton(this);
        if (Kind == DatabaseKind.Postgres)
            services.AddDbContext<PathwayDb, PostgresPathwayDb>(Configure);
        else
            services.AddDbContext<PathwayDb, SqlitePathwayDb>(Configure);
    }

    /// <summary>
    /// An open ADO.NET connection to the database, prepared as EF Core's are (<see cref="SqliteWrites"/>), for work that is
    /// plain SQL: it skips building EF Core's model, most of a short command's start-up.
    /// </summary>
    public async Task<DbConnection> OpenConnectionAsync(CancellationToken cancel = default)
    {
        DbConnection connection = Kind == DatabaseKind.Postgres ? new NpgsqlConnection(ConnectionString) : new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(cancel);
            SqliteWrites.Prepare(connection);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Checks, before anything else touches it, that the database can be used at all, and turns the
    /// usual failures into one sentence a person can act on.
    /// </summary>
    public async Task EnsureReachableAsync(CancellationToken cancel = default)
    {
        if (Kind == DatabaseKind.Sqlite)
        {
            var path = new SqliteConnectionStringBuilder(ConnectionString).DataSource;
            var folder = Path.GetDirectoryName(path)!;
            if (!Directory.Exists(folder))
                throw new DatabaseUnavailableException($"Cannot use the SQLite database {path}: the folder {folder} does not exist.");
            if (Directory.Exists(path))
                throw new DatabaseUnavailableException($"Cannot use the SQLite database {path}: it is a folder, not a file.");
            if (!CanWrite(File.Exists(path) ? path : folder, isFolder: !File.Exists(path)))
                throw new DatabaseUnavailableException($"Cannot use the SQLite database {path}: {(File.Exists(path) ? "the file" : "the folder")} is not writable.");
        }

        try
        {
            await using var connection = await OpenConnectionAsync(cancel);
            if (Kind == DatabaseKind.Sqlite)
            {
                // Opening reads nothing: any file opens. Reading the header finds one that is not a database here, not later.
                await using var command = connection.CreateCommand();
                command.CommandText = "PRAGMA schema_version";
                await command.ExecuteScalarAsync(cancel);
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode == NotADatabase)
        {
            throw new DatabaseUnavailableException(
                $"Cannot use the SQLite database {new SqliteConnectionStringBuilder(ConnectionString).DataSource}: the file is not an SQLite database.");
        }
        catch (Exception e) when (e is NpgsqlException or SqliteException or SocketException or TimeoutException
                                      || e.InnerException is NpgsqlException)
        {
            throw new DatabaseUnavailableException($"Cannot reach the database ({Description}): {FirstSentence(e.InnerException is NpgsqlException n ? n : e)}");
        }
    }

    /// <summary>SQLite's SQLITE_NOTADB.</summary>
    private const int NotADatabase = 26;

    private static bool CanWrite(string path, bool isFolder)
    {
        try
        {
            if (isFolder)
            {
                var probe = Path.Combine(path, $".pathway-write-check-{Guid.NewGuid():N}");
                File.WriteAllBytes(probe, []);
                File.Delete(probe);
            }
            else
            {
                using var _ = File.Open(path, FileMode.Open, FileAccess.ReadWrite);
            }
            return true;
        }
        catch (Exception e) when (e is UnauthorizedAccessException or IOException)
        {
            return false;
        }
    }

    private static string FirstSentence(Exception e)
    {
        var inner = e.InnerException is SocketException socket ? socket.Message : e.Message;
        var line = inner.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}

/// <summary>The database cannot be used; the message is one sentence for the person at the keyboard.</summary>
public sealed class DatabaseUnavailableException(string message) : Exception(message);
