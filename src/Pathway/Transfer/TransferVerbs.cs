using System.CommandLine;
using System.Globalization;
using Pathway.Access.Audit;
using Pathway.Data;
using Pathway.Exchange;

namespace Pathway.Transfer;

/// <summary>`pathway transfer export` and `pathway transfer import`: a source's whole record, as FHIR, to another deployment or source.</summary>
public static class TransferVerbs
{
    public const string TransferAction = "transfer";

    public static Command Create(CliConsole console)
    {
        var command = new Command("transfer", "Transfer of care: a source's whole record as a FHIR bulk export, and its import elsewhere.");
        command.Subcommands.Add(Export(console));
        command.Subcommands.Add(Import(console));
        return command;
    }

    private static Command Export(CliConsole console)
    {
        var source = new Option<string>("--source") { Required = true, Description = "The source (provider system) whose records to export." };
        var output = new Option<string>("--out") { Required = true, Description = "The folder to write the NDJSON files and manifest.json into." };
        var time = new Option<string?>("--transaction-time")
        {
            Description = "The manifest's transactionTime, as an ISO 8601 instant (default: the latest moment the records speak of).",
        };
        var command = new Command("export", "Write everything held for one source as FHIR R4 UK Core NDJSON, one file per resource type.") { source, output, time };
        command.SetAction(async (parse, cancel) =>
        {
            var name = parse.GetValue(source)!;
            DateTimeOffset? given = null;
            if (parse.GetValue(time) is { } text)
            {
                if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
                {
                    console.Error.WriteLine("--transaction-time must be a date and time such as 2026-11-30T17:00:00Z.");
                    return ExitCodes.Usage;
                }
                given = at.ToUniversalTime();
            }
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            if (await TransferExport.LatestAsync(db, name, cancel) is not { } latest)
            {
                console.Error.WriteLine($"The database holds no records from source {name}.");
                return ExitCodes.Refused;
            }
            var folder = parse.GetValue(output)!;
            if (Directory.Exists(folder) && Directory.EnumerateFileSystemEntries(folder).Any())
            {
                console.Error.WriteLine($"The folder {folder} is not empty: a transfer export goes into a new or empty folder.");
                return ExitCodes.Refused;
            }
            var export = await TransferExport.ReadAsync(db, name, given ?? latest, cancel);
            var counts = await TransferExport.WriteAsync(export, name, folder, cancel);
            var audit = AuditTrail.CommandLine(AuditActions.Export, AuditOutcomes.Succeeded, AuditedRecordTypes.Source, name);
            audit.Path = "transfer export: " + string.Join(", ", counts.Select(c => $"{c.Type} {c.Count}"));
            db.AuditEvents.Add(audit);
            await db.SaveChangesAsync(cancel);
            foreach (var (type, count) in counts) console.Out.WriteLine($"{type}\t{count}");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var folder = new Argument<string>("DIR") { Description = "A folder written by `pathway transfer export`." };
        var into = new Option<string>("--into-source") { Required = true, Description = "The source the records are to belong to here." };
        var command = new Command("import", "Import a transfer export into a source, all or nothing.") { folder, into };
        command.SetAction(async (parse, cancel) =>
        {
            var name = parse.GetValue(into)!;
            if (!BundleExport.IsValidSourceName(name))
            {
                console.Error.WriteLine("--into-source must be 1 to 40 letters, digits, dots, dashes or underscores, starting with a letter or digit.");
                return ExitCodes.Usage;
            }
            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            await using var db = target.CreateDb();
            var audit = AuditTrail.CommandLine(TransferAction, AuditOutcomes.Succeeded, AuditedRecordTypes.Source, name);
            var result = await TransferImport.ImportAsync(db, parse.GetValue(folder)!, name, audit, cancel);
            if (!result.Imported)
            {
                const int listed = 100;
                foreach (var problem in result.Problems.Take(listed)) console.Error.WriteLine(problem);
                if (result.Problems.Count > listed) console.Error.WriteLine($"... and {result.Problems.Count - listed:N0} more problems not listed.");
                console.Error.WriteLine($"The transfer was not imported: {result.Problems.Count:N0} problem{(result.Problems.Count == 1 ? "" : "s")}; nothing was stored.");
                // The refusal is audited too, on a fresh unit of work: the refused records were never saved.
                await using var audits = target.CreateDb();
                var refused = AuditTrail.CommandLine(TransferAction, AuditOutcomes.Refused, AuditedRecordTypes.Source, name);
                refused.Path = $"transfer import: {result.Problems.Count} problems";
                audits.AuditEvents.Add(refused);
                await audits.SaveChangesAsync(cancel);
                return ExitCodes.Refused;
            }
            foreach (var (type, count) in result.Counts) console.Out.WriteLine($"{type}\t{count}");
            return ExitCodes.Done;
        });
        return command;
    }
}
