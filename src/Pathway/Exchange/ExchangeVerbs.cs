using Pathway.Infrastructure;
using System.CommandLine;
using Pathway.Access.Audit;
using Pathway.Data;

namespace Pathway.Exchange;

/// <summary>`pathway load` and `pathway export` (cli.md).</summary>
public static class ExchangeVerbs
{
    public static Command Load(CliConsole console)
    {
        var bundle = new Argument<string>("BUNDLE") { Description = "A bundle folder or .zip file." };
        var source = new Option<string>("--source") { Required = true, Description = "The source system the bundle comes from." };
        var dryRun = new Option<bool>("--dry-run")
        {
            Description = "Check the bundle and print what loading it would do, per file, against the records held; load nothing.",
        };
        var command = new Command("load", "Load an exchange-format bundle (folder or .zip), all or nothing.") { bundle, source, dryRun };
        command.SetAction(async (parse, cancel) =>
        {
            var name = parse.GetValue(source)!;
            if (!BundleExport.IsValidSourceName(name))
            {
                console.Error.WriteLine("--source must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
                return ExitCodes.Usage;
            }
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            if (await Demo.DemoArea.IsPresentAsync(target, cancel))
            {
                console.Error.WriteLine(Demo.DemoArea.LoadRefused);
                return ExitCodes.Refused;
            }
            var preview = parse.GetValue(dryRun);
            LoadResult result;
            try
            {
                using var opened = Bundle.Open(parse.GetValue(bundle)!);
                var today = TimeProvider.System.Today();
                result = preview
                    ? await BulkLoad.PreviewAsync(target, opened, name, today, console.Error, cancel)
                    : await BulkLoad.LoadAsync(target, opened, name, today,
                        AuditTrail.CommandLine(AuditActions.Change, AuditOutcomes.Succeeded, AuditedRecordTypes.Source, name), console.Error, cancel);
            }
            catch (BundleUnreadableException e)
            {
                console.Error.WriteLine(e.Message);
                return ExitCodes.Refused;
            }
            if (!result.Loaded)
            {
                var report = result.Check.Report;
                foreach (var problem in report.Sorted()) console.Error.WriteLine(problem);
                if (report.NotListed > 0) console.Error.WriteLine($"... and {report.NotListed:N0} more problems not listed.");
                console.Error.WriteLine($"The bundle was not loaded: {report.Count:N0} problem{(report.Count == 1 ? "" : "s")}; nothing was changed.");
                return ExitCodes.Refused;
            }
            foreach (var counts in result.Counts) console.Out.WriteLine(counts);
            if (result.NewSource)
            {
                await using var db = target.CreateDb();
                var held = (await BundleExport.SourcesAsync(db, cancel)).Where(s => s != name).ToList();
                console.Error.WriteLine((preview ? result.NewSourceWarning + "." : result.NewSourceNote)
                    + (held.Count > 0 ? $" The sources held {(preview ? "are" : "were")} {string.Join(", ", held)}." : ""));
            }
            if (preview) console.Error.WriteLine("Dry run: nothing was loaded.");
            return ExitCodes.Done;
        });
        return command;
    }

    public static Command Export(CliConsole console)
    {
        var dir = new Argument<string>("DIR") { Description = "The folder to write DIR/SOURCE/ bundles into." };
        var source = new Option<string>("--source") { Description = "Only this source." };
        var national = new Option<bool>("--national")
        {
            Description = "The national submission: clients without consent to share have no initials, date of birth, postcode or NHS number.",
        };
        var command = new Command("export", "Write one exchange-format bundle per source into DIR.") { dir, source, national };
        command.SetAction(async (parse, cancel) =>
        {
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            var sources = await BundleExport.SourcesAsync(db, cancel);
            if (parse.GetValue(source) is { } only)
            {
                if (!sources.Contains(only))
                {
                    console.Error.WriteLine($"The database holds no records from source {only}.");
                    return ExitCodes.Refused;
                }
                sources = [only];
            }
            var folder = parse.GetValue(dir)!;
            foreach (var name in sources)
            {
                console.Error.WriteLine($"Exporting {name}.");
                var counts = await BundleExport.WriteAsync(db, target.Kind, name, Path.Combine(folder, name), cancel, parse.GetValue(national));
                db.AuditEvents.Add(AuditTrail.CommandLine(AuditActions.Export, AuditOutcomes.Succeeded, AuditedRecordTypes.Source, name));
                await db.SaveChangesAsync(cancel);
                console.Out.WriteLine(counts);
            }
            if (sources.Count == 0) console.Error.WriteLine("The database holds no records; nothing was written.");
            return ExitCodes.Done;
        });
        return command;
    }
}
