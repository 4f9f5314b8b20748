using Microsoft.Data.Sqlite;

namespace Pathway.Data;

/// <summary>What a backup or restore did, or the one sentence saying why it did nothing.</summary>
public sealed record BackupOutcome(bool Done, string Message)
{
    public static BackupOutcome Refused(string message) => new(false, message);
}

/// <summary>
/// Backups of a SQLite database with SQLite's online backup API: the copy is one read transaction on the source,
/// so it is consistent while the application keeps writing (readers never wait in WAL mode; in rollback mode a
/// writer waits the milliseconds the copy takes). A restore goes only into an empty database: a slip of the
/// keyboard must never replace a live database's records.
/// </summary>
public static class SqliteBackup
{
    /// <summary>PostgreSQL has its own tools, which do this better than Pathway could (docs/operations.md).</summary>
    public const string PostgresRefusal =
        "pathway backup and restore work on SQLite files only; back up PostgreSQL with `pg_dump -Fc` and restore it with `pg_restore` into an empty database (or use base backups with WAL archiving), as docs/operations.md describes.";

    private const string HistoryTable = "__ef_migrations_history";

    public static async Task<BackupOutcome> BackupAsync(DatabaseTarget source, string file, bool force, CancellationToken cancel)
    {
        if (source.Kind != DatabaseKind.Sqlite) return BackupOutcome.Refused(PostgresRefusal);
        var from = new SqliteConnectionStringBuilder(source.ConnectionString).DataSource;
        var to = Path.GetFullPath(file);
        if (string.Equals(from, to, StringComparison.Ordinal))
            return BackupOutcome.Refused($"The backup file {to} is the database itself; choose another file.");
        var inspected = Inspect(from, "database");
        if (inspected.Problem is { } problem) return BackupOutcome.Refused(problem);
        if (Directory.Exists(to))
            return BackupOutcome.Refused($"{to} is a folder; give the backup a file name, e.g. {Path.Combine(to, "pathway-backup.db")}.");
        if (File.Exists(to) && !force)
            return BackupOutcome.Refused($"{to} already exists and was left as it is; choose a new file name, or pass --force to replace it.");
        var folder = Path.GetDirectoryName(to)!;
        if (!Directory.Exists(folder))
            return BackupOutcome.Refused($"Cannot write the backup {to}: the folder {folder} does not exist.");

        // Written beside the target and moved into place only when whole, so a backup cut short never looks like one.
        var partial = Path.Combine(folder, $".{Path.GetFileName(to)}.{Guid.NewGuid():N}.partial");
        try
        {
            await using (var reading = Open(from, SqliteOpenMode.ReadOnly))
            await using (var writing = Open(partial, SqliteOpenMode.ReadWriteCreate))
            {
                await OpenPatientlyAsync(reading, cancel);
                await OpenPatientlyAsync(writing, cancel);
                reading.BackupDatabase(writing);
                // One self-contained file, whatever journal mode the live database uses.
                await ExecuteAsync(writing, "PRAGMA journal_mode=DELETE", cancel);
                if (await ScalarAsync(writing, "PRAGMA quick_check", cancel) is not "ok")
                    return BackupOutcome.Refused($"The copy of {from} did not pass SQLite's check; no backup was written.");
            }
            File.Move(partial, to, overwrite: force);
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            return BackupOutcome.Refused($"The backup to {to} failed and nothing was written: {FirstLine(e.Message)}");
        }
        finally
        {
            if (File.Exists(partial)) File.Delete(partial);
        }
        var size = new FileInfo(to).Length;
        return new BackupOutcome(true,
            $"Backed up {from} to {to} ({size:N0} bytes, schema {SchemaStatus.VersionName(inspected.Migrations!.LastOrDefault())}).");
    }

