using System.CommandLine;
using Pathway.Data;
using Pathway.Demo;

namespace Pathway.Web;

public static class ServeVerb
{
    public static Command Create(CliConsole console)
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen, e.g. http://127.0.0.1:5000 (default http://localhost:5000)." };
        var demo = new Option<bool>("--demo") { Description = "Fill an empty database with a synthetic demonstration area and print the demo sign-ins." };
        var command = new Command("serve", "Run the web application.") { urls, demo };
        command.SetAction(async (parse, cancel) =>
        {
            var asked = new WebSettings(parse.GetValue(urls), parse.GetValue(demo));
            var builder = PathwayWeb.CreateBuilder(asked);
            // Broken settings refuse before anything is touched; unsafe ones are said and allowed.
            var configuration = ServeConfiguration.Check(builder.Configuration, asked);
            foreach (var refusal in configuration.Refusals) console.Error.WriteLine(refusal);
            if (configuration.Refusals.Count > 0) return ExitCodes.Refused;

            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            foreach (var warning in configuration.Warnings) console.Error.WriteLine(warning);
            var settings = await PrepareAsync(target, asked.Urls, asked.Demo, console, cancel);
            var app = PathwayWeb.Build(builder, target, settings);
            await app.RunAsync(cancel);
            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>Everything `serve` does before the site starts: with --demo, fill an empty database and print the sign-ins.</summary>
    public static async Task<WebSettings> PrepareAsync(DatabaseTarget target, string? urls, bool demo, CliConsole console, CancellationToken cancel)
    {
        if (demo)
        {
            await using var db = target.CreateDb();
            await DemoArea.FillIfEmptyAsync(db, DemoOptions.Default, console, cancel);
            foreach (var user in DemoArea.AllSignIns)
                console.Out.WriteLine($"demo sign-in: {user.Email} {DemoArea.Password} {user.Role}");
            await console.Out.FlushAsync(cancel);
        }
        else if (await DemoArea.IsPresentAsync(target, cancel))
            console.Error.WriteLine("The database holds demonstration data, but without --demo every sign-in needs two-factor authentication.");
        // Demo mode (no two-factor, plain cookies) comes from --demo alone: what the database holds must never loosen sign-in.
        return new WebSettings(urls, demo);
    }
}
