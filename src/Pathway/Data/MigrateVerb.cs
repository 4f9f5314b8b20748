using System.CommandLine;

namespace Pathway.Data;

public static class MigrateVerb
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("migrate", "Bring the database schema up to date.");
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            var before = await SchemaRules.MigrateAsync(target, cancel);
            console.Error.WriteLine(before.IsCurrent
                ? $"{target.Description}: schema already up to date ({before.Expected})."
                : $"{target.Description}: applied {before.Pending.Count} migration(s); schema is now {before.Expected}.");
            return ExitCodes.Done;
        });
        return command;
    }
}
