using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Pathway.Data;

/// <summary>Where a database's schema stands against the migrations this build of Pathway carries.</summary>
public sealed record SchemaStatus(string? Version, IReadOnlyList<string> Pending, IReadOnlyList<string> Unknown)
{
    /// <summary>The last migration this build knows: the schema version it expects.</summary>
    public required string Expected { get; init; }
    public bool IsCurrent => Pending.Count == 0 && Unknown.Count == 0;
    public bool IsNewerThanThisBuild => Unknown.Count > 0;

    public static async Task<SchemaStatus> ReadAsync(PathwayDb db, CancellationToken cancel = default)
    {
        var known = db.GetService<IMigrationsAssembly>().Migrations.Keys.Order(StringComparer.Ordinal).ToList();
        var applied = (await db.Database.GetAppliedMigrationsAsync(cancel)).Order(StringComparer.Ordinal).ToList();
        return new SchemaStatus(
            applied.LastOrDefault(),
            known.Except(applied).ToList(),
            applied.Except(known).ToList())
        {
            Expected = known.LastOrDefault() ?? "none",
        };
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
        await using var db = target.CreateDb();
        var status = await SchemaStatus.ReadAsync(db, cancel);
        if (status.IsNewerThanThisBuild)
            throw new DatabaseUnavailableException(
                $"The database schema ({status.Version}) is newer than this version of Pathway understands ({status.Expected}); upgrade Pathway before using this database.");
        if (status.IsCurrent) return;
        if (target.Kind == DatabaseKind.Sqlite)
        {
            await db.Database.MigrateAsync(cancel);
            return;
        }
        throw new DatabaseUnavailableException(
            $"The database schema is out of date ({SchemaStatus.VersionName(status.Version)}, this version of Pathway needs {status.Expected}); run `pathway migrate` first.");
    }

    public static async Task<SchemaStatus> MigrateAsync(DatabaseTarget target, CancellationToken cancel = default)
    {
        await target.EnsureReachableAsync(cancel);
        await using var db = target.CreateDb();
        var before = await SchemaStatus.ReadAsync(db, cancel);
        if (before.IsNewerThanThisBuild)
            throw new DatabaseUnavailableException(
                $"The database schema ({before.Version}) is newer than this version of Pathway understands ({before.Expected}); it was not changed.");
        await db.Database.MigrateAsync(cancel);
        return before;
    }
}
