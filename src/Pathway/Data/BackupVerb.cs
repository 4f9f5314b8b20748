using System.CommandLine;
using Pathway.Access.Audit;

namespace Pathway.Data;

/// <summary>`pathway backup FILE` and `pathway restore FILE` (cli.md); the work is in <see cref="SqliteBackup"/>.</summary>
public static class BackupVerb
{
    public static Command Backup(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "The backup file to write (a SQLite database)." };
        var force = new Option<bool>("--force") { Description = "Replace FILE if it already exists." };
        var command = new Command("backup", "Write a consistent copy of the SQLite database to FILE, safe while Pathway serves.") { file, force };
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            var outcome = await SqliteBackup.BackupAsync(target, parse.GetValue(file)!, parse.GetValue(force), cancel);
            // A backup copies every client's records: the database it was taken from says who took one, as an export does.
            if (outcome.Done) await AuditAsync(target, AuditActions.Export, "backup", cancel);
            return Report(console, outcome);
        });
        return command;
    }

    public static Command Restore(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by `pathway backup`." };
        var command = new Command("restore", "Restore a backup into an empty SQLite database (--db); a database holding data is never replaced.") { file };
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            var outcome = await SqliteBackup.RestoreAsync(target, parse.GetValue(file)!, cancel);
            if (outcome.Done) await AuditAsync(target, AuditActions.Change, "restore", cancel);
            return Report(console, outcome);
        });
        return command;
    }

    private static async Task AuditAsync(DatabaseTarget target, string action, string what, CancellationToken cancel)
    {
        await using var db = target.CreateDb();
        // A database of an older schema (not yet migrated) may have no audit trail to write to; the copy is still good.
        if (!(await SchemaStatus.ReadAsync(db, cancel)).IsCurrent) return;
        db.AuditEvents.Add(AuditTrail.CommandLine(action, AuditOutcomes.Succeeded, AuditedRecordTypes.Database, what));
        await db.SaveChangesAsync(cancel);
    }

    private static int Report(CliConsole console, BackupOutcome outcome)
    {
        console.Error.WriteLine(outcome.Message);
        return outcome.Done ? ExitCodes.Done : ExitCodes.Refused;
    }
}
