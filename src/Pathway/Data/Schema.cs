using System.Data;
using System.Data.Common;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;

namespace Pathway.Data;

/// <summary>Where a database's schema stands against the migrations this build of Pathway carries.</summary>
public sealed record SchemaStatus(string? Version, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    /// <summary>The last migration this build knows: the schema version it expects.</summary>
    public required string Expected { get; init; }
    public bool IsCurrent => Pending.Count == 0 && Unknown.Count == 0;
    public bool IsNewerThanThisBuild => Unknown.Count > 0;

    /// <summary>The schema of the target database, read on a connection of its own (no EF Core model is built).</summary>
    public static async Task<SchemaStatus> ReadAsync(DatabaseTarget target, CancellationToken cancel = default)
    {
        await using var connection = await target.OpenConnectionAsync(cancel);
        return await ReadAsync(connection, null, target.Kind, cancel);
    }

    /// <summary>The same reading on a context's connection, in its transaction if it has one.</summary>
    public static async Task<SchemaStatus> ReadAsync(PathwayDb db, CancellationToken cancel = default)
    {
        var connection = db.Database.GetDbConnection();
        // Opened through EF Core, so it knows; closed again only if it was closed before.
        var opening = connection.State != ConnectionState.Open;
        if (opening) await db.Database.OpenConnectionAsync(cancel);
        try
        {
            return await ReadAsync(connection, db.Database.CurrentTransaction?.GetDbTransaction(), db.Kind, cancel);
        }
        finally
        {
            if (opening) await db.Database.CloseConnectionAsync();
        }
    }

    public static async Task<SchemaStatus> ReadAsync(DbConnection connection, DbTransaction? transaction, DatabaseKind kind, CancellationToken cancel = default)
    {
        var known = KnownMigrations(kind);
        var applied = await AppliedMigrationsAsync(connection, transaction, kind, cancel);
        return new SchemaStatus(
            applied.LastOrDefault(),
            known.Except(applied).ToList(),
            applied.Except(known).ToList())
        {
            Expected = known.LastOrDefault() ?? "none",
        };
    }

    /// <summary>The ids of the migrations this build carries for a kind of database, in order.</summary>
    public static IReadOnlyList<string> KnownMigrations(DatabaseKind kind) =>
        kind == DatabaseKind.Postgres ? PostgresMigrations.Value : SqliteMigrations.Value;

    private static readonly Lazy<IReadOnlyList<string>> PostgresMigrations = new(() => MigrationsOf(typeof(PostgresPathwayDb)));
    private static readonly Lazy<IReadOnlyList<string>> SqliteMigrations = new(() => MigrationsOf(typeof(SqlitePathwayDb)));

    /// <summary>
    /// Found as EF Core's migrations assembly finds them (the context's own assembly: migration classes whose
    /// <c>[DbContext]</c> names the context, by their <c>[Migration]</c> id), without building the model it would ask for.
    /// </summary>
    private static IReadOnlyList<string> MigrationsOf(Type context) =>
        Candidates(context.Assembly)
            .Where(t => t is { IsClass: true, IsAbstract: false } && t.IsSubclassOf(typeof(Migration))
                        && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == context)
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
            .OfType<string>()
            .Order(StringComparer.Ordinal)
            .ToList();

    /// <summary>
    /// The assembly's classes that derive from <see cref="Migration"/> directly, as migrations are generated, named from its
    /// metadata: loading all of its types (pages and views among them) to test each took tens of milliseconds of every command.
    /// Every type when the metadata cannot be read (an assembly without a file).
    /// </summary>
    private static IEnumerable<Type> Candidates(Assembly assembly)
    {
        if (assembly.Location is not { Length: > 0 } path) return assembly.GetTypes();
        using var pe = new PEReader(File.OpenRead(path));
        var reader = pe.GetMetadataReader();
        var names = new List<string>();
        foreach (var handle in reader.TypeDefinitions)
        {
            var type = reader.GetTypeDefinition(handle);
            if (type.BaseType.Kind != HandleKind.TypeReference || !type.GetDeclaringType().IsNil) continue;
            var baseType = reader.GetTypeReference((TypeReferenceHandle)type.BaseType);
            if (reader.StringComparer.Equals(baseType.Name, nameof(Migration))
                && reader.StringComparer.Equals(baseType.Namespace, typeof(Migration).Namespace!))
                names.Add(type.Namespace.IsNil ? reader.GetString(type.Name) : $"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}");
        }
        return names.Select(name => assembly.GetType(name, throwOnError: true)!);
    }

    /// <summary>The ids of the migrations applied to the database, in order, as EF Core's history table records them.</summary>
    public static async Task<IReadOnlyList<string>> AppliedMigrationsAsync(DbConnection connection, DbTransaction? transaction, DatabaseKind kind,
        CancellationToken cancel = default)
    {
        const string table = DatabaseTarget.MigrationsHistoryTable;
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        // A database no migration has touched has no history table, and none applied.
        command.CommandText = kind == DatabaseKind.Postgres
            ? $"SELECT to_regclass('\"{table}\"') IS NOT NULL"
            : $"SELECT EXISTS (SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '{table}')";
        if (!Convert.ToBoolean(await command.ExecuteScalarAsync(cancel))) return [];
        command.CommandText = $"SELECT \"MigrationId\" FROM \"{table}\"";
        var applied = new List<string>();
        await using (var reader = await command.ExecuteReaderAsync(cancel))
            while (await reader.ReadAsync(cancel)) applied.Add(reader.GetString(0));
        return applied.Order(StringComparer.Ordinal).ToList();
    }

    public static string VersionName(string? migrationId) => migrationId ?? "empty";
}

public static class SchemaRules
{
    /// <summary>
    /// What every verb does before it works on data. A SQLite file is brought up to date on the spot so the
    /// first command just works; PostgreSQL is production, where schema changes are a deliberate
    /// <c>pathway migrate</c>. Neither runs on a schema newer than this build understands.
    /// </summary>
    public static async Task EnsureUsableAsync(DatabaseTarget target, CancellationToken cancel = default)
    {
        await target.EnsureReachableAsync(cancel);
        // Read without EF Core: a current database, the usual case, then never needs its model built.
        var status = await SchemaStatus.ReadAsync(target, cancel);
        if (status.IsNewerThanThisBuild)
            throw new DatabaseUnavailableException(
                $"The database schema ({status.Version}) is newer than this version of Pathway understands ({status.Expected}); upgrade Pathway before using this database.");
        if (status.IsCurrent) return;
        if (target.Kind == DatabaseKind.Sqlite)
        {
            await using var db = target.CreateDb();
            await db.Database.MigrateAsync(cancel);
            return;
        }
        throw new DatabaseUnavailableException(
            $"The database schema is out of date ({SchemaStatus.VersionName(status.Version)}, this version of Pathway needs {status.Expected}); run `pathway migrate` first.");
    }

    public static async Task<SchemaStatus> MigrateAsync(DatabaseTarget target, CancellationToken cancel = default)
    {
        await target.EnsureReachableAsync(cancel);
        var before = await SchemaStatus.ReadAsync(target, cancel);
        if (before.IsNewerThanThisBuild)
            throw new DatabaseUnavailableException(
                $"The database schema ({before.Version}) is newer than this version of Pathway understands ({before.Expected}); it was not changed.");
        await using var db = target.CreateDb();
        await db.Database.MigrateAsync(cancel);
        return before;
    }
}
