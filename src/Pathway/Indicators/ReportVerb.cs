using Pathway.Infrastructure;
using System.CommandLine;
using System.Globalization;
using Pathway.Commissioning;
using Pathway.Data;

namespace Pathway.Indicators;

/// <summary>`pathway report`: the indicators of indicators.md for a period, as JSON, CSV or the scrutiny page; `--public` for publication.</summary>
public static class ReportVerb
{
    private static readonly string[] Formats = ["json", "csv", "html"];

    public static Command Create(CliConsole console)
    {
        var from = new Option<string>("--from") { Required = true, Description = "First day of the period (YYYY-MM-DD)." };
        var to = new Option<string>("--to") { Required = true, Description = "Last day of the period (YYYY-MM-DD)." };
        var asOf = new Option<string>("--as-of") { Description = "The last date whose data counts (default: today)." };
        var localAuthority = new Option<string>("--local-authority") { Description = "Only episodes of clients of this local authority (ONS code)." };
        var provider = new Option<string>("--provider") { Description = "Only episodes run by this provider code." };
        var format = new Option<string>("--format") { Description = "json (default), csv or html.", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong(Formats);
        var output = new Option<string>("--out") { Description = "Write the report to this file instead of standard output." };
        var isPublic = new Option<bool>("--public")
        {
            Description = "For publication: counts from 1 to 4 and rates made of them are withheld (\"fewer than 5\"). The html scrutiny report always is.",
        };

        var summary = new Option<bool>("--summary")
        {
            Description = "With --format html: the quarterly executive summary of the quarter containing --to, instead of the scrutiny report.",
        };

        var command = new Command("report", "The performance indicators of indicators.md.") { from, to, asOf, localAuthority, provider, format, output, isPublic, summary };
        command.SetAction(async (parse, cancel) =>
        {
            if (ParseDate(parse.GetValue(from), "--from", console) is not { } first
                || ParseDate(parse.GetValue(to), "--to", console) is not { } last)
                return ExitCodes.Usage;
            var asOfText = parse.GetValue(asOf);
            DateOnly observed = TimeProvider.System.Today();
            if (asOfText is not null)
            {
                if (ParseDate(asOfText, "--as-of", console) is not { } given) return ExitCodes.Usage;
                observed = given;
            }
            var query = new IndicatorQuery(first, last, observed, Blank(parse.GetValue(localAuthority)), Blank(parse.GetValue(provider)));
            if (query.Problem() is { } problem)
            {
                console.Error.WriteLine(problem);
                return ExitCodes.Usage;
            }

            if (parse.GetValue(summary) && parse.GetValue(format) != "html")
            {
                console.Error.WriteLine("--summary needs --format html.");
                return ExitCodes.Usage;
            }

            var target = PathwayCommand.Target(parse);
            await SchemaRules.EnsureUsableAsync(target, cancel);
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            // The figures are plain SQL on a connection of their own: no EF Core context, whose model would take longer to
            // build than a small area's report takes to compute. The html reports read contracts and targets through EF Core.
            async Task<IndicatorReport> Figures()
            {
                var report = await IndicatorEngine.ComputeAsync(target, query, cancel);
                return parse.GetValue(isPublic) ? PublicFigures.Apply(report) : report;
            }
            async Task<string> Html()
            {
                await using var db = target.CreateDb();
                // The scrutiny report is a public paper, so it applies the small-number rule itself, with or without --public.
                return parse.GetValue(summary)
                    ? SummaryReport.Document(await SummaryReport.BuildAsync(db, Quarter.Containing(query.To), query, cancel))
                    : ScrutinyReport.Document(await ScrutinyReport.BuildAsync(db, query, cancel));
            }
            var text = parse.GetValue(format) switch
            {
                "csv" => ReportWriters.Csv(await Figures()),
                "html" => await Html(),
                _ => ReportWriters.Json(await Figures()),
            };
            Telemetry.ReportWritten(parse.GetValue(summary) ? "summary" : parse.GetValue(format)!, System.Diagnostics.Stopwatch.GetElapsedTime(started));

            if (parse.GetValue(output) is { } file)
            {
                try
                {
                    await File.WriteAllTextAsync(file, text, cancel);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    console.Error.WriteLine($"Cannot write the report to {file}: {e.Message}");
                    return ExitCodes.Refused;
                }
                console.Error.WriteLine($"Report written to {file}.");
            }
            else
            {
                await console.Out.WriteAsync(text);
            }
            return ExitCodes.Done;
        });
        return command;
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static DateOnly? ParseDate(string? text, string option, CliConsole console)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)) return date;
        console.Error.WriteLine($"{option} must be a date written YYYY-MM-DD, not '{text}'.");
        return null;
    }
}
