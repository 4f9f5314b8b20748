using Pathway.Infrastructure;
using System.CommandLine;
using Pathway.Data;

namespace Pathway.Demo;

public static class DemoVerb
{
    public static Command Create(CliConsole console)
    {
        var people = new Option<int>("--people") { Description = "How many synthetic people.", DefaultValueFactory = _ => DemoOptions.Default.People };
        var years = new Option<int>("--years") { Description = "How many years of history, ending today.", DefaultValueFactory = _ => DemoOptions.Default.Years };
        var seed = new Option<int>("--seed") { Description = "The same seed gives the same area.", DefaultValueFactory = _ => DemoOptions.Default.Seed };
        InRange(people, 1, 5_000_000);
        InRange(years, 1, 20);

        var command = new Command("demo", "Fill an empty database with a synthetic demonstration area.") { people, years, seed };
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            if (await DemoArea.HoldsRecordsAsync(db, cancel))
            {
                console.Error.WriteLine("The database already holds records; demonstration data goes only into an empty database.");
                return ExitCodes.Refused;
            }
            var options = new DemoOptions(parse.GetValue(people), parse.GetValue(years), parse.GetValue(seed));
            await DemoArea.FillAsync(db, options, TimeProvider.System.Today(), console, cancel);
            foreach (var user in DemoArea.AllSignIns)
                console.Out.WriteLine($"demo sign-in: {user.Email} {DemoArea.Password} {user.Role}");
            return ExitCodes.Done;
        });
        return command;
    }

    private static void InRange(Option<int> option, int min, int max) => option.Validators.Add(result =>
    {
        // A value that is not a number at all has already been reported by the parser.
        if (result.Tokens is [var token] && int.TryParse(token.Value, out var value) && (value < min || value > max))
            result.AddError($"{option.Name} must be between {min:N0} and {max:N0}.");
    });
}
