using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Pathway.Data;

/// <summary>
/// How an SQLite file takes many users at once (docs/decisions/005-sqlite-concurrent-writes.md). SQLite has one writer
/// at a time; every case-page view writes its audit event, so under load writers meet each other and the readers all the
/// time. Without this, a writer that found the file busy at its commit failed at once with "database is locked" (SQLite's
/// own busy handler is off by default, and Microsoft.Data.Sqlite retries only a statement's first step). Every connection
/// Pathway opens therefore gets:
/// <list type="bullet">
/// <item>write-ahead logging, so readers never block the writer nor the writer the readers (persistent in the file);</item>
/// <item>a busy timeout, so a writer waits its turn for the write lock, inside SQLite, at every step including the commit.</item>
/// </list>
/// Explicit transactions already take the write lock up front: Microsoft.Data.Sqlite begins them <c>BEGIN IMMEDIATE</c>,
/// so a transaction that reads and then writes never meets the lock-upgrade deadlock a busy timeout cannot rescue.
/// </summary>
public sealed class SqliteWrites : DbConnectionInterceptor
{
    public static readonly SqliteWrites Interceptor = new();

    /// <summary>How long a write waits for another to finish before it fails; far beyond any single write of a page.</summary>
    public static readonly TimeSpan BusyTimeout = TimeSpan.FromSeconds(30);

    private SqliteWrites() { }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Prepare(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Prepare(connection);
        return Task.CompletedTask;
    }

    /// <summary>Prepares a connection opened outside EF Core (a bulk load) as EF Core's own are.</summary>
    public static void Prepare(DbConnection connection)
    {
        if (connection is not SqliteConnection sqlite) return;
        using var command = sqlite.CreateCommand();
        // On every open, not once per process: a file may have been switched back (or replaced by a restored copy) since,
        // and both are no-ops costing microseconds when already in force.
        command.CommandText = $"PRAGMA busy_timeout = {(int)BusyTimeout.TotalMilliseconds}; PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }
}
