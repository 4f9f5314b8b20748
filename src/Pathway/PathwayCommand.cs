using System.CommandLine;
using Pathway.Data;
using Pathway.Demo;
using Pathway.Indicators;
using Pathway.Web;

namespace Pathway;

/// <summary>The `pathway` command: one line per verb, each defined beside the feature it drives.</summary>
public static class PathwayCommand
{
    public static readonly Option<string?> Db = new("--db")
    {
        Description = $"SQLite file path, or a PostgreSQL connection string containing Host= (default: ${DatabaseTarget.EnvironmentVariable}, else {DatabaseTarget.DefaultFile})",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, TextWriter? stdout = null, TextWriter? stderr = null, CancellationToken cancel = default,
        TextReader? stdin = null)
    {
        var console = new CliConsole(stdout ?? Console.Out, stderr ?? Console.Error, stdin);
        var root = new RootCommand("Pathway: case management and performance indicators for drug and alcohol treatment services.");
        root.Options.Add(Db);
        root.Subcommands.Add(ServeVerb.Create(console));
        root.Subcommands.Add(MigrateVerb.Create(console));
        root.Subcommands.Add(BackupVerb.Backup(console));
        root.Subcommands.Add(BackupVerb.Restore(console));
        root.Subcommands.Add(DemoVerb.Create(console));
        root.Subcommands.Add(Exchange.ExchangeVerbs.Load(console));
        root.Subcommands.Add(Exchange.ExchangeVerbs.Export(console));
        root.Subcommands.Add(ReportVerb.Create(console));
        root.Subcommands.Add(Transitions.TransitionVerb.Create(console));
        root.Subcommands.Add(Admin.UsersVerb.Create(console));
        root.Subcommands.Add(Transitions.HandoverVerb.Create(console));
        root.Subcommands.Add(Access.GrantVerb.Create(console));
        root.Subcommands.Add(Api.ApiClientsVerb.Create(console));
        root.Subcommands.Add(Transfer.TransferVerbs.Create(console));

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) console.Error.WriteLine(error.Message);
            console.Error.WriteLine("Run `pathway --help` for the verbs and their options.");
            return ExitCodes.Usage;
        }

        // One span per verb run; `serve` is traced by the web app's own pipeline, request by request.
        var verb = VerbName(parse);
        await using var run = verb is "" or "serve" ? null : Infrastructure.Telemetry.StartVerb(verb);
        try
        {
            var code = await parse.InvokeAsync(new InvocationConfiguration
            {
                Output = console.Out,
                Error = console.Error,
                EnableDefaultExceptionHandler = false,
            }, cancel);
            run?.Ended(code);
            return code;
        }
        catch (DatabaseUnavailableException e)
        {
            console.Error.WriteLine(e.Message);
            run?.Ended(ExitCodes.Refused);
            return ExitCodes.Refused;
        }
        catch (OperationCanceledException)
        {
            console.Error.WriteLine("Stopped before finishing.");
            run?.Ended(ExitCodes.Refused);
            return ExitCodes.Refused;
        }
    }

    /// <summary>The verb as typed, e.g. "users add"; empty for the bare command.</summary>
    private static string VerbName(ParseResult parse)
    {
        var names = new List<string>();
        for (var result = parse.CommandResult; result is { Command: not RootCommand }; result = result.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, result.Command.Name);
        return string.Join(' ', names);
    }

    public static DatabaseTarget Target(ParseResult parse) =>
        DatabaseTarget.Parse(parse.GetValue(Db) ?? Environment.GetEnvironmentVariable(DatabaseTarget.EnvironmentVariable));
}

public static class ExitCodes
{
    public const int Done = 0;
    /// <summary>Invalid input, or a rule refused the work.</summary>
    public const int Refused = 1;
    public const int Usage = 2;
}

/// <summary>
/// Standard output carries a verb's result only; everything else goes to standard error (cli.md). <c>Input</c> is
/// standard input when a caller (a test) supplies it; null means the process's own.
/// </summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader? Input = null);
