using System.CommandLine;
using System.Globalization;
using Pathway.Data;

namespace Pathway.Transitions;

public static class TransitionVerb
{
    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from-source") { Required = true, Description = "The outgoing provider's source." };
        var to = new Option<string>("--to-source") { Required = true, Description = "The incoming provider's source." };
        var date = new Option<string>("--date") { Required = true, Description = "The transition date, YYYY-MM-DD." };
        var command = new Command("transition", "Reconcile a provider transition: was any client lost?") { from, to, date };
        command.SetAction(async (parse, cancel) =>
        {
            if (!DateOnly.TryParseExact(parse.GetValue(date), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                console.Error.WriteLine("--date must be a date as YYYY-MM-DD.");
                return ExitCodes.Usage;
            }
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            var known = await TransitionCheck.SourcesAsync(db.Episodes, cancel);
            if (known.Count == 0)
            {
                console.Error.WriteLine("The database holds no records, so there is no transition to check.");
                return ExitCodes.Refused;
            }
            var (fromSource, toSource) = (parse.GetValue(from)!, parse.GetValue(to)!);
            const string held = "the sources the database holds";
            if ((TransitionCheck.RefuseSource("outgoing", fromSource, known, held)
                 ?? TransitionCheck.RefuseSource("incoming", toSource, known, held)) is { } why)
            {
                console.Error.WriteLine(why);
                return ExitCodes.Refused;
            }
            var report = await TransitionCheck.RunAsync(db, fromSource, toSource, day, cancel);
            if (report.Nobody is { } nobody) console.Out.WriteLine(nobody);
            foreach (var line in report.Lines)
                console.Out.WriteLine($"{line.Outcome.ToString().ToLowerInvariant()}\t{line.ClientRef}\t{line.EpisodeRefs}\t{line.Detail}");
            console.Out.WriteLine(report.Totals);
            if (report.ContinuationLine is { } continuation) console.Out.WriteLine(continuation);
            return report.AnyUnaccounted ? ExitCodes.Refused : ExitCodes.Done;
        });
        return command;
    }
}
