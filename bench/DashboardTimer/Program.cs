// Times what the dashboard (/performance) computes for one period (a quarter or a financial year, as the page
// offers), with the page's own method, RUNS times:
//   DashboardTimer DB PERIOD AS_OF [LOCAL_AUTHORITY] [RUNS]      e.g. DashboardTimer bench.db 2020Q4 2021-03-31 E08000007 5
// Signing in through `pathway serve` would add TOTP set-up and HTTP to a figure that is all database work, and
// the page only offers quarters near today, so the figures are timed here in one warm process, as the server has.
// Prints one line per run (seconds): the first computes every figure (no kept figures: the table is emptied first), the
// later ones are what a repeat view costs (kept figures, Indicators/KeptFigures.cs); then the time of each indicator
// query of the period, to show where a first view's time goes.
using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Pathway.Commissioning;
using Pathway.Data;
using Pathway.Indicators;

if (args.Length < 3 || ReportPeriod.Parse(args[1]) is not { } period)
{
    Console.Error.WriteLine("usage: DashboardTimer DB PERIOD(2020Q4 or FY2019) AS_OF [LOCAL_AUTHORITY] [RUNS]");
    return 2;
}
var target = DatabaseTarget.Parse(args[0]);
var asOf = DateOnly.ParseExact(args[2], "yyyy-MM-dd", CultureInfo.InvariantCulture);
var la = args.Length > 3 && args[3] != "" ? args[3] : null;
var runs = args.Length > 4 ? int.Parse(args[4], CultureInfo.InvariantCulture) : 5;
var query = new IndicatorQuery(period.From, period.To, asOf, la);

await using var db = target.CreateDb();
await db.KeptFigureSets.ExecuteDeleteAsync();
for (var i = 0; i < runs; i++)
{
    var clock = Stopwatch.StartNew();
    var (report, _, _) = await DashboardModel.FiguresAsync(db, query, CancellationToken.None);
    Console.WriteLine($"{clock.Elapsed.TotalSeconds:F3} {(i == 0 ? "computed" : "kept")} in_treatment.total={report["in_treatment.total"].Value}");
}

var sql = new IndicatorSql(target.Kind, query);
await db.Database.OpenConnectionAsync();
var connection = new IndicatorConnection(db.Database.GetDbConnection(), null);
async Task Time(string name, Func<Task> step)
{
    var clock = Stopwatch.StartNew();
    await step();
    Console.Error.WriteLine($"  {name,-12} {clock.Elapsed.TotalSeconds:F3} s");
}
Console.Error.WriteLine($"the period's queries ({target.Kind}):");
await Time("people", () => InTreatment.CountAsync(connection, sql, CancellationToken.None));
await Time("selection", () => InTreatment.SelectionAsync(connection, sql, CancellationToken.None));
await Time("waits", () => WaitingTimes.ComputeAsync(connection, sql, CancellationToken.None));
await Time("outcomes", () => Outcomes.ComputeAsync(connection, sql, CancellationToken.None));
await Time("access", () => Access.ComputeAsync(connection, sql, CancellationToken.None));
await Time("uptake", () => Pathway.PublicSite.DigitalUptake.ForAsync(db, query, CancellationToken.None));
return 0;