    public static async Task<BackupOutcome> RestoreAsync(DatabaseTarget target, string file, CancellationToken cancel)
    {
        if (target.Kind != DatabaseKind.Sqlite) return BackupOutcome.Refused(PostgresRefusal);
        var from = Path.GetFullPath(file);
        var inspected = Inspect(from, "backup");
        if (inspected.Problem is { } problem) return BackupOutcome.Refused(problem);

        var known = SchemaStatus.KnownMigrations(target.Kind);
        var backupVersion = inspected.Migrations!.LastOrDefault();
        if (inspected.Migrations!.Except(known).Any())
            return BackupOutcome.Refused(
                $"The backup {from} has a newer schema ({backupVersion}) than this version of Pathway understands ({known.LastOrDefault()}); restore it with a newer Pathway.");

        await target.EnsureReachableAsync(cancel);
        var to = new SqliteConnectionStringBuilder(target.ConnectionString).DataSource;
        if (await HeldTableAsync(to, cancel) is { } held)
            return BackupOutcome.Refused(
                $"The database {to} already holds data (table {held} has rows) and was left as it is; restore into a new file with `pathway restore {file} --db NEW.db`, check it, and then put it in place while Pathway is stopped.");

        try
        {
            await using var reading = Open(from, SqliteOpenMode.ReadOnly);
            await using var writing = Open(to, SqliteOpenMode.ReadWrite);
            await OpenPatientlyAsync(reading, cancel);
            await OpenPatientlyAsync(writing, cancel);
            reading.BackupDatabase(writing);
        }
        catch (SqliteException e)
        {
            return BackupOutcome.Refused($"The restore into {to} failed: {FirstLine(e.Message)}");
        }

        var pending = known.Except(inspected.Migrations!).Count();
        if (pending == 0)
            return new BackupOutcome(true, $"Restored {from} into {to} (schema {SchemaStatus.VersionName(backupVersion)}).");
        await SchemaRules.MigrateAsync(target, cancel);
        return new BackupOutcome(true,
            $"Restored {from} into {to} and brought its schema from {SchemaStatus.VersionName(backupVersion)} up to {known.Last()} ({pending} migration(s)).");
    }

    private sealed record Inspection(string? Problem, IReadOnlyList<string>? Migrations);

    /// <summary>Is this file a whole Pathway SQLite database? The answer is either its migrations or one sentence.</summary>
    private static Inspection Inspect(string path, string what)
    {
        if (Directory.Exists(path)) return new($"The {what} {path} is a folder, not a SQLite file.", null);
        if (!File.Exists(path)) return new($"There is no {what} file {path}.", null);
        try
        {
            using var connection = Open(path, SqliteOpenMode.ReadOnly);
            connection.Open();
            using var tables = connection.CreateCommand();
            tables.CommandText = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = $history";
            tables.Parameters.AddWithValue("$history", HistoryTable);
            if (Convert.ToInt64(tables.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) == 0)
                return new($"The {what} {path} is a SQLite database but not a Pathway one (it has no Pathway schema).", null);
            using var check = connection.CreateCommand();
            check.CommandText = "PRAGMA quick_check";
            if (check.ExecuteScalar() as string != "ok")
                return new($"The {what} {path} is damaged (SQLite's check found errors).", null);
            using var history = connection.CreateCommand();
            history.CommandText = $"SELECT MigrationId FROM {HistoryTable} ORDER BY MigrationId";
            var migrations = new List<string>();
            using (var reader = history.ExecuteReader())
                while (reader.Read()) migrations.Add(reader.GetString(0));
            if (migrations.Count == 0)
                return new($"The {what} {path} has no Pathway schema yet, so there is nothing in it.", null);
            return new(null, migrations);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 /* SQLITE_NOTADB */)
        {
            return new($"The {what} {path} is not a SQLite database.", null);
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 11 /* SQLITE_CORRUPT */)
        {
            return new($"The {what} {path} is damaged (SQLite's check found errors).", null);
        }
        catch (SqliteException e)
        {
            return new($"Cannot read the {what} {path}: {FirstLine(e.Message)}", null);
        }
    }

    /// <summary>The first table holding a row, or null when the database is empty (missing, blank, or only a schema).</summary>
    private static async Task<string?> HeldTableAsync(string path, CancellationToken cancel)
    {
        if (!File.Exists(path) || new FileInfo(path).Length == 0) return null;
        await using var connection = Open(path, SqliteOpenMode.ReadOnly);
        await connection.OpenAsync(cancel);
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> $history ORDER BY name";
            list.Parameters.AddWithValue("$history", HistoryTable);
            await using var reader = await list.ExecuteReaderAsync(cancel);
            while (await reader.ReadAsync(cancel)) tables.Add(reader.GetString(0));
        }
        foreach (var table in tables)
            if (await ScalarAsync(connection, $"SELECT EXISTS (SELECT 1 FROM \"{table.Replace("\"", "\"\"")}\")", cancel) is 1L)
                return table;
        return null;
    }

    // Not pooled: a backup or restore leaves no connection holding either file open.
    private static SqliteConnection Open(string path, SqliteOpenMode mode) =>
        new(new SqliteConnectionStringBuilder { DataSource = path, Mode = mode, Pooling = false }.ConnectionString);

    /// <summary>
    /// The backup API takes its locks through each connection's busy handler: without one, a writer committing at
    /// that moment would make the backup fail at once instead of waiting its turn.
    /// </summary>
    private static async Task OpenPatientlyAsync(SqliteConnection connection, CancellationToken cancel)
    {
        await connection.OpenAsync(cancel);
        await ExecuteAsync(connection, "PRAGMA busy_timeout = 30000", cancel);
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancel);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancel)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancel);
    }

    private static string FirstLine(string message)
    {
        var line = message.Split('\n')[0].Trim();
        return line.EndsWith('.') ? line : line + ".";
    }
}
