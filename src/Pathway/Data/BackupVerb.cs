using System.CommandLine;

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
            Report(console, await SqliteBackup.BackupAsync(PathwayCommand.Target(parse), parse.GetValue(file)!, parse.GetValue(force), cancel)));
        return command;
    }

    public static Command Restore(CliConsole console)
    {
        var file = new Argument<string>("FILE") { Description = "A backup written by `pathway backup`." };
        var command = new Command("restore", "Restore a backup into an empty SQLite database (--db); a database holding data is never replaced.") { file };
        command.SetAction(async (parse, cancel) =>
            Report(console, await SqliteBackup.RestoreAsync(PathwayCommand.Target(parse), parse.GetValue(file)!, cancel)));
        return command;
    }

    private static int Report(CliConsole console, BackupOutcome outcome)
    {
        console.Error.WriteLine(outcome.Message);
        return outcome.Done ? ExitCodes.Done : ExitCodes.Refused;
    }
}
